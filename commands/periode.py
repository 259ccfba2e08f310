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
- afterwards the wijk refuses grants and the expired vouchers refuse payments (art. 5 lid 8).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

from commands.dienst import Besluit, Dienst
from commands.modellen import Opdracht, Periode, WijkCode
from ledger import gebeurtenissen, ids, namens
from ledger.datum import formatteer_datum
from ledger.fouten import NietGevonden
from ledger.geld import Bedrag
from ledger.voucher import Voucher


class SluitPeriodeAf(Opdracht):
    periode: Periode
    wijk: WijkCode | None = None


def sluit_periode_af(dienst: Dienst, cmd: SluitPeriodeAf) -> dict[str, Any]:
    """Close the period of one wijk, or of every wijk designated for it; returns what expired."""
    datum = dienst._datum(cmd.datum)

    def beslis() -> Besluit[dict[str, Any]]:
        g = dienst.gemeente()
        codes = _wijken(dienst, cmd)  # a mistyped wijk is not found (exit 3), before the mandate
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)
        vouchers = _vouchers_per_wijk(dienst, cmd.periode)
        nieuw: list[Aggregate] = []
        uitkomsten = []
        for code in codes:
            w = dienst._wijk(code, cmd.periode)
            if w.gesloten:  # a repeat: say what expired then, write nothing
                vervallen_bij_afsluiten = w.vervallen - w.vrijgegeven  # not what withdrawn grants released
                uitkomsten.append(
                    _uitkomst(code, cmd.periode, [], nieuw=False) | {"vervallen": vervallen_bij_afsluiten}
                )
                continue
            w.eis_afsluitbaar(datum)
            vervallen: list[dict[str, Any]] = []
            for voucher_code in vouchers.get(code, []):
                v = dienst._get(Voucher, ids.voucher_id(voucher_code))
                if v is None:  # listed from its own Verstrekt event, so it exists
                    raise NietGevonden(f"voucher {voucher_code} is niet te laden")
                rest = v.laat_vervallen(datum, dienst.gebruiker)
                if rest.centen > 0:
                    vervallen.append({"voucher": v.code, "bedrag": rest})
                    nieuw.append(v)
            totaal = sum((r["bedrag"] for r in vervallen), Bedrag.nul())
            w.sluit_af(totaal, len(vervallen), datum, dienst.gebruiker, mandaat=namens.mandaat("college", None))
            nieuw.append(w)
            uitkomsten.append(_uitkomst(code, cmd.periode, vervallen, nieuw=True))
        return nieuw, {
            "periode": cmd.periode,
            "datum": datum,
            "wijken": uitkomsten,
            "vervallen": sum((u["vervallen"] for u in uitkomsten), Bedrag.nul()),
            "nieuw": any(u["nieuw"] for u in uitkomsten),
        }

    return dienst._voer_uit(beslis, cmd)


def _wijken(dienst: Dienst, cmd: SluitPeriodeAf) -> list[str]:
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


def _vouchers_per_wijk(dienst: Dienst, periode: int) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for e in dienst.gebeurtenissen([gebeurtenissen.VoucherVerstrekt]):
        if e.periode == periode:
            uit.setdefault(e.wijk, []).append(e.code)
    return {wijk: sorted(codes) for wijk, codes in uit.items()}


def _uitkomst(code: str, periode: int, vervallen: list[dict[str, Any]], *, nieuw: bool) -> dict[str, Any]:
    return {
        "wijk": code,
        "periode": periode,
        "vervallen": sum((r["bedrag"] for r in vervallen), Bedrag.nul()),
        "vouchers": vervallen,
        "nieuw": nieuw,
    }


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
    return "\n".join(regels)
