"""Safe file writing: every output goes to a temporary file in the same folder, then is renamed
into place, so a killed run never leaves a truncated report."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import NewsnbError

__all__ = ["OutputError", "write_atomic"]

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + fsync + rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


class OutputError(NewsnbError, OSError):
    """The output folder cannot be written (read-only, full disk …); ``str()`` is one line."""

    def __init__(self, out: Path, exc: OSError):
        self.out = out
        self.cause = exc
        reason = exc.strerror or str(exc)
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        super().__init__(exc.errno, f"cannot write reports to {out}: {reason}{where}")

    def __str__(self) -> str:
        return self.strerror or ""

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.out, self.cause))
