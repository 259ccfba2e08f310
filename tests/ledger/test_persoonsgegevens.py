"""Personal data sealed per aanvraag: what opens with its key, and what never does."""

from __future__ import annotations

import base64
import json
from datetime import date
from uuid import UUID, uuid4

import pytest

from ledger.persoonsgegevens import (
    AFGESCHERMD,
    VERWIJDERD,
    PersoonsgegevensOnleesbaar,
    is_token,
    mag_zien,
    nieuwe_sleutel,
    onleesbaar,
    ontsleutel,
    verzegel,
)

PERSOON = {"naam": "Zwanetta Kwakkelstein", "adres": "Quaggaweg 77", "telefoon": "06-99887766", "ondertekend": True}


def test_verzegelde_persoonsgegevens_openen_alleen_met_de_eigen_sleutel():
    sleutel, aanvraag = nieuwe_sleutel(), uuid4()
    verzegeld = verzegel(PERSOON, sleutel, aanvraag)
    assert all(is_token(v) for v in verzegeld.values())
    assert not any(PERSOON["naam"] in v or "Quaggaweg" in v or "99887766" in v for v in verzegeld.values())
    assert ontsleutel(verzegeld, sleutel, aanvraag) == PERSOON
    assert len(sleutel) == 32 and sleutel != nieuwe_sleutel()


def test_dezelfde_naam_twee_keer_verzegeld_geeft_twee_verschillende_teksten():
    sleutel, aanvraag = nieuwe_sleutel(), uuid4()
    assert verzegel(PERSOON, sleutel, aanvraag)["naam"] != verzegel(PERSOON, sleutel, aanvraag)["naam"]


def test_een_ontbrekend_gegeven_blijft_zichtbaar_als_ontbrekend_zonder_sleutel():
    verzegeld = verzegel(
        {"naam": "Piet", "adres": None, "telefoon": "", "ondertekend": False}, nieuwe_sleutel(), uuid4()
    )
    assert is_token(verzegeld["naam"])
    assert (verzegeld["adres"], verzegeld["telefoon"], verzegeld["ondertekend"]) == (None, None, None)


def test_een_verkeerde_sleutel_geeft_een_duidelijke_fout():
    aanvraag = uuid4()
    verzegeld = verzegel(PERSOON, nieuwe_sleutel(), aanvraag)
    with pytest.raises(PersoonsgegevensOnleesbaar, match="niet te ontsleutelen: de sleutel hoort er niet bij"):
        ontsleutel(verzegeld, nieuwe_sleutel(), aanvraag)


def test_een_sleutel_van_de_verkeerde_lengte_geeft_een_duidelijke_fout():
    with pytest.raises(PersoonsgegevensOnleesbaar, match="32 bytes"):
        ontsleutel({"naam": "avg1.AAAA"}, b"kort", uuid4())


@pytest.mark.parametrize("plek", [0, 5, 20, -1])
def test_een_gewijzigde_versleutelde_tekst_geeft_een_duidelijke_fout(plek):
    sleutel, aanvraag = nieuwe_sleutel(), uuid4()
    token = verzegel({"naam": "Piet Jansen"}, sleutel, aanvraag)["naam"]
    tekst = token[len("avg1.") :]
    blob = bytearray(base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4)))
    blob[plek] ^= 0x01
    gewijzigd = "avg1." + base64.urlsafe_b64encode(bytes(blob)).decode().rstrip("=")
    with pytest.raises(PersoonsgegevensOnleesbaar, match="gewijzigd"):
        ontsleutel({"naam": gewijzigd}, sleutel, aanvraag)


@pytest.mark.parametrize("token", ["avg1.", "avg1.!!!", "avg1.AAAA"])
def test_een_afgekapte_of_onzinnige_tekst_geeft_een_duidelijke_fout(token):
    with pytest.raises(PersoonsgegevensOnleesbaar):
        ontsleutel({"naam": token}, nieuwe_sleutel(), uuid4())


def test_een_tekst_van_een_andere_aanvraag_of_een_ander_veld_opent_niet():
    sleutel, aanvraag = nieuwe_sleutel(), uuid4()
    verzegeld = verzegel(PERSOON, sleutel, aanvraag)
    with pytest.raises(PersoonsgegevensOnleesbaar):
        ontsleutel({"naam": verzegeld["naam"]}, sleutel, uuid4())
    with pytest.raises(PersoonsgegevensOnleesbaar):
        ontsleutel({"adres": verzegeld["naam"]}, sleutel, aanvraag)


def test_zonder_sleutel_leest_elk_aanwezig_gegeven_als_verwijderd():
    verzegeld = verzegel({**PERSOON, "telefoon": None}, nieuwe_sleutel(), uuid4())
    assert onleesbaar(verzegeld) == {
        "naam": VERWIJDERD,
        "adres": VERWIJDERD,
        "telefoon": None,
        "ondertekend": VERWIJDERD,
    }


class _Mandaten:
    def __init__(self, *houders: tuple[str, str, str | None]) -> None:
        self.houders = set(houders)

    def heeft_mandaat(self, gebruiker: str, rol: str, wijk: str | None, datum: date) -> bool:
        return (gebruiker, rol, None) in self.houders or (gebruiker, rol, wijk) in self.houders


def test_alleen_het_college_en_de_regiegroep_van_de_wijk_zien_aanvragers():
    m = _Mandaten(("weth", "college", None), ("anna", "regiegroep", "NOORD"), ("kees", "kasbeheerder", None))
    dag = date(2026, 3, 1)
    assert mag_zien(m, "weth", "NOORD", dag) and mag_zien(m, "weth", "ZUID", dag)
    assert mag_zien(m, "anna", "NOORD", dag)
    assert not mag_zien(m, "anna", "ZUID", dag)
    assert not mag_zien(m, "kees", "NOORD", dag)
    assert not mag_zien(m, "", "NOORD", dag)
    assert AFGESCHERMD == "aanvrager"


def test_wie_aanvragers_ziet_hangt_af_van_het_mandaat_op_die_dag() -> None:
    from ledger.gemeente import Gemeente
    from ledger.regeling import Regeling

    g = Gemeente(naam="Teststad", regeling=Regeling().naar_dict(), datum=date(2026, 1, 1), gebruiker="weth")
    g.geef_mandaat("weth", "college", None, date(2026, 2, 1), "weth")
    g.geef_mandaat("anna", "regiegroep", "NOORD", date(2026, 3, 1), "weth")
    assert not mag_zien(g, "weth", "NOORD", date(2026, 1, 31))
    assert mag_zien(g, "weth", "NOORD", date(2026, 2, 1))
    assert not mag_zien(g, "anna", "NOORD", date(2026, 2, 28))
    assert mag_zien(g, "anna", "NOORD", date(2026, 3, 1))


def test_gegevens_van_voor_het_verzegelen_blijven_leesbaar_naast_verzegelde() -> None:
    sleutel, aanvraag = nieuwe_sleutel(), uuid4()
    verzegeld = verzegel({"adres": "Quaggaweg 77"}, sleutel, aanvraag)
    oud_en_nieuw = {"naam": "Zwanetta Kwakkelstein", "telefoon": None, **verzegeld, "ondertekend": True}
    assert ontsleutel(oud_en_nieuw, sleutel, aanvraag) == {
        "naam": "Zwanetta Kwakkelstein",
        "telefoon": None,
        "adres": "Quaggaweg 77",
        "ondertekend": True,
    }


def test_een_token_is_het_voorvoegsel_en_base64url_van_nonce_en_versleutelde_json_zonder_opvulling(monkeypatch):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from ledger import persoonsgegevens

    sleutel, aanvraag, nonce = bytes(range(32)), UUID("00000000-0000-0000-0000-000000000001"), bytes(12)
    monkeypatch.setattr(persoonsgegevens.secrets, "token_bytes", lambda n: nonce)

    def verwacht(waarde: str) -> str:
        data = json.dumps(waarde, ensure_ascii=False).encode()
        blob = nonce + AESGCM(sleutel).encrypt(nonce, data, f"vouchers/aanvraag/{aanvraag}/naam".encode())
        return "avg1." + base64.urlsafe_b64encode(blob).decode().rstrip("=")

    # Met opvulling, en een token dat op een X eindigt (daar mag niets van af).
    namen = [f"Zoë {i}" for i in range(400)]
    met_opvulling = next(n for n in namen if len(verwacht(n).removeprefix("avg1.")) % 4)
    op_x = next(n for n in namen if verwacht(n).endswith("X"))
    for naam in (met_opvulling, op_x):
        token = verzegel({"naam": naam}, sleutel, aanvraag)["naam"]
        assert token == verwacht(naam) and "=" not in token
        assert ontsleutel({"naam": token}, sleutel, aanvraag) == {"naam": naam}


def test_wat_geen_persoonsgegeven_is_wordt_niet_verzegeld_en_een_kapot_token_zegt_welk_gegeven():
    with pytest.raises(ValueError) as info:
        verzegel({"iban": "NL00BANK0123456789"}, nieuwe_sleutel(), uuid4())
    assert str(info.value) == "iban is geen persoonsgegeven"
    with pytest.raises(PersoonsgegevensOnleesbaar) as fout:
        ontsleutel({"adres": "avg1.AAAA"}, nieuwe_sleutel(), uuid4())
    assert str(fout.value) == (
        "het persoonsgegeven 'adres' is niet te ontsleutelen: de sleutel hoort er niet bij of de versleutelde tekst "
        "is gewijzigd"
    )
    with pytest.raises(PersoonsgegevensOnleesbaar) as fout:
        ontsleutel({"adres": "avg1.AAAA"}, b"kort", uuid4())
    assert str(fout.value) == "een sleutel voor persoonsgegevens is 32 bytes"
    assert len(nieuwe_sleutel()) == 32 and nieuwe_sleutel() != nieuwe_sleutel()
