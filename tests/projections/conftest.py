"""Fixtures of the read-model tests: the helpers of this folder and of the command-line tests on the path."""

from __future__ import annotations

import sys
from pathlib import Path

HIER = Path(__file__).parent
for pad in (HIER, HIER.parent / "cli"):
    if str(pad) not in sys.path:
        sys.path.insert(0, str(pad))
