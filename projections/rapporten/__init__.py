"""Reports over the whole history, each a pure function of it: no SQL, no click, no clock.

`geschiedenis.vouw` folds the numbered events up to a date into one model; `verantwoording`
(the accountant), `raad` (the gemeenteraad), `publicatie` (art. 7 lid 2) and `termijnen`
turn that model into an ordered tree of values and write it as text, CSV, JSON or HTML
(`opmaak`). The same history and the same date give the same bytes.
"""
