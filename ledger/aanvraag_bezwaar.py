"""The aanvraag after a gegrond bezwaar (Awb 7:11): the decision revoked, the aanvraag open again.

A mixin of the Aanvraag aggregate (its state and event methods live in ledger/aanvraag.py, its events in
ledger/aanvraag_gebeurtenissen.py). Rules owned here:
- only a decision on the aanvraag itself is revoked here: a toekenning, a weigering (also by the
  wijkraadpleging, art. 5 lid 6) or buiten behandeling (Awb 4:5). A gegrond bezwaar against an
  intrekking, vaststelling or terugvordering is not handled by the ledger (the college takes the
  new decision with `toekenning intrekken`, `aanvraag vaststellen` or `terugvordering instellen`);
- a toekenning is revoked only while nothing was paid from its vouchers and it is not vastgesteld:
  then every voucher's value is withdrawn (it counts as `vervallen`, the plafond is free again) and a
  new decision gives new vouchers with new codes. Once something was paid, herroeping would have to
  move those payments to the new grant; the ledger refuses it and points to intrekking and
  terugvordering instead;
- the aanvraag returns to the status it had before the revoked decision: ingediend (or
  raadpleging_voor when the wijkraadpleging was for it), geschikt after a wijkraadpleging against
  (a new raadpleging is held), onvolledig after buiten behandeling. It does not rejoin the order of
  receipt (art. 4 lid 4): its new decision follows the bezwaar, and may be taken after the last issue
  date (art. 5 lid 8); the reports list both as exceptions with the bezwaar's number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ledger import status as st
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, RegelOvertreden
from ledger.geld import Bedrag
from ledger.namens import NAMENS_COLLEGE, eis_mandaat_voor

HERROEPBAAR = ("toegekend", "geweigerd", st.Status.BUITEN_BEHANDELING.value)


class NaBezwaar:
    """Mixin of `Aanvraag`: its state and event methods, as this mixin uses them."""

    nummer: int
    wijk: str
    status: str
    besluit: dict[str, Any] | None
    raadpleging: dict[str, Any] | None
    heropend: dict[str, Any] | None
    _herroepen: Callable[..., None]
    _eis_status: Callable[[str], None]

    def herroep(
        self,
        bezwaar: int,
        besluit: int,
        soort: str,
        betaald: Bedrag,
        vrijgegeven: Bedrag,
        datum: date,
        gebruiker: str,
        *,
        mandaat: dict[str, Any],
    ) -> None:
        """Awb 7:11: revoke decision `besluit` (event number, of kind `soort`) on gegrond bezwaar `bezwaar`."""
        if soort not in HERROEPBAAR:
            raise RegelOvertreden(
                f"een gegrond bezwaar tegen een {soort} herroept de administratie niet zelf: neem het nieuwe besluit "
                "met toekenning intrekken, aanvraag vaststellen of terugvordering instellen, of verklaar het bezwaar "
                "ongegrond",
                artikel="Awb 7:11",
            )
        self._eis_status("herroepen")
        if self.besluit is None or datum < self.besluit["datum"]:
            raise OngeldigeInvoer("de herroeping ligt voor het besluit dat wordt herroepen")
        if soort == "toegekend" and betaald.centen:
            raise RegelOvertreden(
                f"van de vouchers van aanvraag {self.nummer} is al {betaald} betaald: die toekenning wordt niet "
                "herroepen; trek het onbestede deel in (voucher toekenning intrekken) en vorder zo nodig terug "
                "(voucher terugvordering instellen)",
                artikel="Awb 7:11, 4:48, 4:57",
                betaald=betaald,
            )
        self._herroepen(
            bezwaar=bezwaar,
            besluit=besluit,
            soort=soort,
            status=self._status_voor_het_besluit(soort).value,
            vrijgegeven=vrijgegeven,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    def _status_voor_het_besluit(self, soort: str) -> st.Status:
        if soort == st.Status.BUITEN_BEHANDELING.value:
            return st.Status.ONVOLLEDIG
        if self.raadpleging is None:
            return st.Status.INGEDIEND
        if self.raadpleging.get("uitkomst") == "voor":
            return st.Status.RAADPLEGING_VOOR
        # geschikt verklaard, and no raadpleging for it: the wijkraadpleging was against (a new one is held),
        # or not held yet (also after an earlier herroeping of a raadpleging against)
        return st.Status.GESCHIKT

    def eis_heropend_na(self, datum: date) -> None:
        """A new decision after herroeping is not dated before it."""
        if self.heropend is not None and datum < self.heropend["datum"]:
            raise OngeldigeInvoer(
                f"het nieuwe besluit ligt voor de herroeping op bezwaar {self.heropend['bezwaar']} "
                f"({formatteer_datum(self.heropend['datum'])})"
            )
