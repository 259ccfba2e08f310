"""The words of the verordening that readers need without the aggregates: the grounds of
refusal (art. 6) and the items an aanvraag must hold (art. 4 lid 2). Light on purpose: the
read models import it without paying for the event-sourced classes.
"""

from __future__ import annotations

import re

WEIGERINGSGRONDEN = {
    "a": "het initiatief is niet haalbaar of uitvoerbaar binnen de in de aanvraag vermelde planning",
    "b": "de initiatiefnemer beoogt doelstellingen of activiteiten die in strijd zijn met de wet",
    "c": "het initiatief heeft voornamelijk betrekking op privé-belangen van de initiatiefnemer",
    "d": "het beheer en onderhoud van de voorgestelde fysieke verbeteringen kunnen niet worden gewaarborgd",
    "e": "door de verstrekking wordt het subsidieplafond overschreden",
}

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

# Who can hold a mandate (art. 2): an OS login or a PostgreSQL login role, in a safe subset.
GEBRUIKERSNAAM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}", re.ASCII)
