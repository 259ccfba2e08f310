"""Reports and files: `--formaat` and `--uitvoer` for every command that can write one, the history
a report folds (with `--tot` and `--bekend-op`), and the log head it rests on (what `verifieer --kop`
checks later). A file is written atomically and the answer says what was written. Also the reading
behind `saldo` and `kasboek` (which can write a file too) and the verdict of `verifieer`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from commands.uitvoer import json_waarde
from ledger.fouten import KetenVerbroken, NietGevonden, OngeldigeInvoer
from opdrachtregel import weergave
from opdrachtregel.omgeving import Omgeving, leesdienst, m
from projections.tekst import nl


def lever_uitkomst(
    o: Omgeving,
    uitkomst: dict[str, Any],
    tekst: Callable[[dict[str, Any]], str],
    formaat: str | None,
    uitvoer: Path | None,
    bestand: Callable[[str], str | bytes],
    titel: str,
) -> None:
    """A command's result on the screen as before, or in the format asked for, to the screen or a file."""
    formaat = kies_formaat(o, formaat, uitvoer)
    if formaat == "tekst":
        inhoud: str | bytes = tekst(uitkomst) + "\n"
    elif formaat == "json":
        inhoud = json.dumps(uitkomst, default=json_waarde, ensure_ascii=False) + "\n"
    else:
        inhoud = bestand(formaat)
    lever(o, inhoud, formaat, uitvoer, uitkomst | {"titel": titel})


def geschiedenis(
    o: Omgeving,
    tot: date | None,
    bekend_op: date | None = None,
    wijkcode: str | None = None,
    periode: int | None = None,
) -> Any:
    """The folded history of the whole log; with `wijkcode` and `periode` (a report for one wijk and one
    year) only the streams of that wijk and year plus the gemeente, when the selection index can answer
    (commands/selectie.py): the same report, byte for byte, from less of the log."""
    from commands.geschiedenis import lees_geschiedenis, selectie_van
    from projections.rapporten.geschiedenis import vouw

    dienst = o.dienst()
    if bekend_op is not None:
        dienst.datum(bekend_op)  # a day that has not ended yet is no day the books were known on: bad input
    keuze = selectie_van(wijkcode, periode, bekend_op)
    return lees_geschiedenis(dienst, lambda genummerd: vouw(genummerd, tot, bekend_op), keuze)


def met_ketenkop(o: Omgeving, model: dict[str, Any], h: Any) -> dict[str, Any]:
    """The log head the report rests on, by the one rule of every report and `saldo` (Geschiedenis.kop_positie):
    with --bekend-op the head of the log as it stood then, else at the last event that counts. What
    'voucher verifieer --kop' checks later."""
    from commands.opslag import lees_opslag

    positie, kop = lees_opslag(lambda: o.app().logkop(h.kop_positie))
    return model | {"ketenkop": {"positie": positie, "hash": kop}}


def selectie(h: Any, wijkcode: str | None, periode: int | None) -> str | None:
    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    if (code or periode) and not h.wijk_lijst(code, periode):
        raise NietGevonden(
            (f"wijk {code} is niet aangewezen" if code else "er is geen wijk aangewezen")
            + (f" voor {periode}" if periode else "")
            + (f" (stand {nl(h.stand)})" if h.stand else "")
        )
    return code


def kies_formaat(o: Omgeving, formaat: str | None, uitvoer: Path | None) -> str:
    if formaat == "xlsx" and uitvoer is None:
        raise OngeldigeInvoer("--formaat xlsx schrijft een bestand: geef --uitvoer PAD (bijvoorbeeld rapport.xlsx)")
    if o.als_json and formaat not in (None, "json") and uitvoer is None:
        raise OngeldigeInvoer(
            "--json geeft één JSON-object op het scherm: kies --formaat json, of schrijf met --uitvoer naar een bestand"
        )
    return formaat or ("json" if o.als_json else "tekst")


def lever(o: Omgeving, inhoud: str | bytes, formaat: str, uitvoer: Path | None, model: dict[str, Any]) -> None:
    """Print the report, or write it to `uitvoer` (atomically) and say what was written: with the stand and
    the ketenkop, which a CSV or spreadsheet row does not carry."""
    import hashlib
    import os

    if uitvoer is None:
        click.echo(inhoud, nl=False)
        return
    data = inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8")
    tijdelijk = uitvoer.with_name(f".{uitvoer.name}.{os.getpid()}.tmp")
    try:
        tijdelijk.write_bytes(data)
        os.replace(tijdelijk, uitvoer)
    except OSError as e:
        tijdelijk.unlink(missing_ok=True)
        raise OngeldigeInvoer(f"kan {uitvoer} niet schrijven: {e.strerror or e}") from None
    samenvatting = {
        "uitvoer": str(uitvoer),
        "formaat": formaat,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "tot": model.get("tot") or model.get("per"),
        "bekend_op": model.get("bekend_op"),
        "laatste_gebeurtenis": model.get("laatste_gebeurtenis", (model.get("ketenkop") or {}).get("positie")),
        "ketenkop": model.get("ketenkop"),
    }

    titel = model.get("titel", "Rapport")
    o.toon(samenvatting, lambda u: weergave.geschreven(u, titel, formaat))


def rapport_json(model: dict[str, Any]) -> str:
    from projections.rapporten.opmaak import json_tekst

    return json_tekst(model)


def lees_saldo(
    o: Omgeving, code: str | None, periode: int | None, per: date | None, bekend_op: date | None
) -> tuple[list[Any], dict[str, Any]]:
    """`saldo`: the rows and the answer. Today's figures on SQLite come straight from the saldo view,
    without loading the event store; `--per` and `--bekend-op` replay the log (commands/leesmodellen.py)."""
    from projections.saldo import totaal
    from projections.snel import kies_saldi, lees_als_bij

    gelezen = None
    if bekend_op is not None:
        o.dienst().datum(bekend_op)  # a day that has not ended yet: bad input
    if per is None and bekend_op is None and (pad := o.sqlite_pad()) is not None:
        # current views: no event store to load
        gelezen = lees_als_bij(pad, lambda model: (model.saldo_rijen(), model.ketenkop()))
    if gelezen is not None:
        saldi, (positie, kop) = kies_saldi(gelezen[0], code, periode), gelezen[1]
    else:  # projections: the saldo view, caught up first; --per replays the log
        saldi, (positie, kop) = leesdienst(o).saldi_met_kop(code, periode, per, bekend_op)
    uitkomst = {
        "per": per,
        "bekend_op": bekend_op,
        "wijken": [s.als_dict() for s in saldi],
        "totaal": totaal(saldi),
        "ketenkop": {"positie": positie, "hash": kop},
    }
    return saldi, uitkomst


def eis_keten_intact(u: dict[str, Any]) -> None:
    """`verifieer`: a break in the chain, or a head asked for with --kop that the log does not hold, is exit 1."""
    details = {k: u[k] for k in ("gebeurtenissen", "positie", "kop", "breuk", "gevraagde_koppen")}
    if u["breuk"] is not None:
        b = u["breuk"]
        waar = f"gebeurtenis #{b['positie']}" if b["positie"] else "een momentopname"
        if b["stroom"]:
            waar += f" (stroom {b['stroom']}, versie {b['versie']}, {b['soort']})"
        raise KetenVerbroken(f"de hashketen is verbroken bij {waar}: {b['wat']}", details=details)
    niet = [k["hash"] for k in u["gevraagde_koppen"] if not k["gevonden"]]
    if niet:
        raise KetenVerbroken(
            f"de opslag bouwt niet voort op ketenkop {niet[0]}"
            + (f" (en {len(niet) - 1} andere)" if len(niet) > 1 else "")
            + ": de geschiedenis die dat rapport zag is ingekort of herschreven",
            details=details,
        )


def lees_kasboek(
    o: Omgeving, wijkcode: str | None, code: str | None, periode: int | None, zoek: dict[str, Any]
) -> dict[str, Any]:
    """`kasboek`: its lines from the kasboek view; a voucher that was never issued is not found (exit 3)."""
    from projections.rijen import Kasboekvraag

    lezer = leesdienst(o)
    wijkcode = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    u: dict[str, Any] = lezer.kasboek(wijkcode, code, periode, Kasboekvraag(**zoek))
    if code and not u["regels"] and not any(zoek.values()):
        raise NietGevonden(f"voucher {code} is nooit verstrekt" + (f" in wijk {wijkcode}" if wijkcode else ""))
    return u
