"""Verzending en bezwaar: when a decision was sent, the bezwaar against it, and the beslissing op bezwaar.

Rules owned here (the aggregates in ledger/bezwaar.py and ledger/aanvraag_bezwaar.py check each;
this module finds the decision in the numbered history, loads and saves):
- `voucher besluit NR --verzonden [--gebeurtenis G] --datum D` (the regiegroep of the wijk or the
  college, Awb 3:41): the letter of the latest decision, or of decision G, was sent on D; never before
  the decision; once (a repeat with the same date is exit 0 and writes nothing, another date exit 1).
  Every decision with a letter can be sent, the beslissing op bezwaar included;
- `voucher bezwaar indienen NR --ontvangen D --omschrijving T [--verschoonbaar REDEN]` (the
  regiegroep or the college registers it, Awb 6:4): against the decision that stands as the latest on
  aanvraag NR; none (not decided, or revoked and not decided again): exit 1. `tijdig`,
  `laatste_dag` and `beslissen_voor` follow ledger/bezwaartermijn.py; a repeat (same decision, date
  and text) is exit 0;
- `voucher bezwaar beslissen B --uitkomst gegrond|ongegrond|niet-ontvankelijk --motivering T` (only
  the college, Awb 7:11; art. 2): gegrond revokes the decision if it is still the latest on the
  aanvraag (Awb 7:11; what can be revoked: ledger/aanvraag_bezwaar.py). A revoked grant withdraws the
  value of its vouchers in the same transaction (it counts as `vervallen`, the plafond is free again);
- `voucher bezwaar lijst`: every bezwaar with its terms, from the numbered history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from eventsourcing.domain import Aggregate

from commands import resultaten as r
from commands.geschiedenis import lees_geschiedenis
from commands.kern import Besluit as Uitkomst
from commands.kern import Kern
from commands.modellen import Opdracht, Tekst
from commands.opslag import lees_opslag
from ledger import namens
from ledger.begrippen import HERROEPING
from ledger.bezwaar import BESLISSING_OP_BEZWAAR, Bezwaar, Verzending, bezwaar_id, verzending_id
from ledger.fouten import NietGevonden, OngeldigeToestand, RegelOvertreden
from ledger.geld import Bedrag
from projections.rapporten import besluit as brief
from projections.rapporten.geschiedenis import AanvraagHistorie, BezwaarHistorie, Geschiedenis, vouw


class VerzendBesluit(Opdracht):
    nummer: int
    gebeurtenis: int | None = None


class DienBezwaarIn(Opdracht):
    nummer: int
    ontvangen: date
    omschrijving: Tekst
    verschoonbaar: Tekst | None = None


class BeslisBezwaar(Opdracht):
    bezwaar: int
    uitkomst: Literal["gegrond", "ongegrond", "niet-ontvankelijk"]
    motivering: Tekst


@dataclass(frozen=True)
class Brief:
    """One decision with a letter: its event number, kind and date; a beslissing op bezwaar names its bezwaar."""

    gebeurtenis: int
    soort: str
    datum: date
    bezwaar: int | None = None


def geschiedenis(dienst: Kern) -> Geschiedenis:
    return lees_geschiedenis(dienst, lambda genummerd: vouw(genummerd))


def _aanvraag(h: Geschiedenis, nummer: int) -> AanvraagHistorie:
    a = h.aanvragen.get(nummer)
    if a is None:
        raise NietGevonden(f"aanvraag {nummer} bestaat niet", aanvraag=nummer)
    return a


def beslissingen_op_bezwaar(h: Geschiedenis, nummer: int) -> list[Brief]:
    return [
        Brief(b.beslissing.gebeurtenis, BESLISSING_OP_BEZWAAR, b.beslissing.datum, b.nummer)
        for b in sorted(h.bezwaren.values(), key=lambda b: b.nummer)
        if b.aanvraag == nummer and b.beslissing is not None
    ]


def kies_brief(h: Geschiedenis, nummer: int, gebeurtenis: int | None) -> Brief:
    """The letter `besluit NR [--gebeurtenis G]` speaks of: decision G, or the latest letter on the aanvraag."""
    a = _aanvraag(h, nummer)
    op_bezwaar = beslissingen_op_bezwaar(h, nummer)
    if gebeurtenis is not None:
        gevonden = next((b for b in op_bezwaar if b.gebeurtenis == gebeurtenis), None)
        if gevonden is not None:
            return gevonden
        b = brief.gekozen(a, gebeurtenis)
        return Brief(b.handeling.gebeurtenis, brief.brief_soort(b), b.handeling.datum)
    kandidaten = list(op_bezwaar)
    if (laatste := brief.laatste_besluit(a)) is not None:
        kandidaten.append(Brief(laatste.handeling.gebeurtenis, brief.brief_soort(laatste), laatste.handeling.datum))
    if not kandidaten:
        raise OngeldigeToestand(
            f"over aanvraag {nummer} is nog niet beslist (status {a.status}): er is geen brief te verzenden",
            artikel="art. 5 lid 1 en 3",
            aanvraag=nummer,
            status=a.status,
        )
    return max(kandidaten, key=lambda b: b.gebeurtenis)


# --- verzending (Awb 3:41) ------------------------------------------------------------------------
def verzend_besluit(dienst: Kern, cmd: VerzendBesluit) -> dict[str, Any]:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Uitkomst[dict[str, Any]]:
        g = dienst.gemeente()
        h = geschiedenis(dienst)
        b = kies_brief(h, cmd.nummer, cmd.gebeurtenis)
        dienst.eis_regie(g, h.aanvragen[cmd.nummer].wijk, datum, ook_college=True)
        bestaand = dienst.laad(Verzending, verzending_id(b.gebeurtenis))
        if bestaand is not None:
            bestaand.eis_zelfde_datum(datum)
            return [], verzending_uitkomst(bestaand)
        v = Verzending.verzend(
            b.gebeurtenis,
            cmd.nummer,
            b.bezwaar,
            b.soort,
            b.datum,
            g.regeling.bezwaartermijn_weken,  # after a beslissing op bezwaar: the beroepstermijn, also six weeks (6:7)
            datum,
            dienst.gebruiker,
        )
        return [v], verzending_uitkomst(v)

    return dienst.voer_uit(beslis, cmd)


def verzending_uitkomst(v: Verzending) -> dict[str, Any]:
    return {
        "aanvraag": v.aanvraag,
        "gebeurtenis": v.gebeurtenis,
        "soort": v.soort,
        "bezwaar": v.bezwaar,
        "verzonden": v.datum,
        "laatste_dag": v.laatste_dag,
    }


def verzending_melding(u: dict[str, Any], nl: Any) -> str:
    wat = "beroep bij de rechtbank" if u["soort"] == BESLISSING_OP_BEZWAAR else "bezwaar"
    return (
        f"Besluit #{u['gebeurtenis']} op aanvraag {u['aanvraag']} ({u['soort']}) verzonden op {nl(u['verzonden'])}; "
        f"{wat} kan tot en met {nl(u['laatste_dag'])} (art. 6:7 en 6:8 Awb, Algemene termijnenwet)."
    )


# --- bezwaar indienen (Awb 6:4-6:11) ----------------------------------------------------------------
def dien_bezwaar_in(dienst: Kern, cmd: DienBezwaarIn) -> r.Bezwaarstand:
    datum = dienst.datum(cmd.datum)
    ontvangen = dienst.datum(cmd.ontvangen)

    def beslis() -> Uitkomst[r.Bezwaarstand]:
        g = dienst.gemeente()
        h = geschiedenis(dienst)
        a = _aanvraag(h, cmd.nummer)
        mandaat = dienst.eis_regie(g, a.wijk, datum, ook_college=True)
        besluit = brief.laatste_besluit(a)
        if besluit is None:
            raise RegelOvertreden(
                f"op aanvraag {a.nummer} staat geen besluit waartegen bezwaar kan worden gemaakt (status {a.status})",
                artikel="Awb 6:4, 7:1",
                aanvraag=a.nummer,
                status=a.status,
            )
        omschrijving = cmd.omschrijving.strip()
        for eerder in h.bezwaren.values():
            zelfde = (eerder.besluit, eerder.ontvangen, eerder.omschrijving) == (
                besluit.handeling.gebeurtenis,
                ontvangen,
                omschrijving,
            )
            if zelfde:
                return [], bezwaarstand(eerder, a.status)
        verzending = h.verzendingen.get(besluit.handeling.gebeurtenis)
        b = Bezwaar.dien_in(
            nummer=max(h.bezwaren, default=0) + 1,
            aanvraag=a.nummer,
            wijk=a.wijk,
            besluit=besluit.handeling.gebeurtenis,
            soort=brief.brief_soort(besluit),
            besluitdatum=besluit.handeling.datum,
            verzonden=verzending.handeling.datum if verzending else None,
            laatste_dag=verzending.laatste_dag if verzending else None,
            ontvangen=ontvangen,
            omschrijving=omschrijving,
            verschoonbaar=cmd.verschoonbaar,
            datum=datum,
            gebruiker=dienst.gebruiker,
            mandaat=mandaat,
        )
        return [b], bezwaarstand(b, a.status)

    return dienst.voer_uit(beslis, cmd, r.Bezwaarstand)


def bezwaarstand(b: Bezwaar | BezwaarHistorie, status: str) -> r.Bezwaarstand:
    """The bezwaar with its terms and the aanvraag's status: the answer of `bezwaar indienen` and
    `bezwaar beslissen` (from the aggregate, or from the history on a repeat) and the head of a row
    of `bezwaar lijst` (`bezwaarregel`)."""
    uitkomst = b.uitkomst if isinstance(b, BezwaarHistorie) else (b.beslissing or {}).get("uitkomst")
    return r.Bezwaarstand(
        b.nummer,
        b.aanvraag,
        b.besluit,
        b.soort,
        b.verzonden,
        b.laatste_dag,
        b.ontvangen,
        b.tijdig,
        b.verschoonbaar,
        b.beslissen_voor,
        uitkomst,
        status,
    )


def bezwaarregel(b: BezwaarHistorie, status: str) -> dict[str, Any]:
    """A row of `bezwaar lijst`: the bezwaarstand, with when it was decided and the event number of that
    decision (its letter: `besluit NR --gebeurtenis`) before the status, in that order (CLI.md)."""
    rij = bezwaarstand(b, status).als_dict()
    del rij["status"]
    beslissing = b.beslissing
    return rij | {
        "beslist": beslissing.datum if beslissing else None,
        "beslissing": beslissing.gebeurtenis if beslissing else None,
        "status": status,
    }


# --- bezwaar beslissen (Awb 7:11-7:12) -------------------------------------------------------------
def beslis_bezwaar(dienst: Kern, cmd: BeslisBezwaar) -> r.Bezwaarstand:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Uitkomst[r.Bezwaarstand]:
        g = dienst.gemeente()
        b = dienst.laad(Bezwaar, bezwaar_id(cmd.bezwaar)) if cmd.bezwaar > 0 else None
        if b is None:
            raise NietGevonden(f"bezwaar {cmd.bezwaar} bestaat niet", bezwaar=cmd.bezwaar)
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)  # Awb 7:11: the college decides on bezwaar
        mandaat = namens.mandaat("college", None)
        a = dienst.laad_aanvraag(b.aanvraag)
        if not b.beslis(cmd.uitkomst, cmd.motivering, datum, dienst.gebruiker, mandaat=mandaat):
            return [], bezwaarstand(b, a.status)
        nieuw: list[Aggregate] = [b]
        if cmd.uitkomst == "gegrond":
            nieuw += _herroep(dienst, b, a, datum, mandaat)
        return nieuw, bezwaarstand(b, a.status)

    return dienst.voer_uit(beslis, cmd, r.Bezwaarstand)


def _herroep(dienst: Kern, b: Bezwaar, a: Any, datum: date, mandaat: dict[str, Any]) -> list[Aggregate]:
    """Awb 7:11: revoke the decision objected to, if it still stands as the latest."""
    laatste = brief.laatste_besluit(_aanvraag(geschiedenis(dienst), a.nummer))
    if laatste is None or laatste.handeling.gebeurtenis != b.besluit:
        raise OngeldigeToestand(
            f"besluit #{b.besluit} is niet meer het laatste besluit op aanvraag {a.nummer}: het kan niet worden "
            "herroepen; beslis het bezwaar ongegrond of neem een nieuw besluit",
            artikel="Awb 7:11",
        )
    vouchers = dienst.laad_vouchers_van(a) if b.soort == "toegekend" else []
    betaald = sum((v.verzilverd + v.contant for v in vouchers), Bedrag.nul())
    vrij = sum((v.restant for v in vouchers), Bedrag.nul())
    a.herroep(b.nummer, b.besluit, b.soort, betaald, vrij, datum, dienst.gebruiker, mandaat=mandaat)
    if not vrij.centen:
        return [a]
    w = dienst.laad_wijk(a.wijk, a.periode)
    w.eis_open()
    for v in vouchers:
        v.trek_waarde_in(v.restant, HERROEPING, datum, dienst.gebruiker)
    w.geef_vrij(a.nummer, vrij, datum, dienst.gebruiker)
    return [a, w, *vouchers]


def melding(u: dict[str, Any], nl: Any) -> str:
    if u["uitkomst"] is not None:
        regels = [f"Op bezwaar {u['bezwaar']} is beslist: {u['uitkomst']}; aanvraag {u['aanvraag']} heeft status "]
        regels[0] += f"{u['status']}."
        if u["uitkomst"] == "gegrond":
            regels.append(
                f"  Besluit #{u['besluit']} ({u['soort']}) is herroepen (art. 7:11 Awb): neem een nieuw besluit op "
                f"aanvraag {u['aanvraag']}."
            )
        regels.append(f"  De brief met beroepsclausule: voucher besluit {u['aanvraag']}.")
        return "\n".join(regels)
    tijdig = "tijdig" if u["tijdig"] else ("te laat, verschoonbaar" if u["verschoonbaar"] else "te laat")
    termijn = (
        f"bezwaartermijn tot en met {nl(u['laatste_dag'])}"
        if u["laatste_dag"]
        else "het besluit is niet verzonden: de bezwaartermijn loopt nog niet (art. 6:8, 6:10 Awb)"
    )
    return (
        f"Bezwaar {u['bezwaar']} tegen besluit #{u['besluit']} op aanvraag {u['aanvraag']} ({u['soort']}) "
        f"ontvangen op {nl(u['ontvangen'])}: {tijdig} ({termijn}); beslissen voor {nl(u['beslissen_voor'])} "
        "(art. 7:10 Awb)."
    )


def bezwaren_van(dienst: Kern, nummer: int) -> list[dict[str, Any]]:
    """The bezwaren against decisions on aanvraag `nummer`, from their own events only (cheap for `aanvraag toon`)."""
    from ledger import gebeurtenissen as g

    uit: dict[Any, dict[str, Any]] = {}

    def lees() -> list[dict[str, Any]]:
        for e in dienst.gebeurtenissen([g.BezwaarIngediend, g.BezwaarBeslist]):
            if isinstance(e, g.BezwaarIngediend) and e.aanvraag == nummer:
                uit[e.originator_id] = {
                    "bezwaar": e.nummer,
                    "besluit": e.besluit,
                    "soort": e.soort,
                    "ontvangen": e.ontvangen,
                    "tijdig": e.tijdig,
                    "verschoonbaar": e.verschoonbaar,
                    "laatste_dag": e.laatste_dag,
                    "beslissen_voor": e.beslissen_voor,
                    "uitkomst": None,
                    "beslist": None,
                }
            elif e.originator_id in uit:
                uit[e.originator_id] |= {"uitkomst": e.uitkomst, "beslist": e.datum}
        return sorted(uit.values(), key=lambda b: b["bezwaar"])

    return lees_opslag(lees)


def bezwaren(dienst: Kern) -> list[dict[str, Any]]:
    h = geschiedenis(dienst)
    return [bezwaarregel(b, h.aanvragen[b.aanvraag].status) for _, b in sorted(h.bezwaren.items())]


def bezwaar_regels(u: dict[str, Any], nl: Any) -> list[str]:
    """`aanvraag toon`: the decisions revoked and the bezwaren with their terms, one line each."""
    regels = [
        f"  herroepen op bezwaar {h['bezwaar']} op {nl(h['herroepen_op'])}: besluit #{h['gebeurtenis']} "
        f"({h.get('uitkomst')} op {nl(h.get('datum'))}) (Awb 7:11)"
        for h in u.get("herroepingen") or []
    ]
    for b in u["bezwaren"]:
        termijn = f"termijn tot en met {nl(b['laatste_dag'])}" if b["laatste_dag"] else "besluit niet verzonden"
        tijdig = "tijdig" if b["tijdig"] else ("te laat, verschoonbaar" if b["verschoonbaar"] else "te laat")
        stand = (
            f"{b['uitkomst']} op {nl(b['beslist'])}" if b["uitkomst"] else f"beslissen voor {nl(b['beslissen_voor'])}"
        )
        regels.append(
            f"  bezwaar {b['bezwaar']} tegen besluit #{b['besluit']} ({b['soort']}), ontvangen {nl(b['ontvangen'])}: "
            f"{tijdig} ({termijn}); {stand}"
        )
    return regels
