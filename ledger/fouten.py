"""Errors of the ledger: one root, one class per kind of refusal.

Every refusal carries its data (amounts, dates, ids) and, where a rule of the
verordening or the Awb is at stake, the article it comes from. `cli.py` maps the
classes to the exit codes of the command-line contract in one table; nothing else
decides an exit code.
"""

from __future__ import annotations

from typing import Any


class VoucherFout(Exception):
    """Root of every error a user may see. `melding` is the Dutch sentence."""

    soort: str = "fout"

    def __init__(self, melding: str, *, artikel: str | None = None, **gegevens: Any) -> None:
        super().__init__(melding)
        self.melding = melding
        self.artikel = artikel
        self.gegevens = gegevens

    def __str__(self) -> str:
        return self.melding


class OngeldigeInvoer(VoucherFout):
    """Bad input or usage: the request cannot even be understood (exit 2)."""

    soort = "invoer"


class RegelOvertreden(VoucherFout):
    """A rule of the regeling, the Awb or the mandate refuses the act (exit 1)."""

    soort = "regel"


class NietGevonden(VoucherFout):
    """The wijk, aanvraag or voucher named does not exist (exit 3)."""

    soort = "niet_gevonden"


class Conflict(VoucherFout):
    """A concurrent change kept winning after the retries (exit 4)."""

    soort = "conflict"


class KetenVerbroken(VoucherFout):
    """The stored history no longer holds together, or no longer extends a head printed earlier (exit 1)."""

    soort = "keten"


class OpslagOnbeschikbaar(VoucherFout):
    """The store cannot be reached or is not initialised (exit 5)."""

    soort = "opslag"


# --- the rules, each named after where it comes from -------------------------------


class GeenMandaat(RegelOvertreden):
    """Art. 2: only the college, its regiegroep and its kasbeheerder act."""


class FunctiescheidingGeschonden(RegelOvertreden):
    """Separation of duties: who decides on a grant does not pay it out."""


class PlafondOverschreden(RegelOvertreden):
    """Art. 6 onder e / Awb 4:25: the subsidieplafond would be exceeded."""


class BudgetOverschreden(RegelOvertreden):
    """Art. 2 lid 2-3 and 5: plafond plus reserve stay within the wijk's budget."""


class VoucherwaardeTeHoog(RegelOvertreden):
    """Art. 1 onder a: a voucher is worth at most the max voucher value."""


class RaadplegingVereist(RegelOvertreden):
    """Art. 5 lid 3-6: above the threshold a wijkraadpleging decides first."""


class AanvraagOnvolledig(RegelOvertreden):
    """Art. 4 lid 2-3: an incomplete aanvraag cannot be decided."""


class VolgordeNietGevolgd(RegelOvertreden):
    """Art. 4 lid 4: aanvragen are handled in the order of receipt."""


class DatumVoorAfhankelijkeHandeling(RegelOvertreden):
    """An act is never dated before an act it depends on (ledger/regels.py `samenhangende_data`)."""


class TermijnVerstreken(RegelOvertreden):
    """Art. 5 lid 8: vouchers until the issue date, payments until the execution date."""


class TermijnLoopt(RegelOvertreden):
    """Awb 4:5: an aanvraag is put aside only after its aanvullingstermijn has passed."""


class ContantBovenMaximum(RegelOvertreden):
    """Art. 9 lid 3 onder b: cash at most the cash max per withdrawal."""


class RestantOntoereikend(RegelOvertreden):
    """Art. 9 lid 1: a voucher pays at most its value; paid plus cash never above it."""


class FactuurAlGeboekt(RegelOvertreden):
    """Art. 9: one supplier invoice is paid once."""


class OngeldigeToestand(RegelOvertreden):
    """The act does not fit the state of the aanvraag, voucher or period."""
