"""Personal data of an applicant (art. 4 lid 2 onder a; AVG): sealed per aanvraag, erasable.

Rules owned here:
- the items naam, adres, telefoon and ondertekend are personal data; in events and aggregate
  state each item is either absent (None: missing, so `ontbreekt` stays derivable without any
  key) or a token "avg1.<base64url(nonce | AES-256-GCM ciphertext and tag)>";
- every aanvraag has its own random 256-bit key, kept apart from the history (the key table);
  destroying that key erases the data everywhere, snapshots and backups of the log included,
  while the financial history stays whole ("crypto-shredding");
- a token is bound to its aanvraag and item (associated data), so a token copied to another
  aanvraag or item does not open; a wrong key or a changed token is an error, never garbage;
- what people read instead: VERWIJDERD after the key was destroyed, AFGESCHERMD for whoever
  may not see applicants (see `mag_zien`).

`cryptography` is imported on first use: reads that show no person never load it.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from ledger.fouten import OpslagOnbeschikbaar

VELDEN = ("naam", "adres", "telefoon", "ondertekend")
SLEUTELLENGTE = 32  # bytes: AES-256
NONCELENGTE = 12  # bytes: the GCM standard nonce
VOORVOEGSEL = "avg1."
VERWIJDERD = "[verwijderd]"
AFGESCHERMD = "aanvrager"


class PersoonsgegevensOnleesbaar(OpslagOnbeschikbaar):
    """A token does not open with the key the store holds: wrong key, or the token was changed."""


class Mandaten(Protocol):
    def heeft_mandaat(self, gebruiker: str, rol: str, wijk: str | None, datum: date) -> bool: ...


def nieuwe_sleutel() -> bytes:
    return secrets.token_bytes(SLEUTELLENGTE)


def is_token(waarde: Any) -> bool:
    return isinstance(waarde, str) and waarde.startswith(VOORVOEGSEL)


def _aanwezig(veld: str, waarde: Any) -> bool:
    """The rule of Aanvraag.ontbreekt: None, empty text and an unsigned form are missing."""
    return not (waarde is None or waarde == "" or (waarde is False and veld == "ondertekend"))


def _context(aanvraag_id: UUID, veld: str) -> bytes:
    return f"vouchers/aanvraag/{aanvraag_id}/{veld}".encode()


def _aesgcm(sleutel: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not isinstance(sleutel, bytes) or len(sleutel) != SLEUTELLENGTE:
        raise PersoonsgegevensOnleesbaar(f"een sleutel voor persoonsgegevens is {SLEUTELLENGTE} bytes")
    return AESGCM(sleutel)


def verzegel(persoon: dict[str, Any], sleutel: bytes, aanvraag_id: UUID) -> dict[str, Any]:
    """Plain items -> tokens; a missing item becomes None. Keys not given stay absent."""
    aes = _aesgcm(sleutel)
    uit: dict[str, Any] = {}
    for veld, waarde in persoon.items():
        if veld not in VELDEN:
            raise ValueError(f"{veld} is geen persoonsgegeven")
        if not _aanwezig(veld, waarde):
            uit[veld] = None
            continue
        nonce = secrets.token_bytes(NONCELENGTE)
        data = json.dumps(waarde, ensure_ascii=False).encode("utf-8")
        blob = nonce + aes.encrypt(nonce, data, _context(aanvraag_id, veld))
        uit[veld] = VOORVOEGSEL + base64.urlsafe_b64encode(blob).decode("ascii").rstrip("=")
    return uit


def ontsleutel(persoon: dict[str, Any], sleutel: bytes, aanvraag_id: UUID) -> dict[str, Any]:
    """Tokens -> plain items. A value that is no token (recorded before sealing existed) is returned as is."""
    from cryptography.exceptions import InvalidTag

    aes = _aesgcm(sleutel)
    uit: dict[str, Any] = {}
    for veld, waarde in persoon.items():
        if not is_token(waarde):
            uit[veld] = waarde
            continue
        try:
            tekst = waarde[len(VOORVOEGSEL) :]
            blob = base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))
            if len(blob) <= NONCELENGTE:
                raise ValueError("te kort")
            data = aes.decrypt(blob[:NONCELENGTE], blob[NONCELENGTE:], _context(aanvraag_id, veld))
            uit[veld] = json.loads(data.decode("utf-8"))
        except (InvalidTag, ValueError, binascii.Error, UnicodeDecodeError):
            raise PersoonsgegevensOnleesbaar(
                f"het persoonsgegeven '{veld}' is niet te ontsleutelen: de sleutel hoort er niet bij of de "
                "versleutelde tekst is gewijzigd"
            ) from None
    return uit


def onleesbaar(persoon: dict[str, Any]) -> dict[str, Any]:
    """What is shown once the key is destroyed: every present item reads VERWIJDERD."""
    return {veld: (VERWIJDERD if waarde is not None else None) for veld, waarde in persoon.items()}


def mag_zien(mandaten: Mandaten, gebruiker: str, wijk: str, datum: date) -> bool:
    """Who sees applicants' personal data: the college, and the regiegroep (or the ambtenaar doing its
    part) of the aanvraag's wijk (they decide on it and contact the applicant, art. 2 lid 6, art. 4
    lid 3). Nobody else: the kasbeheerder pays from a voucher code, the accountant and the raad check
    amounts and acts."""
    if not gebruiker:
        return False
    return any(
        mandaten.heeft_mandaat(gebruiker, rol, None if rol == "college" else wijk, datum)
        for rol in ("college", "regiegroep", "ambtenaar")
    )
