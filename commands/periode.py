"""`voucher periode afsluiten`: closing a budget year after its execution date (art. 5 lid 8, act 12).

Rules owned here (the aggregates check each of them; this module only loads and saves):
- only the college closes a period (art. 2);
- a wijk's period closes only after its execution date (`uitvoeren_tot`), and once: closing
  a closed period again is a repeat that writes nothing;
- the unspent value (restant) of every voucher of the wijk and period expires, one
  `Vervallen` event per voucher with a restant; the wijk records the total, so that
  `vervallen` and `beschikbaar` stay right in every figure;
- the wijk, its vouchers and (without --wijk) every wijk of the period are saved in one
  transaction: all close, or nothing does. A grant or payment saved in the meantime
  touches the same aggregates, so the save conflicts and the whole closing is decided again;
- the closing records that it is the college's decision and the mandate it was taken under
  (Awb 10:10);
- every granted aanvraag of the wijk and year that was not vastgesteld yet is vastgesteld ex
  officio at what was paid (Awb 4:42-4:44; ledger/vaststelling.py), one `Vastgesteld` event each,
  in the same transaction, after its vouchers' rest expired; the closing is refused, naming
  them, while an aanvraag of that wijk and year is still undecided (art. 5 lid 1: decide first,
  or record its withdrawal or buiten behandeling);
- afterwards the wijk refuses grants and the expired vouchers refuse payments (art. 5 lid 8).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

from commands import resultaten as r
from commands.kern import Besluit, Kern
from commands.modellen import Opdracht, Periode, WijkCode
from commands.vaststelling import betaald
from ledger import gebeurtenissen, ids, namens
from ledger.aanvraag import Aanvraag
from ledger.datum import formatteer_datum
from ledger.fouten import NietGevonden, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.status import OPEN, Status
from ledger.voucher import Voucher


class SluitPeriodeAf(Opdracht):
    periode: Periode
    wijk: WijkCode | None = None


def sluit_periode_af(dienst: Kern, cmd: SluitPeriodeAf) -> r.Afsluiting:
    """Close the period of one wijk, or of every wijk designated for it; returns what expired."""
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Afsluiting]:
        g = dienst.gemeente(wijzigen=False)
        codes = _wijken(dienst, cmd)  # a mistyped wijk is not found (exit 3), before the mandate
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)
        vouchers = _vouchers_per_wijk(dienst, cmd.periode)
        aanvragen = _aanvragen_per_wijk(dienst, cmd.periode)
        nieuw: list[Aggregate] = []
        uitkomsten = []
        for code in codes:
            w = dienst.laad_wijk(code, cmd.periode)
            if w.gesloten:  # a repeat: say what expired then, write nothing
                vervallen_bij_afsluiten = w.vervallen - w.vrijgegeven  # not what withdrawn grants released
                uitkomsten.append(r.WijkAfgesloten(code, cmd.periode, vervallen_bij_afsluiten, [], nieuw=False))
                continue
            w.eis_afsluitbaar(datum)
            toegekend = _eis_beslist(dienst, code, cmd.periode, aanvragen.get(code, []))
            vervallen: list[r.Vervallen] = []
            geladen: dict[str, Voucher] = {}
            for voucher_code in vouchers.get(code, []):
                v = dienst.laad(Voucher, ids.voucher_id(voucher_code))
                if v is None:  # listed from its own Verstrekt event, so it exists
                    raise NietGevonden(f"voucher {voucher_code} is niet te laden")
                geladen[voucher_code] = v
                rest = v.laat_vervallen(datum, dienst.gebruiker)
                if rest.centen > 0:
                    vervallen.append(r.Vervallen(v.code, rest))
                    nieuw.append(v)
            vastgesteld = []
            for a in toegekend:  # Awb 4:42-4:44: ex officio, at what was paid; nothing is left unspent now
                van = [geladen[v["code"]] for v in (a.besluit or {}).get("vouchers", []) if v["code"] in geladen]
                bedrag = a.stel_vast(
                    None,
                    None,
                    None,
                    betaald(van),
                    Bedrag.nul(),
                    w.uitvoeren_tot,
                    datum,
                    dienst.gebruiker,
                    mandaat=namens.mandaat("college", None),
                )
                vastgesteld.append(r.AanvraagBedrag(a.nummer, bedrag))
                nieuw.append(a)
            totaal = sum((x.bedrag for x in vervallen), Bedrag.nul())
            w.sluit_af(totaal, len(vervallen), datum, dienst.gebruiker, mandaat=namens.mandaat("college", None))
            nieuw.append(w)
            uitkomsten.append(
                r.WijkAfgesloten(code, cmd.periode, totaal, vervallen, nieuw=True, vastgesteld=vastgesteld)
            )
        vervallen_totaal = sum((u.vervallen for u in uitkomsten), Bedrag.nul())
        return nieuw, r.Afsluiting(cmd.periode, datum, uitkomsten, vervallen_totaal, any(u.nieuw for u in uitkomsten))

    return dienst.voer_uit(beslis, cmd, r.Afsluiting)


def _wijken(dienst: Kern, cmd: SluitPeriodeAf) -> list[str]:
    codes = sorted(
        {
            e.code
            for e in dienst.gebeurtenissen([gebeurtenissen.WijkAangewezen])
            if e.periode == cmd.periode and (cmd.wijk is None or e.code == cmd.wijk)
        }
    )
    if not codes and cmd.wijk:
        raise dienst.niet_aangewezen(cmd.wijk, cmd.periode)
    if not codes:
        raise NietGevonden(f"er is geen wijk aangewezen voor {cmd.periode}", periode=cmd.periode)
    return codes


def _aanvragen_per_wijk(dienst: Kern, periode: int) -> dict[str, list[int]]:
    uit: dict[str, list[int]] = {}
    for e in dienst.gebeurtenissen([gebeurtenissen.AanvraagIngediend]):
        if e.periode == periode:
            uit.setdefault(e.wijk, []).append(e.nummer)
    return uit


def _eis_beslist(dienst: Kern, wijk: str, periode: int, nummers: list[int]) -> list[Aanvraag]:
    """Art. 5 lid 1 and 8: nothing of the year is left undecided; returns the grants still to be vastgesteld."""
    aanvragen = [dienst.laad_aanvraag(nr) for nr in sorted(nummers)]
    open_ = [a.nummer for a in aanvragen if a.status in OPEN]
    if open_:
        raise OngeldigeToestand(
            f"in wijk {wijk} is over {len(open_)} aanvraag/aanvragen van {periode} nog niet beslist: "
            f"{', '.join(map(str, open_))}; beslis eerst, of leg de intrekking of het buiten behandeling stellen vast",
            artikel="art. 5 lid 1 en 8, Awb 4:42",
            aanvragen=open_,
        )
    return [a for a in aanvragen if a.status == Status.TOEGEKEND]


def _vouchers_per_wijk(dienst: Kern, periode: int) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for e in dienst.gebeurtenissen([gebeurtenissen.VoucherVerstrekt]):
        if e.periode == periode:
            uit.setdefault(e.wijk, []).append(e.code)
    return {wijk: sorted(codes) for wijk, codes in uit.items()}


def melding(uitkomst: dict[str, Any]) -> str:
    """The Dutch summary for the command line."""
    regels = []
    for w in uitkomst["wijken"]:
        if not w["nieuw"]:
            regels.append(
                f"Wijk {w['wijk']} {w['periode']}: was al afgesloten ({w['vervallen']} vervallen); er is niets gewijzigd."
            )
            continue
        regels.append(
            f"Wijk {w['wijk']} {w['periode']} afgesloten op {formatteer_datum(uitkomst['datum'])}: "
            f"{len(w['vouchers'])} voucher(s) met restant vervallen, samen {w['vervallen']} (art. 5 lid 8)."
        )
        regels += [f"  {r['voucher']}  {r['bedrag'].nl():>14}" for r in w["vouchers"]]
        if w["vastgesteld"]:
            regels.append(f"  {len(w['vastgesteld'])} toekenning(en) vastgesteld op wat betaald is (Awb 4:42-4:44):")
            regels += [f"  aanvraag {x['aanvraag']:>6}  {x['bedrag'].nl():>14}" for x in w["vastgesteld"]]
    return "\n".join(regels)
