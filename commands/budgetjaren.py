"""Budget years: which year an aanvraag belongs to, and the dates of a wijk's year (art. 5 lid 8).

Rules owned here:
- a wijk is designated per budget year (toelichting art. 2 lid 1); an aanvraag registered
  without `--periode` belongs to the designated budget year of its wijk that is still open for
  grants on the date of receipt (received on or before its last issue date), else to the next
  designated one; when there is none the registration is refused (exit 1), naming the years that
  are designated and how to designate the next. When that year has been closed since, the
  registration is refused (art. 5 lid 8): a late paper record is not moved to another year;
- the dates of a wijk's year come from the regeling in force on the day of the designation
  (`Regeling.verstrekken_tot_in`, `uitvoeren_tot_in`: relative to the budget year); the college
  may set earlier dates for one wijk (`--verstrekken-tot`, `--uitvoeren-tot`), later ones only
  when the regeling allows it (`wijkdata_later_toegestaan`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ledger import gebeurtenissen
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, RegelOvertreden
from ledger.regeling import Regeling

if TYPE_CHECKING:
    from commands.kern import Kern
    from ledger.wijk import Wijk


def kies(dienst: Kern, code: str, ontvangen: date) -> Wijk:
    """The budget year of an aanvraag for wijk `code` received on `ontvangen`."""
    jaren = sorted({e.periode for e in dienst.gebeurtenissen([gebeurtenissen.WijkAangewezen]) if e.code == code})
    if not jaren:
        raise dienst.niet_aangewezen(code, ontvangen.year)
    for jaar in jaren:
        w = dienst.laad_wijk(code, jaar)
        if ontvangen <= w.verstrekken_tot:
            w.eis_open()  # that year was closed since: refused (art. 5 lid 8), not moved to another year
            return w
    laatste = dienst.laad_wijk(code, jaren[-1])
    raise RegelOvertreden(
        f"wijk {code} heeft geen budgetjaar dat op {formatteer_datum(ontvangen)} nog open is voor toekenningen "
        f"(aangewezen: {', '.join(map(str, jaren))}; {jaren[-1]} verstrekt tot en met "
        f"{formatteer_datum(laatste.verstrekken_tot)}): wijs eerst de wijk aan voor het volgende budgetjaar, of geef "
        "--periode JAAR",
        artikel="art. 2 lid 1, art. 5 lid 8",
        wijk=code,
        ontvangen=ontvangen,
    )


def data_van_de_wijk(
    r: Regeling, periode: int, verstrekken_tot: date | None, uitvoeren_tot: date | None
) -> tuple[date, date]:
    """(verstrekken tot, uitvoeren tot) of a wijk's budget year: the regeling's, or the college's own."""
    eigen = {"--verstrekken-tot": verstrekken_tot, "--uitvoeren-tot": uitvoeren_tot}
    regeling = {"--verstrekken-tot": r.verstrekken_tot_in(periode), "--uitvoeren-tot": r.uitvoeren_tot_in(periode)}
    for optie, datum in eigen.items():
        if datum is not None and datum > regeling[optie] and not r.wijkdata_later_toegestaan:
            raise RegelOvertreden(
                f"{optie} {formatteer_datum(datum)} ligt na {formatteer_datum(regeling[optie])}, de datum die de "
                f"regeling voor budgetjaar {periode} noemt; een wijk kan eerdere data krijgen, geen latere "
                "(tenzij de regeling dat toestaat: wijkdata_later_toegestaan)",
                artikel="art. 5 lid 8",
                datum=datum,
                uiterste=regeling[optie],
            )
    uit = (verstrekken_tot or regeling["--verstrekken-tot"], uitvoeren_tot or regeling["--uitvoeren-tot"])
    if uit[0] > uit[1]:
        raise OngeldigeInvoer("--verstrekken-tot moet op of voor --uitvoeren-tot liggen (art. 5 lid 8)")
    return uit
