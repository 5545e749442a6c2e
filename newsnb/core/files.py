"""Safe file writing: every output goes to a temporary file in the same folder, then is renamed
into place, so a killed run never leaves a truncated report; one writer per output folder
(:func:`folder_lock`).

Known limits: the folder lock is an advisory ``flock`` on ``<folder>/.newsnb.lock``: it holds
between processes of one machine and on local filesystems; on a network filesystem without
lock support two machines are not kept apart. Windows: ``msvcrt.locking`` on the same file."""
from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .errors import NewsnbError

__all__ = ["FolderLocked", "LOCK", "OutputError", "folder_lock", "write_atomic"]

#: The lock file of an output folder.
LOCK = ".newsnb.lock"

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


class FolderLocked(NewsnbError):
    """Another process holds the output folder's lock (one line naming the folder and the holder)."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    try:
        h = json.loads(path.read_text(encoding="utf-8"))
        return f"{h.get('purpose', 'newsnb')} (pid {h.get('pid')} on {h.get('host')}, since {h.get('since')})"
    except (OSError, ValueError, AttributeError):
        return "another newsnb process"


@contextmanager
def folder_lock(folder: str | Path, *, wait: float = 0, purpose: str = "newsnb render") -> Iterator[Path]:
    """Hold the lock of an output folder while the block runs (one writer per folder).

    Another holder: wait up to ``wait`` seconds, then :class:`FolderLocked` naming the folder and
    the holder (what, pid, host, start time). The lock is the kernel's, on an open file: it goes
    with its process, so a killed holder leaves nothing to clean up and the next run takes over
    (the holder line in the file is simply overwritten)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOCK
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
    except OSError as exc:
        raise OutputError(folder, exc) from exc
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                raise FolderLocked(f"{folder} is in use by {_holder(path)}{waited}; "
                                   "wait for it to finish or write to another folder")
            time.sleep(0.2)
        since = datetime.now(timezone.utc).isoformat(timespec="seconds")
        line = json.dumps({"purpose": purpose, "pid": os.getpid(), "host": socket.gethostname(), "since": since})
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, line.encode() + b"\n")
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            _unlock(fd)
    finally:
        os.close(fd)
