"""The Dutch text of the command line's answers: one function per answer, reading the same keys
as the `--json` object (CLI.md: amounts `€ 1.234,50`, dates `1 maart 2026`). The help texts that
several commands share (the input forms, the grounds of art. 6) live here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ledger.datum import formatteer_datum
from projections.tekst import nl, tabel

if TYPE_CHECKING:
    from ledger.regeling import Regeling


INVOER = """\b
Invoer:
  BEDRAG  in euro's, op zijn Nederlands: 1234, 1234,50, 1.234,50, € 1.234,50, of 1234.50
          (één punt met één of twee cijfers erna is een decimaalpunt). Andere punten
          groeperen per drie: 1.234 is € 1.234,00. Niet nul, niet negatief; 1,234.50 en
          12,345 worden geweigerd.
  DATUM   2026-03-01 of 01-03-2026. De datum van een handeling (--datum) ligt nooit in de
          toekomst.
  CODE    een vouchercode: V, het aanvraagnummer (6 cijfers), het volgnummer van de voucher
          (2 cijfers) en een controlecijfer, bijvoorbeeld V000017-02-6 (ook v000017026). Eén
          verkeerd cijfer of twee verwisselde buren geven een ongeldige code, nooit een andere
          voucher.
  NR      het nummer van een aanvraag: 1, 2, 3 ...
  JAAR    een budgetjaar, bijvoorbeeld 2026.

\b
--json mag vóór of na het commando: voucher --json saldo of voucher saldo --json."""


def weigeringsgronden(inspringen: str = "  ") -> str:
    """The grounds of art. 6, a to e, in the verordening's words (ledger/begrippen.py)."""
    from ledger.begrippen import WEIGERINGSGRONDEN

    regels = [
        "Weigeringsgronden (art. 6): het verstrekken van vouchers kan worden geweigerd, als er gegronde",
        "reden is om aan te nemen:",
    ]
    regels += [f"{inspringen}{letter}  {tekst}" for letter, tekst in WEIGERINGSGRONDEN.items()]
    regels.append("Kies de grond die de weigering draagt: is het subsidieplafond bereikt, dan is dat grond e,")
    regels.append("en alleen voor het deel dat niet meer beschikbaar is (art. 4:25 lid 2 Awb).")
    regels.append("Is de aanvraag geen initiatief in de zin van de verordening (van een instelling of bedrijf,")
    regels.append("of van buiten de wijk), dan is de grond geen-initiatief (art. 1 onder b en c).")
    return "\n".join(regels)


GRONDEN = "\b\n" + weigeringsgronden()


def regeling_regels(u: dict[str, Any], r: Regeling) -> list[str]:
    def jaar(n: int) -> str:
        return "het budgetjaar" if n == 0 else f"{n} jaar na het budgetjaar"

    per = f" op {nl(u['per'])}" if u["per"] else ""
    regels = [
        f"Gemeente {u['gemeente']}: {r.naam}",
        f"  versie {u['versie']}{per}, geldt vanaf {nl(u['vanaf'])}",
        f"  in werking sinds               {nl(r.inwerkingtreding)} (art. 10)",
        f"  maximale voucherwaarde         {nl(r.max_voucherwaarde)} (art. 1 onder a)",
        f"  wijkraadpleging boven          {nl(r.raadplegingsdrempel)} (art. 5 lid 3)",
        f"  contant per keer ten hoogste   {nl(r.contant_max)} (art. 9 lid 3 onder b)",
        f"  beslistermijn                  {r.beslistermijn_weken} weken (art. 5 lid 1)",
        f"  uitvoeringskosten ten hoogste  {r.uitvoeringskosten_max_procent}% van het budget (art. 2 lid 3)",
        f"  vouchers verstrekken tot en met {r.verstrekken_tot} van {jaar(r.verstrekken_tot_jaar)} (art. 5 lid 8)",
        f"  initiatief uitgevoerd uiterlijk {r.uitvoeren_tot} van {jaar(r.uitvoeren_tot_jaar)} (art. 5 lid 8)",
        *(
            f"  budgetjaar {j}: verstrekken tot en met {nl(v)}, uitgevoerd uiterlijk {nl(t)} (art. 5 lid 8)"
            for j, v, t in r.budgetjaren
        ),
        f"  betaaltermijn                  {r.betaaltermijn_dagen} dagen na de uitvoeringsdatum, voor een factuur "
        "van uiterlijk die datum",
        f"  latere data per wijk           {'toegestaan' if r.wijkdata_later_toegestaan else 'niet toegestaan'}",
        f"  bezwaartermijn                 {r.bezwaartermijn_weken} weken (Awb 6:7)",
        f"  laat vastgelegd na             {r.laat_geboekt_dagen} dagen na de datum van de handeling (uitzondering in "
        "de verantwoording)",
    ]
    if len(u["versies"]) > 1:
        regels.append("  versies: " + "; ".join(f"{v['versie']} vanaf {nl(v['vanaf'])}" for v in u["versies"]))
    return [*regels, "", weigeringsgronden()]


def aanvraag_tekst(u: dict[str, Any]) -> str:
    regels = [f"Aanvraag {u['aanvraag']} (wijk {u['wijk']}, {u['periode']}): {u['status']}"]
    if u["ontbreekt"]:
        regels.append(f"  ontbreekt: {', '.join(u['ontbreekt'])} (art. 4 lid 2)")
    regels.append(f"  ontvangen: {nl(u['ontvangen'])}")
    if u["beslissen_voor"]:
        regels.append(f"  beslissen voor: {nl(u['beslissen_voor'])} (art. 5 lid 1)")
    elif u["status"] == "onvolledig":
        regels.append("  beslistermijn loopt niet zolang de aanvraag onvolledig is (Awb 4:15)")
    return "\n".join(regels)


def betaling_tekst(soort: str, wat: str) -> Callable[[dict[str, Any]], str]:
    """`wat` names the document of a repeat: the same invoice (or receipt) is paid once (art. 9)."""

    def tekst(u: dict[str, Any]) -> str:
        if u.get("niets_veranderd"):
            return (
                f"{wat} was al geboekt: {nl(u['bedrag'])} uit voucher {u['voucher']}; er is niets veranderd "
                f"(restant {nl(u['restant'])})."
            )
        return f"{soort} {nl(u['bedrag'])} van voucher {u['voucher']}; restant {nl(u['restant'])}."

    return tekst


def waar(b: dict[str, Any]) -> str:
    """Where a kasboek line's money went: the supplier and invoice, cash (with its receipt), or the reason."""
    if b["soort"] == "contant":
        return "contant" + (f", kwitantie {b['factuur']}" if b["factuur"] else "")
    return " / ".join(x for x in (b["leverancier"], b["factuur"]) if x) or (b["reden"] or "")[:60]


def kasboekdetail(r: dict[str, Any]) -> str:
    """Supplier and invoice; for a correction the line it corrects; else the reason."""
    if r["corrigeert"] is not None:
        return f"corrigeert #{r['corrigeert']}: {r['reden'] or ''}"[:60]
    return " / ".join(x for x in (r["leverancier"], r["factuur"]) if x) or (r["reden"] or "")[:40]


VOUCHERVELDEN = [
    "wijk",
    "periode",
    "aanvraag",
    "waarde",
    "verzilverd",
    "contant",
    "vervallen",
    "ingetrokken",
    "restant",
    "status",
    "verstrekt",
    "uitvoeren_tot",
]


def inrichting(u: dict[str, Any], gebruiker: str | None) -> str:
    regels = [f"Administratie {'ingericht' if u['nieuw'] else 'was al ingericht'} voor gemeente {u['gemeente']}."]
    if u["nieuw"]:
        regels.append(f"{gebruiker} heeft het collegemandaat.")
    if "databaserollen" in u:
        regels.append("Databaserollen: " + ", ".join(u["databaserollen"].values()) + ".")
        regels += [f"  {lid['login']} is lid van {lid['databaserol']}" for lid in u["lidmaatschappen"]]
    return "\n".join(regels)


def toekenning(u: dict[str, Any]) -> str:
    al = "was al toegekend" if u.get("niets_veranderd") else "toegekend"
    regels = [
        f"Aanvraag {u['aanvraag']} {al} op {nl(u['datum'])}: {nl(u['bedrag'])} in {len(u['vouchers'])} voucher(s)"
    ]
    regels += [f"  {v['code']}  {nl(v['bedrag']):>14}" for v in u["vouchers"]]
    if u["start_voor"]:
        regels.append(f"  voorwaarde: start van de uitvoering voor {nl(u['start_voor'])} (art. 5 lid 7)")
    if u.get("niets_veranderd"):
        regels.append("Er is niets veranderd.")
    return "\n".join(regels)


def weigering(u: dict[str, Any]) -> str:
    from ledger.begrippen import GRONDEN as grondteksten
    from ledger.begrippen import weigeringsartikel

    al, niets = ("was al geweigerd", " Er is niets veranderd.") if u.get("niets_veranderd") else ("geweigerd", "")
    return f"Aanvraag {u['aanvraag']} {al} op grond van {weigeringsartikel(u['grond'])}: {grondteksten[u['grond']]}.{niets}"


def aanvraagdetail(u: dict[str, Any]) -> str:
    from commands.bezwaar import bezwaar_regels

    regels = [aanvraag_tekst(u), *bezwaar_regels(u, nl)]
    persoon = ("naam", "adres", "telefoon") if u["persoonsgegevens"] != "afgeschermd" else ("naam",)
    for k in (*persoon, "omschrijving", "planning", "kosten", "vouchers_gewenst", "elders_subsidie"):
        regels.append(f"  {k.replace('_', ' ')}: {nl(u[k])}")
    if u["persoonsgegevens_vernietigd"]:
        regels.append(f"  persoonsgegevens vernietigd op {nl(u['persoonsgegevens_vernietigd'])} (AVG)")
    if u["aanvulling"]:
        a = u["aanvulling"]
        regels.append(f"  aanvulling gevraagd op {nl(a['gevraagd_op'])}: {a['wat']} (uiterlijk {nl(a['termijn'])})")
    if u["raadpleging"]:
        r = u["raadpleging"]
        regels.append(f"  wijkraadpleging: {r.get('uitkomst') or 'nog niet gehouden'}")
    if u["intrekking"]:
        t = u["intrekking"]
        regels.append(f"  ingetrokken op {nl(t['datum'])} (vastgelegd door {t['door']}): {t['reden']}")
    regels += _besluitregels(u["besluit"])
    regels += _nazorgregels(u)
    regels.append("  handelingen (datum van de handeling; vastgelegd op, Nederlandse tijd):")
    for h in u["handelingen"]:
        vastgelegd = h["vastgelegd"].replace("T", " ")[:19] if h["vastgelegd"] else "onbekend"
        regels.append(f"    {nl(h['datum'])}  {h['handeling']} door {h['door']}; vastgelegd {vastgelegd}")
    return "\n".join(regels)


def _besluitregels(b: dict[str, Any] | None) -> list[str]:
    """`aanvraag toon`: the decision (art. 5 en 6), with its ground and motivation."""
    from ledger.begrippen import weigeringsartikel

    regels: list[str] = []
    if b:
        regels.append(f"  besluit: {b['uitkomst']} op {nl(b['datum'])} door {b['door']}")
        if b.get("bedrag"):
            regels.append(f"  bedrag: {nl(b['bedrag'])}; vouchers: {', '.join(v['code'] for v in b['vouchers'])}")
        if b.get("grond"):
            regels.append(f"  grond: {weigeringsartikel(b['grond'])}; motivering: {b['motivering']}")
        elif b.get("motivering"):
            regels.append(f"  motivering: {b['motivering']}")
    return regels


def _nazorgregels(u: dict[str, Any]) -> list[str]:
    """`aanvraag toon`: after the grant: withdrawals (Awb 4:48), vaststelling (4:42-4:47), terugvordering (4:57)."""
    regels: list[str] = []
    for t in u["toekenning_ingetrokken"]:
        regels.append(
            f"  toekenning ingetrokken op {nl(t['datum'])} door {t['door']}: {nl(t['bedrag'])} "
            f"(Awb 4:48 lid 1 onder {t['grond']}); motivering: {t['motivering']}"
        )
    if (v := u["vaststelling"]) is not None:
        lager = f" (Awb 4:46 lid 2 onder {v['grond']}: {v['motivering']})" if v["grond"] else ""
        regels.append(
            f"  vastgesteld op {nl(v['datum'])} door {v['door']}: {nl(v['bedrag'])}, betaald {nl(v['betaald'])}{lager}"
        )
    if u["teruggevorderd"].centen:
        regels.append(
            f"  teruggevorderd {nl(u['teruggevorderd'])}, terugontvangen {nl(u['terugontvangen'])}, "
            f"openstaand {nl(u['openstaand'])} (Awb 4:57)"
        )
    return regels


def vouchertoon(u: dict[str, Any]) -> str:
    regels = [f"Voucher {u['voucher']}", *(f"  {k.replace('_', ' '):<14} {nl(u[k])}" for k in VOUCHERVELDEN)]
    rijen = [
        [f"#{b['positie']}", b["datum"].strftime("%d-%m-%Y"), b["soort"], nl(b["bedrag"]), waar(b)]
        for b in u["betalingen"]
    ]
    kop = ["gebeurtenis", "datum", "soort", "bedrag", "leverancier / factuur"]
    return "\n".join([*regels, "", "Betalingen:", tabel(kop, rijen, (0, 3), inspringen=2)])


def saldo(saldi: list[Any], u: dict[str, Any]) -> str:
    from projections.saldo import BEDRAGVELDEN

    per, bekend_op, som = u["per"], u["bekend_op"], u["totaal"]
    positie, kop = u["ketenkop"]["positie"], u["ketenkop"]["hash"]
    kolommen = ["wijk", "periode", *BEDRAGVELDEN]
    rijen = [[s.wijk, str(s.periode), *(getattr(s, k).nl() for k in BEDRAGVELDEN)] for s in saldi]
    rijen.append(["totaal", "", *(som[k].nl() for k in BEDRAGVELDEN)])
    titel = f"Saldo per {formatteer_datum(per)}" if per else "Saldo"
    if bekend_op:
        titel += f", bekend op {formatteer_datum(bekend_op)}"
    return (
        f"{titel}\n{tabel(kolommen, rijen, rechts=set(range(2, len(kolommen))))}\n"
        f"Ketenkop na gebeurtenis nr. {positie}: {kop}"
    )


def verificatie(u: dict[str, Any]) -> str:
    regels = [
        f"Keten intact: {u['gebeurtenissen']} gebeurtenissen gecontroleerd in {u['stromen']} stromen, "
        f"{u['momentopnamen']} momentopname{'' if u['momentopnamen'] == 1 else 'n'}.",
        f"Ketenkop na gebeurtenis nr. {u['positie']}: {u['kop']}",
    ]
    for k in u["gevraagde_koppen"]:
        regels.append(f"  kop {k['hash']}: gevonden ({k['waar']})")
    regels.append("De kop van elke stroom: voucher --json verifieer (sleutel 'koppen').")
    return "\n".join(regels)


def kasboek(u: dict[str, Any], zoek: dict[str, Any]) -> str:
    kop = ["nr", "datum", "wijk", "voucher", "soort", "bedrag", "leverancier / factuur", "restant voucher"]
    kop.append("saldo wijk")
    rijen = [
        [
            f"#{r['positie']}",
            r["datum"].strftime("%d-%m-%Y"),
            f"{r['wijk']} {r['periode']}",
            r["voucher"] or f"aanvraag {r['aanvraag']}",
            r["soort"],
            nl(r["bedrag"]),
            kasboekdetail(r),
            nl(r["restant"]) if r["restant"] is not None else "",
            nl(r["saldo_wijk"]),
        ]
        for r in u["regels"]
    ]
    som = "; ".join(f"{soort} {nl(b)}" for soort, b in u["totaal"].items() if b.centen)
    gezocht = ", ".join(f"{'tot en met' if k == 'tot' else k} {nl(v)}" for k, v in zoek.items() if v is not None)
    titel = f"Kasboek ({gezocht})" if gezocht else "Kasboek"
    return f"{titel}\n" + tabel(kop, rijen, rechts={0, 5, 7, 8}) + (f"\nTotaal: {som}" if som else "")


def bezwaren(u: dict[str, Any]) -> str:
    if not u["bezwaren"]:
        return "Geen bezwaren."
    rijen = [
        [
            str(b["bezwaar"]),
            str(b["aanvraag"]),
            f"#{b['besluit']} {b['soort']}",
            nl(b["ontvangen"]),
            "ja" if b["tijdig"] else ("verschoonbaar" if b["verschoonbaar"] else "nee"),
            nl(b["beslissen_voor"]),
            b["uitkomst"] or "open",
        ]
        for b in u["bezwaren"]
    ]
    from projections.rapporten import opmaak

    kop = ["bezwaar", "aanvraag", "besluit", "ontvangen", "tijdig", "beslissen voor", "uitkomst"]
    return opmaak.tabel(kop, rijen)


def vergeten(u: dict[str, Any]) -> str:
    wat = "vernietigd" if u["nieuw"] else "waren al vernietigd"
    regels = [
        f"Persoonsgegevens van aanvraag {u['aanvraag']} {wat} op {nl(u['vernietigd'])} "
        f"(bewaartermijn tot {nl(u['bewaren_tot'])}, {u['uitkomst']}).",
        f"  {u['toelichting']}",
    ]
    return "\n".join(regels)


def mandaten(u: dict[str, Any]) -> str:
    rijen = [
        [
            r["gebruiker"],
            r["naam"],
            r["rol"],
            r["wijk"] or "alle",
            nl(r["van"]),
            nl(r["tot"]) if r["tot"] else "-",
            r["besluit"] or "-",
        ]
        for r in u["mandaten"]
    ]
    koppen = ["gebruiker", "naam", "rol", "wijk", "van", "tot", "mandaatbesluit"]
    return tabel(koppen, rijen)


def wijken(u: dict[str, Any]) -> str:
    kolommen = ["wijk", "naam", "periode", "budget", "uitvoeringskosten", "plafond", "toegekend", "beschikbaar"]
    return tabel(kolommen, [[nl(r[k]) for k in kolommen] for r in u["wijken"]])


def aanvragen(u: dict[str, Any]) -> str:
    kolommen = ["aanvraag", "wijk", "status", "ontvangen", "beslissen_voor", "kosten", "vastgesteld", "omschrijving"]
    return tabel(kolommen, [[nl(r[k])[:40] for k in kolommen] for r in u["aanvragen"]])


def regeling_gewijzigd(u: dict[str, Any]) -> str:
    return f"Regeling versie {u['versie']} ({u['naam']}) geldt vanaf {nl(u['vanaf'])}" + (
        "." if u["nieuw"] else " (al zo; er is niets veranderd)."
    )


def wijk_aangewezen(u: dict[str, Any]) -> str:
    return (
        f"Wijk {u['wijk']} ({u['naam']}) aangewezen voor {u['periode']}: budget {nl(u['budget'])}, "
        f"uitvoeringskosten {nl(u['uitvoeringskosten'])}, subsidieplafond {nl(u['plafond'])}.\n"
        f"Vouchers verstrekken tot en met {nl(u['verstrekken_tot'])}; uitgevoerd uiterlijk {nl(u['uitvoeren_tot'])}."
    )


def plafond_vastgesteld(u: dict[str, Any]) -> str:
    return (
        f"Subsidieplafond van wijk {u['wijk']} {u['periode']}: {nl(u['plafond'])} (beschikbaar {nl(u['beschikbaar'])})."
    )


def budget_gewijzigd(u: dict[str, Any]) -> str:
    return (
        f"Budget van wijk {u['wijk']} {u['periode']}: {nl(u['budget'])} (was {nl(u['vorig'])}); "
        f"subsidieplafond {nl(u['plafond'])}, beschikbaar {nl(u['beschikbaar'])}."
        + ("" if u["nieuw"] else " Er is niets veranderd.")
    )


def aanvulling_gevraagd(u: dict[str, Any]) -> str:
    return aanvraag_tekst(u) + f"\n  aanvullen uiterlijk: {nl(u['termijn'])}"


def geschikt(u: dict[str, Any]) -> str:
    return f"Aanvraag {u['aanvraag']} voldoet aan de verordening en gaat naar de wijkraadpleging (art. 5 lid 3-5)."


def wijziging(u: dict[str, Any]) -> str:
    return f"Wijziging bij aanvraag {u['aanvraag']} vastgelegd."


def bekendmaking(u: dict[str, Any]) -> str:
    return f"Aanvraag {u['aanvraag']} bekendgemaakt op {nl(u['bekendgemaakt'])}."


def raadpleging(u: dict[str, Any]) -> str:
    return f"Wijkraadpleging over aanvraag {u['aanvraag']}: {u['uitkomst']} (status {u['status']})."


def import_geboekt(u: dict[str, Any]) -> str:
    return (
        f"{u['geboekt']} betaling(en) geboekt voor {nl(u['bedrag'])} uit {u['vouchers']} voucher(s); "
        f"{u['herhaald']} al eerder geboekt en overgeslagen."
    )


def betaling_geweigerd(u: dict[str, Any]) -> str:
    return f"Betaling van {nl(u['bedrag'])} uit voucher {u['voucher']} geweigerd: {u['reden']}."


def backup(u: dict[str, Any]) -> str:
    return (
        f"Back-up in {u['pad']}: {u['gebeurtenissen']} gebeurtenissen, keten intact.\n"
        f"Ketenkop na gebeurtenis nr. {u['ketenkop']['positie']}: {u['ketenkop']['hash']}"
    )


def herbouwd(u: dict[str, Any]) -> str:
    return (
        f"Leesmodellen herbouwd uit {u['gebeurtenissen']} gebeurtenissen: {u['saldo']} saldo's, "
        f"{u['aanvragen']} aanvragen, {u['vouchers']} vouchers, {u['kasboek']} kasboekregels."
    )


def mandaat_gegeven(u: dict[str, Any]) -> str:
    waar = f" voor wijk {u['wijk']}" if u["wijk"] else ""
    wie = u["gebruiker"] if u["naam"] == u["gebruiker"] else f"{u['naam']} ({u['gebruiker']})"
    return f"{wie} is {u['rol']}{waar} vanaf {nl(u['van'])}" + ("" if u["nieuw"] else " (al zo).")


def mandaat_ingetrokken(u: dict[str, Any]) -> str:
    waar = f" voor wijk {u['wijk']}" if u["wijk"] else ""
    return f"Mandaat van {u['gebruiker']} als {u['rol']}{waar} ingetrokken per {nl(u['tot'])}."


def geschreven(u: dict[str, Any], titel: str, formaat: str) -> str:
    """A report written to a file (--uitvoer): what, where, and the stand and log head it rests on."""
    regels = [f"{titel} ({formaat}) geschreven naar {u['uitvoer']}: {u['bytes']} bytes, sha256 {u['sha256']}."]
    if u["tot"]:
        regels.append(f"Stand: {nl(u['tot'])}.")
    if u["bekend_op"]:
        regels.append(f"Bekend op: {nl(u['bekend_op'])}.")
    if u["ketenkop"]:
        regels.append(f"Ketenkop na gebeurtenis nr. {u['ketenkop']['positie']}: {u['ketenkop']['hash']}")
    return "\n".join(regels)
