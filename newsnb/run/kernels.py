"""Kernels that run newsnb notebooks: always this Python, optionally warm, with a watchdog.

:class:`WarmKernel` starts an IPython kernel with *this* interpreter (``sys.executable``), never
with whatever ``python3`` kernelspec happens to be installed, so the kernel always has the newsnb
that is running the render, also from an unactivated venv or a conda env; with ``preload`` it
loads newsnb, pandas, matplotlib and the spaCy model once (:mod:`newsnb.run.warm`). Kernel
failures (died, timed out) are :class:`KernelFailure`: the article is retried once on a fresh
kernel.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from ..core.errors import NewsnbError
from ..core.imports import defer_iri_grammar

defer_iri_grammar()  # before nbformat: saves ~1.2 CPU-s of grammar compiling per process

from jupyter_client.kernelspec import KernelSpec  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402

__all__ = ["KernelDied", "KernelFailure", "NotebookTimeout", "PinnedKernelManager", "WarmKernel", "Watchdog", "kernel_failure", "kernel_spec"]


def kernel_spec() -> KernelSpec:
    """Kernel spec for an IPython kernel running this very interpreter."""
    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name=f"newsnb ({sys.executable})",
        language="python",
        name="python3",
        metadata={"debugger": False},
    )


class PinnedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel is always ``sys.executable -m ipykernel_launcher``."""

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        if self._kernel_spec is None:
            self._kernel_spec = kernel_spec()
        return self._kernel_spec


class KernelFailure(NewsnbError, RuntimeError):
    """The kernel died or was killed while running a notebook (not an error in the notebook)."""

    ename = "KernelFailure"

    @property
    def evalue(self) -> str:
        return str(self)


class KernelDied(KernelFailure):
    ename = "KernelDied"


class NotebookTimeout(KernelFailure):
    ename = "Timeout"


async def _run_code(kc: Any, code: str, timeout: float) -> dict:
    """Run ``code`` silently on the kernel behind ``kc``; the execute_reply content."""
    from queue import Empty

    msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"kernel did not answer within {timeout:g} s")
        try:
            msg = await kc.get_shell_msg(timeout=min(remaining, 1.0))
        except Empty:
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg["content"]


class WarmKernel:
    """One started kernel (this Python), optionally with newsnb, pandas, matplotlib and the spaCy
    model loaded, that runs many notebooks."""

    def __init__(self, *, preload: str = "full", start_timeout: float = 120):
        self.preload = preload
        self.start_timeout = start_timeout
        self.km: PinnedKernelManager | None = None
        self.uses = 0
        self.expired = False

    # all kernel-manager calls go through jupyter_core's run_sync (one event loop per thread)
    def start(self, cwd: str | None = None) -> "WarmKernel":
        from jupyter_core.utils import run_sync

        km = PinnedKernelManager()
        env = dict(os.environ)
        # ipykernel's parent poller: the kernel exits when the process that started it is gone,
        # so a SIGKILL'd render never leaves kernels behind.
        env["JPY_PARENT_PID"] = str(os.getpid())
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        # the kernel's own stdout/stderr (not the notebook's output, which comes over ZMQ) would
        # scribble over the progress bar
        # IPython history in memory: no SQLite file shared (and locked) by concurrent kernels
        run_sync(km._async_start_kernel)(env=env, cwd=cwd or os.getcwd(), stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL,
                                         extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self.km = km
        if self.preload != "none":
            try:
                run_sync(self._warm_up)()
            except BaseException:
                self.shutdown()
                raise
        return self

    async def _warm_up(self) -> None:
        kc = self.km.client()
        kc.start_channels()
        try:
            await kc._async_wait_for_ready(timeout=self.start_timeout)
            reply = await _run_code(kc, f"__import__('newsnb.run.warm').run.warm.warm_up({self.preload!r})", self.start_timeout)
        finally:
            kc.stop_channels()
        if reply.get("status") != "ok":
            raise RuntimeError(f"kernel warm-up failed: {reply.get('ename')}: {reply.get('evalue')}")

    @property
    def pid(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def exit_status(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return proc.poll() if proc is not None else None

    def is_alive(self) -> bool:
        if self.km is None or self.expired:
            return False
        return self.exit_status() is None

    def kill(self) -> None:
        """SIGKILL the kernel process (used by the timeout watchdog, from another thread)."""
        pid = self.pid
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        if km is None:
            return
        try:
            if km.has_kernel:
                run_sync(km._async_shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - best effort: make sure the process is gone
            proc = getattr(getattr(km, "provisioner", None), "process", None)
            if proc is not None and proc.poll() is None:
                proc.kill()


class Watchdog:
    """Kills the kernel when the whole notebook takes longer than ``timeout`` seconds."""

    def __init__(self, kernel: WarmKernel | None, timeout: float | None):
        self.kernel = kernel
        self.fired = False
        self._timer = None
        if kernel is not None and timeout:
            self._timer = threading.Timer(timeout, self._fire)
            self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        if self.kernel is not None:
            self.kernel.expired = True
            self.kernel.kill()

    def __enter__(self) -> "Watchdog":
        if self._timer is not None:
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()


def kernel_failure(kernel: WarmKernel, watchdog: Watchdog, timeout: float | None, exc: BaseException) -> KernelFailure | None:
    """The kernel failure behind ``exc``, or None when the kernel is fine (an error in the notebook)."""
    if watchdog.fired:
        return NotebookTimeout(f"timed out after {timeout:g} s (kernel stopped)")
    status = kernel.exit_status()
    if status is not None:
        how = f"signal {-status}" if status < 0 else f"exit status {status}"
        return KernelDied(f"kernel died while running the notebook ({how})")
    return None
