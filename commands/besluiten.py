"""Besluiten (art. 5-8, Awb 4:25-4:27): deciding on an aanvraag, and what follows the decision.

Rules owned here (the aggregates check each of them; this module loads and saves):
- who decides: the regiegroep or ambtenaar with its mandate for the wijk, or the college (art. 5,
  art. 2 lid 6, Awb 10:7); every decision records the mandate it was taken under (Awb 10:10);
- `voucher aanvraag toekennen NR` (art. 5 lid 1 en 2, art. 5 lid 7 en 8): a complete aanvraag, in order of
  receipt (art. 4 lid 4, `--buiten-volgorde` with a ground), for its kostenraming or `--bedrag`,
  divided over vouchers of at most the maximum voucher value, within what the plafond of its receipt
  leaves (Awb 4:25 lid 2, 4:27 lid 2); above the raadplegingsdrempel only after the wijkraadpleging;
  the vouchers are issued in the same transaction. A repeat with the same bedrag and number of
  vouchers changes nothing, another is refused;
- `voucher aanvraag weigeren NR --grond a-e --motivering` (art. 6, Awb 3:46): always with a ground and a
  motivation; ground e only for what exceeds the plafond (Awb 4:25 lid 2);
- `voucher aanvraag geschikt NR` and `voucher raadpleging besluit NR` (art. 5 lid 3-6): above the
  drempel the regiegroep first finds the aanvraag meets the rules, then the wijkraadpleging decides;
- `voucher aanvraag wijziging NR` (art. 8 lid 2): the initiatiefnemer reports a change;
- `voucher aanvraag bekendmaken NR` (art. 7 lid 2): which initiatives received vouchers, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate

from commands import resultaten as r
from commands.kern import Besluit, Kern
from ledger.aanvraag import Aanvraag
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, OngeldigeToestand
from ledger.regels import art_4_lid_4_volgorde
from ledger.status import Status
from ledger.voucher import Voucher

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m


class Besluiten(Kern):
    """The decisions of art. 5-7 on an aanvraag, and the change reported after it (art. 8 lid 2)."""

    def ken_toe(self, cmd: m.KenToe) -> r.Toekenning:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Toekenning]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.status == "toegekend" and a.besluit is not None:
                return [], self._herhaalde_toekenning(a, cmd)
            a.eis_beslisbaar("toekennen")
            w = self.laad_wijk(a.wijk, a.periode)
            r = g.regeling_op(datum)
            bedrag = cmd.bedrag if cmd.bedrag is not None else a.kosten
            if bedrag is None:  # a complete aanvraag has a kostenraming (art. 4 lid 2 onder c)
                raise OngeldigeToestand(f"aanvraag {a.nummer} heeft geen kostenraming", artikel="art. 4 lid 2 onder c")
            art_4_lid_4_volgorde(a.nummer, w.eerder_aan_de_beurt(a.nummer), cmd.buiten_volgorde)
            vouchers = a.verdeel(bedrag, cmd.vouchers, r.max_voucherwaarde)
            na_bezwaar = (a.heropend or {}).get("bezwaar")  # Awb 7:11: after a herroeping (art. 5 lid 8 below)
            a.ken_toe(
                bedrag,
                vouchers,
                r.raadplegingsdrempel,
                w.beschikbaar_voor(a.ontvangen),  # Awb 4:27 lid 2: the plafond of its receipt
                datum,
                self.gebruiker,
                start_voor=cmd.start_voor,
                grond=cmd.grond,
                motivering=cmd.motivering,
                buiten_volgorde=cmd.buiten_volgorde,
                mandaat=mandaat,
            )
            if cmd.start_voor is not None and cmd.start_voor > w.uitvoeren_tot:
                raise OngeldigeInvoer("--start-voor ligt na de datum waarop het initiatief uitgevoerd moet zijn")
            w.leg_vast(a.nummer, bedrag, datum, self.gebruiker, ontvangen=a.ontvangen, na_bezwaar=na_bezwaar)
            nieuw: list[Aggregate] = [a, w]
            for v in vouchers:
                nieuw.append(
                    Voucher(
                        code=v["code"],
                        aanvraag=a.nummer,
                        wijk=w.code,
                        periode=w.periode,
                        waarde=v["bedrag"],
                        uitvoeren_tot=w.uitvoeren_tot,
                        datum=datum,
                        gebruiker=self.gebruiker,
                    )
                )
            return nieuw, _toekenning_uitkomst(a)

        return self.voer_uit(beslis, cmd, r.Toekenning)

    @staticmethod
    def _herhaalde_toekenning(a: Aanvraag, cmd: m.KenToe) -> r.Toekenning:
        besluit = a.besluit or {}
        zelfde = (cmd.bedrag is None or cmd.bedrag == besluit["bedrag"]) and (
            cmd.vouchers is None or cmd.vouchers == len(besluit["vouchers"])
        )
        if not zelfde:
            raise OngeldigeToestand(
                f"aanvraag {a.nummer} is al toegekend op {formatteer_datum(besluit['datum'])} voor {besluit['bedrag']}",
                artikel="art. 5",
            )
        return _toekenning_uitkomst(a)

    def weiger(self, cmd: m.Weiger) -> r.Weigering:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Weigering]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            uitkomst = r.Weigering(a.nummer, cmd.grond, Status.GEWEIGERD)
            if a.status == "geweigerd" and a.besluit and a.besluit.get("grond") == cmd.grond:
                if a.besluit.get("motivering") == cmd.motivering:
                    return [], uitkomst
            w = self.laad_wijk(a.wijk, a.periode)
            a.weiger(cmd.grond, cmd.motivering, w.beschikbaar_voor(a.ontvangen), datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "geweigerd", datum, self.gebruiker)
            return [a, w], uitkomst

        return self.voer_uit(beslis, cmd, r.Weigering)

    def verklaar_geschikt(self, cmd: m.VerklaarGeschikt) -> r.Geschikt:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Geschikt]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.status == "geschikt":
                return [], r.Geschikt(a.nummer, a.status)
            w = self.laad_wijk(a.wijk, a.periode)
            a.verklaar_geschikt(g.regeling_op(datum).raadplegingsdrempel, datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "naar wijkraadpleging", datum, self.gebruiker)
            return [a, w], r.Geschikt(a.nummer, a.status)

        return self.voer_uit(beslis, cmd, r.Geschikt)

    def besluit_raadpleging(self, cmd: m.BesluitRaadpleging) -> r.Raadpleging:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Raadpleging]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.raadpleging and a.raadpleging.get("uitkomst") == cmd.uitkomst and a.status != "geschikt":
                return [], r.Raadpleging(a.nummer, cmd.uitkomst, a.status)
            a.besluit_raadpleging(
                cmd.uitkomst, cmd.stemmen_voor, cmd.stemmen_tegen, datum, self.gebruiker, mandaat=mandaat
            )
            return [a], r.Raadpleging(a.nummer, cmd.uitkomst, a.status)

        return self.voer_uit(beslis, cmd, r.Raadpleging)

    def meld_wijziging(self, cmd: m.MeldWijziging) -> r.Wijziging:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Wijziging]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            a.meld_wijziging(cmd.omschrijving, datum, self.gebruiker)
            return [a], r.Wijziging(a.nummer, a.wijzigingen)

        return self.voer_uit(beslis, cmd, r.Wijziging)

    def maak_bekend(self, cmd: m.MaakBekend) -> r.Bekendmaking:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Bekendmaking]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            nieuw = a.maak_bekend(datum, self.gebruiker)
            return ([a] if nieuw else []), r.Bekendmaking(a.nummer, a.bekendgemaakt)

        return self.voer_uit(beslis, cmd, r.Bekendmaking)


def _toekenning_uitkomst(a: Aanvraag) -> r.Toekenning:
    besluit = a.besluit or {}
    return r.Toekenning(
        a.nummer,
        a.status,
        besluit.get("bedrag"),
        [r.VoucherBedrag(v["code"], v["bedrag"]) for v in besluit.get("vouchers", [])],
        besluit.get("start_voor"),
        besluit.get("datum"),
    )
