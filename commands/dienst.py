"""The application service: every act of the verordening, on the public core of commands/kern.py.

Each write method loads the aggregates it needs, lets them decide (they raise the rule's
error), and saves every new event in one transaction through `Kern.voer_uit` (retries on a
lost race, the `--sleutel` record). `Dienst` is the composition the command line and the tests
use; the use cases live in one module per chapter of the verordening, each opening with the
articles it owns:
- commands/inrichting.py `Inrichting`: the administration, mandates, wijken and plafond (art. 2);
- commands/aanvragen.py `Aanvragen`: registering and completing an aanvraag (art. 4);
- commands/besluiten.py `Besluiten`: the decisions and what follows them (art. 5-8);
- commands/bewaren.py `Bewaren`: the personal data after the retention term (AVG, Archiefwet);
- below, still here: kasbeheer (art. 9) and reading.
The acts after the grant are functions on the core: commands/nazorg.py, vaststelling.py,
bezwaar.py, beeindigen.py, periode.py, tijd.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from commands import resultaten as r
from commands.aanvragen import Aanvragen, aanvraagstand
from commands.besluiten import Besluiten
from commands.bewaren import Bewaren
from commands.inrichting import Inrichting
from commands.kern import Besluit, Kern
from ledger import gebeurtenissen, ids, vastlegging
from ledger import persoonsgegevens as pg
from ledger.aanvraag import Aanvraag
from ledger.datum import formatteer_datum
from ledger.fouten import FactuurAlGeboekt, NietGevonden
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.voucher import Factuur, Voucher
from ledger.wijk import Wijk

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m

CONTANT = "(contant)"  # the 'supplier' of a cash receipt in the invoice register
VERZILVER, CONTANT_OPNEMEN = "verzilver", "contant"  # art. 9 lid 3 onder a and onder b


@dataclass(frozen=True, slots=True)
class Betaalopdracht:
    """One payment as the kasbeheerder presents it: an invoice (art. 9 lid 3 onder a) or cash (onder b)."""

    soort: str  # VERZILVER or CONTANT_OPNEMEN
    bedrag: Bedrag
    leverancier: str | None  # the supplier of an invoice; None for cash
    factuur: str | None  # the invoice number; for cash the receipt number (kwitantie), if any
    factuurdatum: date | None = None  # the invoice's date (art. 5 lid 8 and the betaaltermijn); None for cash

    @property
    def register(self) -> tuple[str, str] | None:
        """The key in the invoice register, or None for cash without a receipt number."""
        if self.soort == VERZILVER:
            return (self.leverancier or "", self.factuur or "")
        return (CONTANT, self.factuur) if self.factuur else None


class Dienst(Inrichting, Aanvragen, Besluiten, Bewaren, Kern):
    """One acting user against one store: the public core (commands/kern.py) and the use cases."""

    def _persoon_voor_kijker(self, g: Gemeente, a: Aanvraag) -> dict[str, Any]:
        """The applicant as the acting user may see it: in full (college, regiegroep of the wijk),
        as VERWIJDERD once the key is destroyed, or only as AFGESCHERMD."""
        if not pg.mag_zien(g, self.gebruiker, a.wijk, self.vandaag):
            return {"persoonsgegevens": "afgeschermd", "naam": pg.AFGESCHERMD}
        persoon = {veld: a.persoon.get(veld) for veld in pg.VELDEN}
        sleutel = None if a.vernietigd is not None else self.sleutels.haal([a.id]).get(a.id)
        if sleutel is None and any(pg.is_token(v) for v in persoon.values()):
            return {"persoonsgegevens": "verwijderd"} | pg.onleesbaar(persoon)
        return {"persoonsgegevens": "zichtbaar"} | (pg.ontsleutel(persoon, sleutel, a.id) if sleutel else persoon)

    # === kasbeheer (art. 9) ===========================================================
    def verzilver(self, cmd: m.Verzilver) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(VERZILVER, cmd.bedrag, cmd.leverancier, cmd.factuur, cmd.factuurdatum)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def neem_contant_op(self, cmd: m.NeemContantOp) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(CONTANT_OPNEMEN, cmd.bedrag, None, cmd.kwitantie)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def betaal(
        self,
        g: Gemeente,
        v: Voucher,
        b: Betaalopdracht,
        datum: date,
        herhaling: Callable[[], bool] | None = None,
    ) -> list[Aggregate]:
        """Art. 9: the one payment path of `verzilver`, `contant` and `import betalingen`.

        The kasbeheerder's mandate for the voucher's wijk, then the invoice register (an
        identical repeat changes nothing: returns []), then the voucher's rules (restant, cash
        max, dates, functiescheiding). `herhaling` replaces the register check where the caller
        knows more (the import: earlier lines of the same file). Returns what changed: the voucher and, when the payment
        has an invoice or receipt number, its entry in the invoice register."""
        g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
        register = b.register
        if register is not None:
            al = herhaling() if herhaling else self.factuur_al_geboekt(*register, v.code, b.bedrag)
            if al:
                return []
        r = g.regeling_op(datum)
        if b.soort == VERZILVER:
            v.verzilver(
                b.bedrag,
                b.leverancier or "",
                b.factuur or "",
                datum,
                self.gebruiker,
                factuurdatum=b.factuurdatum,
                betaaltermijn_dagen=r.betaaltermijn_dagen,
            )
        else:
            v.neem_contant_op(b.bedrag, r.contant_max, datum, self.gebruiker, kwitantie=b.factuur)
        if register is None:
            return [v]
        return [v, self.boek_factuur(*register, v.code, b.bedrag, datum)]

    def factuur_al_geboekt(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag) -> bool:
        """Art. 9: one invoice (or cash receipt) is paid once. True for an identical repeat;
        the same invoice with another voucher or amount is refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        if factuur_id not in self.app.bestaande([factuur_id]):  # one cheap query; most invoices are new
            return False
        geboekt = self.laad(Factuur, factuur_id)
        if geboekt is None:
            return False
        if geboekt.vrij:  # its payment was corrected: it may be booked again (boek_factuur)
            self._vrije_facturen[factuur_id] = geboekt
            return False
        if geboekt.voucher == code and geboekt.bedrag == bedrag:
            return True
        wat = f"kwitantie {factuur}" if leverancier == CONTANT else f"factuur {factuur} van {leverancier}"
        raise FactuurAlGeboekt(
            f"{wat} is al betaald op {formatteer_datum(geboekt.datum)}: {geboekt.bedrag} van voucher {geboekt.voucher}",
            artikel="art. 9 lid 1",
            voucher=geboekt.voucher,
            bedrag=geboekt.bedrag,
        )

    def boek_factuur(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag, datum: date) -> Factuur:
        """The entry in the invoice register; an invoice freed by a correction is booked again on its own entry."""
        vrij = self._vrije_facturen.pop(ids.factuur_id(leverancier, factuur), None)
        if vrij is not None:
            vrij.boek_opnieuw(code, bedrag, datum, self.gebruiker)
            return vrij
        return Factuur(
            leverancier=leverancier, factuur=factuur, voucher=code, bedrag=bedrag, datum=datum, gebruiker=self.gebruiker
        )

    def weiger_betaling(self, cmd: m.WeigerBetaling) -> r.BetalingGeweigerd:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.BetalingGeweigerd]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
            if cmd.leverancier and cmd.factuur:
                self._eis_niet_betaald(cmd.leverancier, cmd.factuur)
            v.weiger_betaling(cmd.bedrag, cmd.reden, cmd.leverancier, cmd.factuur, datum, self.gebruiker)
            return [v], r.BetalingGeweigerd(v.code, cmd.bedrag, cmd.reden, v.restant)

        return self.voer_uit(beslis, cmd, r.BetalingGeweigerd)

    def _eis_niet_betaald(self, leverancier: str, factuur: str) -> None:
        """Art. 9 lid 2 refuses a payment before it is made; a paid invoice is corrected, not refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        geboekt = self.laad(Factuur, factuur_id, wijzigen=False) if self.app.bestaande([factuur_id]) else None
        if geboekt is None or geboekt.vrij:
            return
        nummer = self.betaalgebeurtenis(geboekt.voucher, leverancier, factuur)
        raise FactuurAlGeboekt(
            f"factuur {factuur} van {leverancier} is al betaald op {formatteer_datum(geboekt.datum)} "
            f"({geboekt.bedrag} van voucher {geboekt.voucher}): een betaalde factuur wordt niet geweigerd maar "
            f"gecorrigeerd, met 'voucher betaling corrigeren {geboekt.voucher} --gebeurtenis {nummer} --reden ...'",
            artikel="art. 9 lid 2",
            voucher=geboekt.voucher,
            gebeurtenis=nummer,
        )

    def betaalgebeurtenis(self, code: str, leverancier: str, factuur: str) -> int | None:
        """The number in the log of the latest payment of this invoice from voucher `code`."""
        voucher_id = ids.voucher_id(code)
        gevonden = None
        for nummer, e in self.app.genummerd(topics=[get_topic(gebeurtenissen.VoucherVerzilverd)]):
            if e.originator_id == voucher_id and ids.normaliseer(e.factuur) == ids.normaliseer(factuur):
                if ids.normaliseer(e.leverancier) == ids.normaliseer(leverancier):
                    gevonden = nummer
        return gevonden

    # === reading =====================================================================
    def regeling(self, per: date | None = None) -> dict[str, Any]:
        """The regeling in force on `per` (default today), with every version and its date."""
        g = self.lees(lambda: self.gemeente(wijzigen=False))
        versie, vanaf, r = g.versie_op(per or self.vandaag)
        versies = [{"versie": n, "vanaf": d, "naam": x.naam} for n, d, x in g.versies()]
        return {"gemeente": g.naam, "regeling": r, "versie": versie, "vanaf": vanaf, "versies": versies, "per": per}

    def mandaten(self) -> list[dict[str, Any]]:
        return self.lees(lambda: self.gemeente(wijzigen=False)).mandaten_lijst()

    def toon_aanvraag(self, nummer: int) -> dict[str, Any]:
        def lees() -> dict[str, Any]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(nummer)
            uit = aanvraagstand(a, g).als_dict() | self._persoon_voor_kijker(g, a)
            return uit | {
                "persoonsgegevens_vernietigd": a.vernietigd,
                "omschrijving": a.gegevens.get("omschrijving"),
                "planning": a.gegevens.get("planning"),
                "kosten": a.kosten,
                "vouchers_gewenst": a.gegevens.get("vouchers_gewenst"),
                "elders_subsidie": a.gegevens.get("elders_subsidie"),
                "aanvulling": a.aanvulling,
                "besluit": a.besluit,
                "raadpleging": a.raadpleging,
                "bekendgemaakt": a.bekendgemaakt,
                "wijzigingen": a.wijzigingen,
                "intrekking": a.intrekking,
                "toekenning_ingetrokken": a.toekenning_ingetrokken,
                "vaststelling": a.vaststelling,
                "teruggevorderd": a.teruggevorderd,
                "terugontvangen": a.terugontvangen,
                "openstaand": a.openstaand,
                "herroepingen": a.herroepingen,  # Awb 7:11: decisions revoked on a gegrond bezwaar
                # Every act on the aanvraag with both its times (ledger/vastlegging.py): dated, and recorded when.
                "handelingen": [vastlegging.handeling(e) for e in self.app.events.get(a.id)],
            }

        return self.lees(lees)

    def toon_voucher(self, code: str) -> dict[str, Any]:
        v = self.lees(lambda: self.laad_voucher(code))
        return {
            "voucher": v.code,
            "wijk": v.wijk,
            "periode": v.periode,
            "aanvraag": v.aanvraag,
            "waarde": v.waarde,
            "verzilverd": v.verzilverd,
            "contant": v.contant,
            "vervallen": v.vervallen,
            "ingetrokken": v.ingetrokken,
            "restant": v.restant,
            "status": v.status,
            "verstrekt": v.verstrekt_op,
            "uitvoeren_tot": v.uitvoeren_tot,
        }

    def wijken(self) -> list[Wijk]:
        def lees() -> list[Wijk]:
            self.gemeente(wijzigen=False)
            sleutels = sorted({(e.code, e.periode) for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])})
            return [self.laad_wijk(code, periode) for code, periode in sleutels]

        return self.lees(lees)

    def aanvragen(
        self, wijk: str | None = None, status: str | None = None, *, periode: int | None = None, zoek: str | None = None
    ) -> list[dict[str, Any]]:
        """The aanvragen in number order; `zoek` finds text in the description, or in the applicant's
        name for a reader who may see it (ledger/persoonsgegevens.py), in any case."""
        gezocht = zoek.casefold() if zoek else None
        namen = self.aanvragers() if gezocht else {}

        def lees() -> list[dict[str, Any]]:
            g = self.gemeente(wijzigen=False)
            if wijk and not any(e.code == wijk for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])):
                raise NietGevonden(f"wijk {wijk} is niet aangewezen", wijk=wijk)
            uit = []
            for e in self.gebeurtenissen([gebeurtenissen.AanvraagIngediend]):
                if wijk and e.wijk != wijk:
                    continue
                a = self.laad_aanvraag(e.nummer)
                if (status and a.status != status) or (periode is not None and a.periode != periode):
                    continue
                teksten = (a.gegevens.get("omschrijving") or "", namen.get(a.nummer, ""))
                if gezocht and not any(gezocht in t.casefold() for t in teksten):
                    continue
                uit.append(
                    aanvraagstand(a, g).als_dict()
                    | {"kosten": a.kosten, "omschrijving": a.gegevens.get("omschrijving")}
                )
            return uit

        return self.lees(lees)

    def aanvragers(self) -> dict[int, str]:
        """Per aanvraag the applicant's name, for the aanvragen whose applicants the acting user may
        see (ledger/persoonsgegevens.py `mag_zien`); VERWIJDERD once the key is destroyed. Others are
        left out: a report shows them as AFGESCHERMD. Reads the key table only for what it shows."""

        def lees() -> dict[int, str]:
            g = self.gemeente(wijzigen=False)
            namen: dict[UUID, tuple[int, Any]] = {}
            soorten = [
                gebeurtenissen.AanvraagIngediend,
                gebeurtenissen.AanvraagAangevuld,
                gebeurtenissen.AanvraagPersoonsgegevensVernietigd,
            ]
            vernietigd: set[UUID] = set()
            for e in self.gebeurtenissen(soorten):
                if isinstance(e, gebeurtenissen.AanvraagIngediend):
                    if pg.mag_zien(g, self.gebruiker, e.wijk, self.vandaag):
                        namen[e.originator_id] = (e.nummer, e.persoon.get("naam"))
                elif isinstance(e, gebeurtenissen.AanvraagAangevuld):
                    if e.originator_id in namen and e.persoon.get("naam") is not None:
                        namen[e.originator_id] = (namen[e.originator_id][0], e.persoon["naam"])
                else:
                    vernietigd.add(e.originator_id)
            sleutels = self.sleutels.haal(i for i in namen if i not in vernietigd) if namen else {}
            uit: dict[int, str] = {}
            for aanvraag_id, (nummer, naam) in namen.items():
                sleutel = sleutels.get(aanvraag_id)
                if not pg.is_token(naam):
                    uit[nummer] = pg.VERWIJDERD if aanvraag_id in vernietigd else str(naam or "")
                elif sleutel is None:
                    uit[nummer] = pg.VERWIJDERD
                else:
                    uit[nummer] = str(pg.ontsleutel({"naam": naam}, sleutel, aanvraag_id)["naam"])
            return uit

        return self.lees(lees)


def _betaling_uitkomst(v: Voucher, bedrag: Bedrag) -> r.Betaling:
    return r.Betaling(v.code, bedrag, v.restant, v.wijk)
