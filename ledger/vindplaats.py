"""Where the class of a stored topic is defined: a topic's aggregate names its module.

Every topic of the ledger is `voucher.<Aggregaat>` or `voucher.<Aggregaat>.<Gebeurtenis>`
(ledger/gebeurtenissen.py is the catalogue). Importing the aggregate's module registers the
explicit topics of its events and its snapshot class, so that a command that only pays from a
voucher decodes its events without importing every aggregate of the ledger (issue 13: a
command as a process). tests/store/test_gebeurtenissen_blijven_gelijk.py checks this table
against the catalogue.
"""

from __future__ import annotations

MODULE_VAN_AGGREGAAT: dict[str, str] = {
    "voucher.Gemeente": "ledger.gemeente",
    "voucher.Wijk": "ledger.wijk",
    "voucher.Aanvraag": "ledger.aanvraag",
    "voucher.Voucher": "ledger.voucher",
    "voucher.Factuur": "ledger.voucher",
    "voucher.Verzoek": "ledger.verzoek",
    "voucher.Bezwaar": "ledger.bezwaar",
    "voucher.Verzending": "ledger.bezwaar",
}


def module_van(topic: str) -> str | None:
    """The module that defines (and so registers) the class of `topic`; None for a topic the ledger does not know."""
    return MODULE_VAN_AGGREGAAT.get(".".join(topic.split(".", 2)[:2]))
