"""Core layer: what every other layer may use.

Holds paths and constants (:mod:`.config`), atomic file writes and the output folder's lock (:mod:`.files`), the error base
class and the one-line rule (:mod:`.errors`), the one registry shape for pluggable variants
(:mod:`.registry`), JSON-ready DataFrame helpers (:mod:`.frames`) and faster imports of the
Jupyter stack (:mod:`.imports`).

May import: the standard library, pandas and numpy (:mod:`.frames`). Nothing else of newsnb.
"""
