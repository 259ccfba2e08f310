"""The verantwoording: it reconciles with `voucher saldo`, is the same byte for byte, and every euro rests on an event."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_hulp import controleer_fout, een_json_object, ok, voer_uit, voer_uit_echt
from rapport_hulp import COLLEGE, KAS, REGIE, als, jaar_2025, log

from commands.opslag import lees_url, open_ledger
from commands.periode import SluitPeriodeAf, sluit_periode_af
from ledger import gebeurtenissen as g
from ledger.geld import Bedrag
from projections.rapporten import verantwoording
from projections.rapporten.geschiedenis import vouw
from projections.rapporten.opmaak import CSV_BEDRAGKOLOM

SALDO = (
    "budget",
    "uitvoeringskosten",
    "plafond",
    "toegekend",
    "verzilverd",
    "contant",
    "vervallen",
    "uitstaand",
    "beschikbaar",
)
GESOMMEERD = ("budget", "uitvoeringskosten", "plafond", "toegekend", "verzilverd", "contant", "vervallen")
# Before, during, at the end of the issue period, after the last payment, and after closing.
DATA = [None, "2025-01-31", "2025-04-15", "2025-06-30", "2025-12-31", "2026-01-10"]


def rapport(db: Path, *args: str, als_json: bool = False) -> str:
    return ok(voer_uit("rapport", *args, db=db, als_json=als_json)).out


def saldo(db: Path, per: str | None) -> dict[str, Any]:
    return voer_uit("saldo", *(["--per", per] if per else []), db=db, als_json=True).json()


def per_wijk(rijen: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, str]]:
    return {(r["wijk"], r["periode"]): {k: r[k] for k in SALDO} for r in rijen}


def nl(bedrag: str) -> str:
    return Bedrag.uit_decimal(Decimal(bedrag)).nl()


@pytest.mark.parametrize("tot", DATA, ids=[d or "alles" for d in DATA])
def test_de_verantwoording_sluit_in_elk_formaat_op_de_cent_aan_op_het_saldo(afgesloten_store, tot):
    args = ["verantwoording", *(["--tot", tot] if tot else [])]
    verwacht = saldo(afgesloten_store, tot)
    assert verwacht["wijken"], "het saldo is leeg: de test zegt dan niets"

    # JSON: per wijk and in total the nine figures of `voucher saldo`.
    model = een_json_object(rapport(afgesloten_store, *args, "--formaat", "json"))
    assert per_wijk(model["wijken"]) == per_wijk(verwacht["wijken"])
    assert model["totaal"] == {k: verwacht["totaal"][k] for k in SALDO}
    for w in model["wijken"]:  # and the initiatives add up to their wijk
        for post in ("toegekend", "verzilverd", "contant", "vervallen"):
            assert sum(Decimal(i[post]) for i in w["initiatieven"]) == Decimal(w[post]), (w["wijk"], post)

    # CSV: the amounts summed per wijk, periode and saldopost are the saldo.
    tekst = rapport(afgesloten_store, *args, "--formaat", "csv")
    assert tekst.startswith("\ufeff") and "\r\n" in tekst
    rijen = list(csv.DictReader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=";"))
    som: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in rijen:
        if r["saldopost"]:
            som[(r["wijk"], int(r["periode"]))][r["saldopost"]] += Decimal(r[CSV_BEDRAGKOLOM].replace(",", "."))
    for sleutel, cijfers in per_wijk(verwacht["wijken"]).items():
        for post in GESOMMEERD:
            assert som[sleutel][post] == Decimal(cijfers[post]), (sleutel, post)

    # Text and HTML: the total line carries the same nine amounts.
    totaalregel = next(r for r in rapport(afgesloten_store, *args).splitlines() if r.startswith("totaal"))
    assert totaalregel.split()[1:] == " ".join(nl(verwacht["totaal"][k]) for k in SALDO).split()
    html = rapport(afgesloten_store, *args, "--formaat", "html")
    totaalrij = html.split('<tr class="totaal">', 1)[1].split("</tr>", 1)[0]
    for k in SALDO:
        assert nl(verwacht["totaal"][k]).replace("€ ", "€&nbsp;") in totaalrij, k


def test_de_raad_ziet_dezelfde_cijfers_als_het_saldo(afgesloten_store):
    for tot in ("2025-05-31", "2026-01-10"):
        verwacht = saldo(afgesloten_store, tot)
        model = een_json_object(rapport(afgesloten_store, "raad", "--tot", tot, "--formaat", "json"))
        [periode] = model["perioden"]
        rijen = [w | {"periode": periode["periode"]} for w in periode["wijken"]]
        assert per_wijk(rijen) == per_wijk(verwacht["wijken"])
        assert {k: periode["totaal"][k] for k in SALDO} == {k: verwacht["totaal"][k] for k in SALDO}


@pytest.mark.parametrize("formaat", ["tekst", "csv", "json", "html"])
def test_dezelfde_geschiedenis_geeft_byte_voor_byte_hetzelfde_rapport(afgesloten_store, tmp_path, formaat):
    eerste, tweede = tmp_path / "een", tmp_path / "twee"
    for pad in (eerste, tweede):
        ok(
            voer_uit(
                "rapport",
                "verantwoording",
                "--tot",
                "2025-09-30",
                "--formaat",
                formaat,
                "--uitvoer",
                str(pad),
                db=afgesloten_store,
            )
        )
    assert eerste.read_bytes() == tweede.read_bytes()
    scherm = rapport(afgesloten_store, "verantwoording", "--tot", "2025-09-30", "--formaat", formaat)
    assert scherm.encode("utf-8") == eerste.read_bytes()
    assert b"2025-09-30" in eerste.read_bytes() or b"30 september 2025" in eerste.read_bytes()


def test_ook_een_ander_proces_met_een_andere_hashvolgorde_schrijft_dezelfde_bytes(afgesloten_store, tmp_path):
    uit = []
    for zaad in ("1", "2"):
        pad = tmp_path / f"v{zaad}.json"
        u = voer_uit_echt(
            "rapport",
            "verantwoording",
            "--formaat",
            "json",
            "--uitvoer",
            str(pad),
            db=afgesloten_store,
            als_json=True,
            omgeving={"PYTHONHASHSEED": zaad},
        )
        samenvatting = u.json()
        assert samenvatting["bytes"] == pad.stat().st_size
        uit.append((pad.read_bytes(), samenvatting["sha256"]))
    assert uit[0] == uit[1]


BEDRAGSLEUTELS = ("bedrag", "waarde", "plafond", "budget", "vervallen")
GELDGEBEURTENISSEN = {
    g.VoucherVerstrekt: ("waarde", "toegekend"),
    g.VoucherVerzilverd: ("bedrag", "verzilverd"),
    g.VoucherContantOpgenomen: ("bedrag", "contant"),
    g.VoucherVervallen: ("bedrag", "vervallen"),
}


def _objecten(o: Any) -> list[dict[str, Any]]:
    if isinstance(o, dict):
        return [o, *(x for v in o.values() for x in _objecten(v))]
    if isinstance(o, list):
        return [x for v in o for x in _objecten(v)]
    return []


@pytest.mark.parametrize("tot", ["2025-04-15", "2026-01-10"])
def test_elke_euro_in_de_verantwoording_rust_op_een_gebeurtenis(afgesloten_store, tot):
    model = json.loads(rapport(afgesloten_store, "verantwoording", "--tot", tot, "--formaat", "json"))
    app = open_ledger(lees_url(str(afgesloten_store)))
    gebeurtenissen = log(app)
    app.close()
    grens = date.fromisoformat(tot)
    geteld = [n for n, e in gebeurtenissen.items() if e.datum <= grens]
    assert model["laatste_gebeurtenis"] == max(geteld) and model["gebeurtenissen"] == len(geteld)

    # Every object that names an event carries that event's own amounts, under the event's own names.
    genoemd: dict[int, int] = defaultdict(int)
    for obj in _objecten(model):
        if not isinstance(obj.get("gebeurtenis"), int) or ("soort" in obj and "omschrijving" in obj):
            continue  # an exception repeats an amount; it is checked below against the same event
        e = gebeurtenissen[obj["gebeurtenis"]]
        assert e.datum <= grens, obj
        for k in BEDRAGSLEUTELS:
            if obj.get(k) is not None:
                assert getattr(e, k).json() == obj[k], (obj, e)
        genoemd[obj["gebeurtenis"]] += 1
    for u in model["uitzonderingen"]:
        if "bedrag" in u:
            assert gebeurtenissen[u["gebeurtenis"]].bedrag.json() == u["bedrag"], u
        for n in [u["gebeurtenis"]] if "gebeurtenis" in u else u["gebeurtenissen"]:
            assert gebeurtenissen[n].datum <= grens, u

    # Every money event up to `tot` appears exactly once, and the totals are the sums of those events.
    per_post: dict[str, Decimal] = defaultdict(Decimal)
    ingetrokken = Decimal(0)  # value withdrawn with a grant (Awb 4:48): in the totals it is vervallen
    for n, e in gebeurtenissen.items():
        if e.datum > grens:
            continue
        if type(e) in GELDGEBEURTENISSEN:
            veld, post = GELDGEBEURTENISSEN[type(e)]
            assert genoemd[n] == 1, (n, e)
            per_post[post] += Decimal(getattr(e, veld).json())
        elif isinstance(e, g.VoucherBetalingGecorrigeerd):  # a storno: the payment it corrects no longer counts
            assert genoemd[n] == 1, (n, e)
            per_post[e.soort] -= Decimal(e.bedrag.json())
        elif isinstance(e, g.VoucherWaardeIngetrokken):
            assert genoemd[n] == 1, (n, e)
            ingetrokken += Decimal(e.bedrag.json())
    assert (per_post["vervallen"] > 0) == (grens >= date(2026, 1, 10))  # the closing, and only the closing
    per_post["vervallen"] += ingetrokken
    for post, bedrag in per_post.items():
        assert Decimal(model["totaal"][post]) == bedrag, post


def test_de_uitzonderingen_en_besluiten_staan_erin_met_hun_grond_en_gebeurtenis(store_url):
    app = open_ledger(lees_url(store_url), inrichten=True)
    jaar = jaar_2025(app)
    h = vouw(log(app).items())
    model = verantwoording.bouw(h)
    app.close()
    a = jaar["aanvragen"]
    soorten = defaultdict(list)
    for u in model["uitzonderingen"]:
        soorten[u["soort"]].append(u)
    assert [u["aanvraag"] for u in soorten["buiten_volgorde"]] == [a["buiten_volgorde"]]
    assert "buurtfeest" in soorten["buiten_volgorde"][0]["toelichting"]
    [laat] = soorten["na_beslistermijn"]
    assert laat["aanvraag"] == a["aangevuld"] and "10 dag(en)" in laat["toelichting"]  # 10 maart + 6 days paused
    [geweigerd] = soorten["betaling_geweigerd"]
    assert geweigerd["bedrag"] == Bedrag.parse("100") and "privé" in geweigerd["toelichting"]
    assert [u["bedrag"] for u in soorten["contant_aan_maximum"]] == [Bedrag.parse("500")]
    [gesplitst] = soorten["contant_zelfde_dag"]
    assert gesplitst["samen"] == Bedrag.parse("600") and len(gesplitst["gebeurtenissen"]) == 2
    assert "open_na_beslistermijn" not in soorten

    initiatieven = {i["aanvraag"]: i for w in model["wijken"] for i in w["initiatieven"]}
    [weigering] = initiatieven[a["geweigerd"]]["besluiten"]
    assert (weigering["soort"], weigering["grond"], weigering["motivering"]) == ("geweigerd", "c", "vooral privébelang")
    assert weigering["door"] == REGIE and "namens het college" in weigering["hoedanigheid"]
    aangevuld = initiatieven[a["aangevuld"]]
    assert aangevuld["opgeschort_dagen"] == 6 and aangevuld["beslissen_voor"] == date(2025, 3, 10)
    assert aangevuld["besluiten"][0]["binnen_termijn"] is False
    [v] = aangevuld["vouchers"]
    assert [b["door"] for b in v["betalingen"]] == [KAS]
    assert (v["betalingen"][0]["leverancier"], v["betalingen"][0]["factuur"]) == ("Bouwmarkt", "F-3")


def test_een_onbekende_wijk_of_json_met_een_ander_formaat_is_een_fout(afgesloten_store, tmp_path):
    controleer_fout(voer_uit("rapport", "verantwoording", "--wijk", "NERGENS", db=afgesloten_store), 3)
    controleer_fout(voer_uit("rapport", "verantwoording", "--periode", "2031", db=afgesloten_store), 3)
    controleer_fout(voer_uit("rapport", "verantwoording", "--formaat", "html", db=afgesloten_store, als_json=True), 2)
    controleer_fout(voer_uit("rapport", "verantwoording", "--formaat", "pdf", db=afgesloten_store), 2)
    controleer_fout(voer_uit("rapport", "raad", db=tmp_path / "bestaat-niet.db"), 5)


def test_een_wijk_apart_is_een_deel_van_het_geheel(afgesloten_store):
    alles = json.loads(rapport(afgesloten_store, "verantwoording", "--formaat", "json"))
    noord = json.loads(rapport(afgesloten_store, "verantwoording", "--wijk", "noord", "--formaat", "json"))
    assert [w["wijk"] for w in noord["wijken"]] == ["NOORD"]
    assert noord["wijken"][0] == next(w for w in alles["wijken"] if w["wijk"] == "NOORD")
    assert noord["laatste_gebeurtenis"] == alles["laatste_gebeurtenis"]


def test_op_beide_opslagen_sluiten_verantwoording_en_raad_aan_op_het_saldo(store_url):
    app = open_ledger(lees_url(store_url), inrichten=True)
    jaar = jaar_2025(app)
    sluit_periode_af(als(app, COLLEGE), SluitPeriodeAf(periode=2025, datum=date(2026, 1, 12)))
    app.close()
    lees = {"db": store_url, "als_json": True, "gebruiker": None}  # PostgreSQL takes no VOUCHER_GEBRUIKER
    for tot in ("2025-02-28", "2025-05-02", "2026-01-12"):
        verwacht = ok(voer_uit("saldo", "--per", tot, **lees)).json()
        model = ok(voer_uit("rapport", "verantwoording", "--tot", tot, **lees)).json()
        assert per_wijk(model["wijken"]) == per_wijk(verwacht["wijken"]), tot
        assert model["totaal"] == {k: verwacht["totaal"][k] for k in SALDO}, tot
        raad = ok(voer_uit("rapport", "raad", "--tot", tot, **lees)).json()
        assert {k: raad["perioden"][0]["totaal"][k] for k in SALDO} == model["totaal"], tot
    assert model["totaal"]["vervallen"] == str(sum(jaar["restant"].values(), Bedrag.nul()).json())
    assert model["totaal"]["uitstaand"] == "0.00"
