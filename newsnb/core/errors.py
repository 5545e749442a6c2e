"""The one base class of every error newsnb reports to a user, and the one-line rule.

Every failure a user sees is one line: ``str(error)`` names the file (or folder, or notebook)
and the problem, with control characters escaped and whitespace folded, so a batch summary, a
manifest entry and a terminal never get a multi-line traceback for a bad input.
"""
from __future__ import annotations

__all__ = ["NewsnbError", "UnknownNameError", "one_line"]


def one_line(value: object) -> str:
    """``value`` as one printable line (control characters in file names are escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


class NewsnbError(Exception):
    """Base of every error newsnb raises for a user to read; ``str()`` is one line."""


class UnknownNameError(NewsnbError, ValueError):
    """A registry was asked for a name nobody registered (``str()`` lists the known names)."""
