"""The parts of the command line (cli.py): what every command shares, so that cli.py reads as a
table of contents of the commands.

- `invoer`: the parameter types (BEDRAG, DATUM, CODE, NR, ...) and the shared option sets;
- `omgeving`: the object every command gets (`Omgeving`: the store, the service, printing), the
  command classes with their Dutch usage, and the one table of exit codes;
- `weergave`: the Dutch text of the results, one function per answer;
- `levering`: reports and files (`--formaat`, `--uitvoer`), with the log head they rest on.

Nothing here decides a rule (commands/ does); nothing loads the store, pydantic or a report
before a command needs it, so `voucher --help` starts fast.
"""

from __future__ import annotations


def _spreek_nederlands() -> None:
    """click's own words (headings, usage errors, "[verplicht]") come from its Dutch catalog (taal/).

    click passes every message through gettext's process-wide text domain; the program binds
    that domain to its catalog and chooses Dutch with LANGUAGE, the variable GNU gettext reads
    for the language of messages alone (numbers and dates keep the user's locale). So the
    command line speaks Dutch whatever the locale, LANG=C and en_US included. Called before
    the commands are built: click names a path type ("bestand") when it is made."""
    import gettext
    import os

    from taal import DOMEIN, LOCALEDIR

    os.environ["LANGUAGE"] = "nl"
    gettext.bindtextdomain(DOMEIN, str(LOCALEDIR))
    gettext.textdomain(DOMEIN)


_spreek_nederlands()


def _zonder_pydantic_plugins() -> None:
    """The program uses no pydantic plugins; without this, pydantic looks for them in every installed
    package's metadata when a command builds its first model (a command as a process, issue 13).
    A value the user set is kept."""
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


_zonder_pydantic_plugins()
