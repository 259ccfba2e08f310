"""The words of the verordening that readers need without the aggregates: the grounds of
refusal (art. 6) and the items an aanvraag must hold (art. 4 lid 2). Light on purpose: the
read models import it without paying for the event-sourced classes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

WEIGERINGSGRONDEN = {
    "a": "het initiatief is niet haalbaar of uitvoerbaar binnen de in de aanvraag vermelde planning",
    "b": "de initiatiefnemer beoogt doelstellingen of activiteiten die in strijd zijn met de wet",
    "c": "het initiatief heeft voornamelijk betrekking op privé-belangen van de initiatiefnemer",
    "d": "het beheer en onderhoud van de voorgestelde fysieke verbeteringen kunnen niet worden gewaarborgd",
    "e": "door de verstrekking wordt het subsidieplafond overschreden",
}

# Art. 1 onder b and c: an aanvraag that is not an initiative in the sense of the verordening (a plan of
# residents for their own wijk) is refused on that ground, next to the grounds of art. 6: for example one of a
# professional institution or a company (toelichting art. 1: never a professional institution), or from outside
# the wijk.
GEEN_INITIATIEF = "geen-initiatief"
BUITEN_DE_VERORDENING = {
    GEEN_INITIATIEF: "het is geen initiatief in de zin van de verordening: geen plan van individuele of "
    "georganiseerde bewoners om de leefbaarheid in de eigen wijk, buurt of straat te verbeteren of de sociale "
    "cohesie te versterken (bijvoorbeeld van een instelling of een bedrijf, of van buiten de wijk)",
}
GRONDEN = WEIGERINGSGRONDEN | BUITEN_DE_VERORDENING
"""Every ground a refusal (or the refused part of a grant) can name: a-e of art. 6 and `geen-initiatief`."""


def weigeringsartikel(grond: str) -> str:
    """The article a refusal on `grond` rests on: art. 6 onder a-e, or art. 1 onder b en c."""
    return "art. 1 onder b en c" if grond == GEEN_INITIATIEF else f"art. 6 onder {grond}"


# Awb 4:48 lid 1: the grounds to withdraw or reduce a grant (subsidieverlening) before it is vastgesteld
INTREKKINGSGRONDEN = {
    "a": "de activiteiten waarvoor de vouchers zijn verstrekt, hebben niet of niet geheel plaatsgevonden of zullen "
    "niet of niet geheel plaatsvinden",
    "b": "de initiatiefnemer heeft niet voldaan aan de verplichtingen die aan de vouchers zijn verbonden",
    "c": "de initiatiefnemer heeft onjuiste of onvolledige gegevens verstrekt en juiste of volledige gegevens "
    "zouden tot een andere beslissing op de aanvraag hebben geleid",
    "d": "de verstrekking was anderszins onjuist en de initiatiefnemer wist dit of behoorde dit te weten",
}

# Awb 4:46 lid 2: the grounds to settle a grant (vaststelling) lower than the grant, in the voucher's words
VASTSTELLINGSGRONDEN = {
    "a": "de activiteiten waarvoor de vouchers zijn verstrekt, hebben niet of niet geheel plaatsgevonden",
    "b": "de initiatiefnemer heeft niet voldaan aan de verplichtingen die aan de vouchers zijn verbonden",
    "c": "de initiatiefnemer heeft onjuiste of onvolledige gegevens verstrekt en juiste of volledige gegevens "
    "zouden tot een andere beslissing op de aanvraag hebben geleid",
    "d": "de verstrekking was anderszins onjuist en de initiatiefnemer wist dit of behoorde dit te weten",
}

# The `grond` of value released from a voucher by a vaststelling (Awb 4:44), beside the grounds a-d of Awb 4:48
VASTSTELLING = "vaststelling"
# ... and of value released because its grant was revoked on a gegrond bezwaar (Awb 7:11)
HERROEPING = "herroeping"

# art. 4 lid 2: what an aanvraag must hold, in the words shown to users
VEREISTEN: dict[str, tuple[str, str]] = {
    # veld: (where it lives, name in 'ontbreekt')
    "adres": ("persoon", "adres"),
    "telefoon": ("persoon", "telefoon"),
    "ondertekend": ("persoon", "handtekening"),
    "omschrijving": ("gegevens", "omschrijving"),
    "planning": ("gegevens", "planning"),
    "kosten": ("gegevens", "kostenraming"),
    "elders_subsidie": ("gegevens", "elders-subsidie"),
}


def is_aanwezig(veld: str, waarde: Any) -> bool:
    """Art. 4 lid 2 for one item: given, not empty, and for the signature: signed."""
    return not (waarde is None or waarde == "" or (waarde is False and veld == "ondertekend"))


def aanwezig_na(oud: Collection[str], persoon: Mapping[str, Any], gegevens: Mapping[str, Any]) -> set[str]:
    """Which items of art. 4 lid 2 (VEREISTEN keys) are present after these (partial) items.

    An item the dicts do not mention keeps what `oud` says; one they mention counts as given."""
    uit = set(oud)
    for veld, (waar, _) in VEREISTEN.items():
        bron = persoon if waar == "persoon" else gegevens
        if veld in bron:
            if is_aanwezig(veld, bron[veld]):
                uit.add(veld)
            else:
                uit.discard(veld)
    return uit


def ontbreekt(aanwezig: Collection[str]) -> list[str]:
    """The names of the missing items of art. 4 lid 2, in the order of VEREISTEN."""
    return [naam for veld, (_, naam) in VEREISTEN.items() if veld not in aanwezig]


def aanwezig_volgens(ontbrekend: Collection[str]) -> set[str]:
    """The present items (VEREISTEN keys) of a list of missing names, as `ontbreekt` gives it."""
    return {veld for veld, (_, naam) in VEREISTEN.items() if naam not in ontbrekend}


# Who can hold a mandate (art. 2): an OS login or a PostgreSQL login role, in a safe subset.
GEBRUIKERSNAAM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}", re.ASCII)
