"""One error base class; every user-facing failure is one line."""
from __future__ import annotations

import errno
import pickle
from pathlib import Path

import pytest

from newsnb.core.errors import NewsnbError, one_line
from newsnb.core.files import OutputError
from newsnb.input.article import ArticleError
from newsnb.run.corpus_report import CorpusReportError
from newsnb.run.kernels import KernelDied, NotebookTimeout


@pytest.mark.parametrize("error", [
    ArticleError("/in/bad\nname.txt", "empty file\n(0 bytes)"),
    ArticleError("/in/records.json", "record 3: no body", record=3),
    OutputError(Path("/out"), OSError(errno.ENOSPC, "No space left on device", "/out/a.html")),
    KernelDied("kernel died while running the notebook (signal 9)"),
    NotebookTimeout("timed out after 5 s (kernel stopped)"),
    CorpusReportError("ValueError", "corpus went wrong"),
], ids=lambda e: type(e).__name__)
def test_user_facing_errors_share_the_base_and_are_one_line(error):
    assert isinstance(error, NewsnbError)
    assert str(error) and "\n" not in str(error)
    again = pickle.loads(pickle.dumps(error))  # they cross process boundaries
    assert type(again) is type(error) and str(again) == str(error)


def test_one_line_escapes_control_characters():
    assert one_line("a\nb\tc\x00") == "a\\nb\\tc\\x00"
