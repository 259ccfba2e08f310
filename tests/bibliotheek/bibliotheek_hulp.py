"""What the peer suite shares: the project's persistence for a library test case, and the skips by design."""

from __future__ import annotations

import os
import threading
import time
from typing import Any
from unittest import TestCase

from commands.adres import lees_url
from commands.opslag import VoucherLedger, open_ledger
from commands.verifieren import verifieer

# Every library test that does not hold here, and why: the project chose otherwise on purpose, or the
# project inherits it unchanged from eventsourcing's own JSONTranscoder (the cases of 9.5.6 expect a
# transcoder that keeps tuples and subclasses; test_bibliotheek_toepassing.py shows the library's own
# JSONTranscoder differs in exactly these). VOUCHER_BIBLIOTHEEK_ZONDER_SKIPS=1 runs them anyway.
_ERFENIS = (
    "inherited unchanged from eventsourcing's JSONTranscoder, which writes {what} (the library's own "
    "JSONTranscoder fails this case too); the ledger's events and snapshots hold no tuples and no subclasses of "
    "built-in types: their fields are plain values and the transcodings of ledger/transcodings.py"
)
AFWIJKINGEN: dict[str, str] = {
    "test_nested_custom_type": (
        "KanoniekeTranscoder sorts the keys of every JSON object: the hash chain is computed over one canonical "
        'encoding (ledger/keten.py), so a transcoded value is written {"_data_":..,"_type_":..}, not in '
        "insertion order (test_sleutels_gesorteerd checks the canonical form instead)"
    ),
    "test_tuple": _ERFENIS.format(what="a tuple as a JSON array (it decodes as a list)"),
    "test_mixed": _ERFENIS.format(what="a tuple as a JSON array (it decodes as a list)"),
    "test_dict_subclass": _ERFENIS.format(what="a subclass of dict as a plain object"),
    "test_list_subclass": _ERFENIS.format(what="a subclass of list as a plain array"),
    "test_str_subclass": _ERFENIS.format(what="a subclass of str as a plain string"),
    "test_int_subclass": _ERFENIS.format(what="a subclass of int as a plain number"),
    "test_name": (
        "the ledger's application name is fixed at 'vouchers': it names the PostgreSQL tables vouchers_events and "
        "vouchers_snapshots, and the database rights follow that name (commands/rechten.py)"
    ),
    "test_take_snapshot_raises_assertion_error_if_snapshotting_not_enabled": (
        "snapshotting is always on in the ledger (snapshotting_intervals for Gemeente, Wijk, Aanvraag, Voucher): "
        "a store without snapshots would make every load replay the whole stream"
    ),
    "test_insert_subscribe_sqlite": (
        "eventsourcing's SQLite recorder has no subscribe() (NotImplementedError); the project's read models poll "
        "the log on SQLite (projections/bijwerken.py)"
    ),
}
GEERFD = (
    "test_tuple",
    "test_mixed",
    "test_dict_subclass",
    "test_list_subclass",
    "test_str_subclass",
    "test_int_subclass",
)


def afwijking(test: TestCase, naam: str | None = None) -> None:
    """Skip this library test, with the reason it differs by design."""
    naam = naam or test._testMethodName
    if naam in AFWIJKINGEN and not os.environ.get("VOUCHER_BIBLIOTHEEK_ZONDER_SKIPS"):
        test.skipTest(AFWIJKINGEN[naam])


class ProjectOpslag:
    """Mixin: ledgers on the store of this test (`opslag_url`, set by a fixture), closed afterwards."""

    opslag_url: str
    opslag_soort: str

    def open_ledgers(self) -> list[VoucherLedger]:
        if not hasattr(self, "_ledgers"):
            self._ledgers: list[VoucherLedger] = []
        return self._ledgers

    def ledger(self, *, inrichten: bool = True) -> VoucherLedger:
        app = open_ledger(lees_url(self.opslag_url), inrichten=inrichten)
        self.open_ledgers().append(app)
        return app

    def sluit_ledgers(self) -> None:
        # Some library cases leave reader threads running after they return (they set a stop flag but do
        # not join): wait for them, or closing a SQLite connection under a running query crashes the process.
        # One deadline for all of them, not one per thread: a library case that fails inside a thread pool
        # (its `f.result()` raises before `executor.shutdown()`) leaves 100 idle workers that never end,
        # and 30 s each would stall the suite for most of an hour after the failure was already reported.
        einde = time.monotonic() + 30
        for draad in threading.enumerate():
            if draad is not threading.current_thread() and not draad.daemon and draad.name != "MainThread":
                draad.join(timeout=max(0.0, einde - time.monotonic()))
        for app in self.open_ledgers():
            try:
                app.close()
            except Exception:
                pass
        self.open_ledgers().clear()


def keten_intact(app: VoucherLedger) -> dict[str, Any]:
    """The project's check after a library test: `verifieer` finds the whole history intact."""
    u = verifieer(app, [])
    assert u["breuk"] is None, u["breuk"]
    assert u["intact"] is True
    return u
