"""The reports build large trees of small objects without cycles: the cyclic garbage collector only costs.

Folding a long history and building a report from it allocate hundreds of thousands of small objects
(acts, histories, dicts of the model, lines of text) that live until the report is written and are freed
by reference counting; none of them forms a cycle. The cyclic collector nevertheless walks them again
and again as they pile up: on the demo a third of `rapport verantwoording`. `zonder_gc` switches it off
for one phase (the fold, the model, a format) and back on afterwards, as it was; garbage cycles made
meanwhile are collected at the next collection after it. The switch is process-wide: another thread
running meanwhile merely collects later.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def zonder_gc(f: Callable[P, R]) -> Callable[P, R]:
    """`f` runs with the cyclic garbage collector switched off (and restored as it was)."""

    @wraps(f)
    def zonder(*args: P.args, **kwargs: P.kwargs) -> R:
        aan = gc.isenabled()
        gc.disable()
        try:
            return f(*args, **kwargs)
        finally:
            if aan:
                gc.enable()

    return zonder
