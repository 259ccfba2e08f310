"""Reading through the read models: saldo, kasboek, and rebuilding them.

Every question first catches the views up with the log (projections/bijwerken.py), so a
user always reads what was written before the command started. `--per` is not read from
the views: it replays the log up to that business date through the same fold. Errors of
the store become the ledger's errors here (store unavailable: exit 5), as for every read.
Reading only: no event is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from commands import selectie
from commands.opslag import VoucherLedger, lees_opslag
from ledger import ids
from ledger.fouten import OpslagOnbeschikbaar
from ledger.geld import Bedrag
from ledger.keten import Logkop
from projections import bijwerken
from projections.bijwerken import Leesmodel, LeesmodelOnbeschikbaar
from projections.rijen import KasboekRij, Kasboekvraag, SaldoRij
from projections.saldo import Saldo
from projections.snel import kies_saldi, kies_vouchers
from projections.vouwen import voor_saldo, vouw

T = TypeVar("T")


class Leesdienst:
    """The read models of one store, for one command."""

    def __init__(self, bron: Any) -> None:
        # An application, or a Dienst (its application is used): the read side needs no acting user,
        # and importing the service would import every event-sourced class before a view is read.
        self.app: VoucherLedger = getattr(bron, "app", bron)

    def _lees(self, lezer: Callable[[], T]) -> T:
        return lees_opslag(lezer)

    def eis_ingericht(self) -> None:
        # Before anything is created: a store that was never initialised stays untouched (exit 5).
        # One query for the gemeente's stream, without decoding it.
        if ids.gemeente_id() not in self._lees(lambda: self.app.bestaande([ids.gemeente_id()])):
            raise OpslagOnbeschikbaar("de vouchersadministratie is niet ingericht: voer eerst 'voucher init' uit")

    def saldi(
        self,
        wijk: str | None = None,
        periode: int | None = None,
        per: date | None = None,
        bekend_op: date | None = None,
    ) -> list[Saldo]:
        return self.saldi_met_kop(wijk, periode, per, bekend_op)[0]

    def saldi_met_kop(
        self,
        wijk: str | None = None,
        periode: int | None = None,
        per: date | None = None,
        bekend_op: date | None = None,
    ) -> tuple[list[Saldo], tuple[int, str]]:
        """Saldo per wijk and year from the view, or with `per` or `bekend_op` by replaying the log (up to that
        business date, as recorded by the end of that day); with the log head (position, hash) the answer rests
        on, by the same rule as the reports (projections/vouwen.py `vouw`, ledger/keten.py)."""
        self.eis_ingericht()

        def rijen() -> tuple[list[SaldoRij], tuple[int, str]]:
            if per is None and bekend_op is None:
                return bijwerken.lees(self.app, lambda m: (m.saldo_rijen(), m.ketenkop()))
            # A replay. The selection index, asked once: one wijk and year reads only those; the whole log up
            # to `per` decodes only the kinds the saldo rows depend on (about a third of a year's events), the
            # log head's rule reading the business dates of the rest from the index.
            stand = selectie.bruikbaar(self.app) if (wijk and periode) or bekend_op is None else None
            if wijk and periode and stand is not None:
                return self._saldo_van(selectie.Selectie(wijk, periode, bekend_op), per, stand)
            kop = Logkop()
            if per is not None and bekend_op is None and stand is not None:
                gedateerd = selectie.laatste_gedateerd(self.app, per, stand)
                gelezen = self.app.genummerd(kop=kop, alleen=voor_saldo(), stop=stand)
                m = vouw(gelezen, per, kop=kop, laatste_gedateerd=gedateerd)
            else:
                m = vouw(bijwerken.notificaties(self.app, kop=kop), per, bekend_op, kop=kop)
            return m.saldo_rijen(), m.ketenkop()

        gevonden, kop = self._lees(rijen)
        return kies_saldi(gevonden, wijk, periode), kop

    def _saldo_van(
        self, keuze: selectie.Selectie, per: date | None, stand: int
    ) -> tuple[list[SaldoRij], tuple[int, str]]:
        """`saldo --wijk --periode --per`: the fold of that wijk and year alone (commands/selectie.py), with the
        log head by the rule of `vouw` over the whole log: the last event dated by `per`, or with
        --bekend-op the end of the log as known then."""
        stop = selectie.grens(self.app, keuze.bekend_op, stand)
        m = vouw(self.app.genummerd(selectie=(keuze.wijk, keuze.periode), stop=stop), per, keuze.bekend_op)
        t = selectie.tellers(self.app, keuze, per, stop)
        return m.saldo_rijen(), self.app.logkop(t.gelezen if keuze.bekend_op is not None else t.laatste)

    def kasboek(
        self,
        wijk: str | None = None,
        voucher: str | None = None,
        periode: int | None = None,
        zoek: Kasboekvraag | None = None,
    ) -> dict[str, Any]:
        """The kasboek lines of a wijk, voucher or year, narrowed by date range and supplier or invoice
        text (`zoek`); with the totals of what was selected and the log head the answer rests on."""
        zoek = zoek or Kasboekvraag()
        self.eis_ingericht()

        def vraag(m: Leesmodel) -> tuple[list[KasboekRij], tuple[int, str]]:
            if wijk:
                kies_saldi(m.saldo_rijen(), wijk, periode)  # a wijk that was never designated: exit 3
            return [r for r in m.kasboek_rijen(wijk, voucher, periode) if zoek.past(r)], m.ketenkop()

        rijen, (positie, kop) = self._lees(lambda: bijwerken.lees(self.app, vraag))
        return {
            "wijk": wijk,
            "voucher": voucher,
            "periode": periode,
            **zoek.als_dict(),
            "regels": [_kasboekregel(r) for r in rijen],
            "totaal": _kasboektotaal(rijen),
            "ketenkop": {"positie": positie, "hash": kop},
        }

    def betalingen(self, code: str) -> list[dict[str, Any]]:
        """What was paid from one voucher and what happened to it after its issue, line by line
        (each with its event number): the voucher's kasboek without the line that issued it."""
        return [r for r in self.kasboek(voucher=code)["regels"] if r["soort"] != "verstrekt"]

    def vouchers(
        self, wijk: str | None = None, periode: int | None = None, met_restant: bool = False
    ) -> list[dict[str, Any]]:
        """Every voucher of the selection from the read model, in code order (`voucher vouchers`)."""
        self.eis_ingericht()
        rijen, saldi = self._lees(lambda: bijwerken.lees(self.app, lambda m: (m.voucher_rijen(), m.saldo_rijen())))
        return kies_vouchers(rijen, saldi, wijk, periode, met_restant)

    def herbouw(self) -> dict[str, Any]:
        """Drop and rebuild every view from the log."""
        self.eis_ingericht()
        self._lees(lambda: selectie.vul_aan(self.app))  # an older store: the selection index from the log too
        try:
            return self._lees(lambda: bijwerken.herbouw(self.app))
        except LeesmodelOnbeschikbaar as e:
            raise OpslagOnbeschikbaar(_herbouw_geweigerd(str(e))) from None

    def richt_in(self) -> None:
        """Create the views at `voucher init`. Best effort: the init itself is saved by then, and a store
        where the views cannot be made now gets them at its first read (or answers from the log)."""
        try:
            self._lees(lambda: bijwerken.werk_bij(self.app))
        except (LeesmodelOnbeschikbaar, OpslagOnbeschikbaar):
            pass


def _kasboekregel(r: KasboekRij) -> dict[str, Any]:
    """One line as `kasboek --json` prints it; its keys are the columns of the CSV and the spreadsheet."""
    return {
        "positie": r.positie,
        "datum": r.datum,
        "wijk": r.wijk,
        "periode": r.periode,
        "voucher": r.voucher or None,  # a terugvordering or terugontvangst is the aanvraag's
        "aanvraag": r.aanvraag,
        "soort": r.soort,
        "bedrag": Bedrag(r.bedrag),
        "leverancier": r.leverancier,
        "factuur": r.factuur,
        "reden": r.reden,
        "corrigeert": r.corrigeert,
        "restant": Bedrag(r.restant_voucher) if r.voucher else None,
        "saldo_wijk": Bedrag(r.saldo_wijk),
        "door": r.door,
    }


KASBOEK_KOLOMMEN = tuple(
    _kasboekregel(
        KasboekRij(positie=0, datum=date.min, soort="", voucher="", aanvraag=0, wijk="", periode=0, bedrag=0,
                   restant_voucher=0, saldo_wijk=0, door="")
    )
)  # fmt: skip
"""The columns of a kasboek file, also when the selection has no lines."""

# The totals in the words of `saldo` (CLI.md): the value of the vouchers issued is `toegekend`.
# A corrected payment no longer counts in `verzilverd` or `contant`; `gecorrigeerd` totals the storno lines;
# value withdrawn with a grant (Awb 4:48) counts as `vervallen`, as in `voucher saldo`.
_TOTAAL = {"verstrekt": "toegekend", "verzilverd": "verzilverd", "contant": "contant", "geweigerd": "geweigerd",
           "vervallen": "vervallen", "gecorrigeerd": "gecorrigeerd", "ingetrokken": "vervallen",
           "teruggevorderd": "teruggevorderd", "terugontvangen": "terugontvangen"}  # fmt: skip
# Claims and receipts (Awb 4:57) total as `teruggevorderd` and `terugontvangen`, the keys of `voucher saldo`.


def _kasboektotaal(rijen: list[KasboekRij]) -> dict[str, Bedrag]:
    som = dict.fromkeys(_TOTAAL.values(), 0)
    soort_van = {r.positie: r.soort for r in rijen}  # a correction is in every selection its payment is in
    for r in rijen:
        som[_TOTAAL[r.soort]] += r.bedrag
        if r.corrigeert in soort_van:
            som[_TOTAAL[soort_van[r.corrigeert]]] -= r.bedrag
    return {naam: Bedrag(centen) for naam, centen in som.items()}


def _herbouw_geweigerd(reden: str) -> str:
    """Why the views could not be rebuilt, in Dutch (the driver's own words stay out of the line)."""
    klein = reden.lower()
    if "must be owner" in klein or "permission denied" in klein:
        return (
            "deze databaselogin mag de leesmodellen niet herbouwen: dat mag alleen de eigenaar van de database "
            "(de login die 'voucher init' deed); vraag die 'voucher herbouw' te draaien (README, PostgreSQL)"
        )
    if "readonly" in klein or "read-only" in klein or "read only" in klein:
        return "de leesmodellen kunnen niet worden herbouwd: de opslag is alleen-lezen; er is niets gewijzigd"
    return f"de leesmodellen kunnen in deze opslag niet worden herbouwd (geen rechten of alleen-lezen): {reden[:200]}"
