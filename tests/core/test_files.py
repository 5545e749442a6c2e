"""Atomic writes and the output folder's lock, between real processes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from newsnb.core.files import LOCK, FolderLocked, folder_lock, write_atomic

HOLD = textwrap.dedent("""
    import sys, time
    from newsnb.core.files import folder_lock
    with folder_lock(sys.argv[1], purpose="test holder"):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def _holder(folder, seconds: float) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert p.stdout.readline().strip() == "held"
    return p


def test_write_atomic_replaces_whole_files(tmp_path):
    target = write_atomic(tmp_path / "sub" / "f.txt", "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_a_second_process_stops_with_one_line_naming_folder_and_holder(tmp_path):
    holder = _holder(tmp_path, 30)
    try:
        with pytest.raises(FolderLocked) as info:
            with folder_lock(tmp_path):
                pass
        line = str(info.value)
        assert "\n" not in line
        assert str(tmp_path) in line and f"pid {holder.pid}" in line and socket.gethostname() in line
        assert "test holder" in line
    finally:
        holder.kill()
        holder.wait()


def test_a_bounded_wait_gets_the_lock_when_the_holder_finishes(tmp_path):
    holder = _holder(tmp_path, 1.5)
    started = time.monotonic()
    with folder_lock(tmp_path, wait=30):
        waited = time.monotonic() - started
    assert 1.0 < waited < 30  # it waited for the holder's block to end
    holder.wait()


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(tmp_path):
    holder = _holder(tmp_path, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert "test holder" in (tmp_path / LOCK).read_text()  # its line is still there
    with folder_lock(tmp_path, purpose="next run"):
        assert f'"pid": {os.getpid()}' in (tmp_path / LOCK).read_text()


def test_the_lock_is_released_after_the_block_and_on_errors(tmp_path):
    with pytest.raises(RuntimeError):
        with folder_lock(tmp_path):
            raise RuntimeError("boom")
    with folder_lock(tmp_path):
        pass
