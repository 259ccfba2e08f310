"""Message catalogs: the words of the libraries the command line shows, in Dutch.

`nl/LC_MESSAGES/click.po` holds every message click 8.5.1 passes through gettext (help
headings, usage errors, "[verplicht]"), translated; `click.mo` is its compiled form, shipped
as package data. `cli.py` binds the text domain `click` to this folder, so click's own
`gettext()`/`ngettext()` calls find the Dutch text (gettext's standard lookup, no patching).

Update after a click upgrade: `python scripts/click_catalogus.py` adds click's new messages
to the .po (untranslated) and compiles the .mo; `tests/cli/test_nederlands.py` fails until
every message has its Dutch text.
"""

from __future__ import annotations

from pathlib import Path

LOCALEDIR = Path(__file__).resolve().parent
DOMEIN = "click"
