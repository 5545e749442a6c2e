"""Notebook executors: how a parametrised notebook is run, chosen by name from one registry.

An executor runs one notebook with parameters and returns the executed notebook; ``newsnb render``
picks one by name (``--executor``; the choices come from :data:`EXECUTORS`). Built in: ``warm``
(reused warm kernels, :class:`WarmExecutor`) and ``papermill`` (a fresh kernel per notebook).
Other packages add executors through the ``newsnb.executors`` entry-point group. Every executor
starts its kernels with *this* Python (:mod:`newsnb.run.kernels`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.imports import defer_iri_grammar
from ..core.registry import Registry

defer_iri_grammar()  # before nbformat: saves ~1.2 CPU-s of grammar compiling per process

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

    from .kernels import WarmKernel

# The Jupyter stack (jupyter_client, nbformat, Papermill) is imported where a notebook runs, not
# here: the command line reads this registry's names on every call, also for a render with
# nothing to do.

__all__ = [
    "EXECUTORS",
    "Executor",
    "PapermillExecutor",
    "WarmExecutor",
    "executor",
    "executors",
    "register_executor",
]


class Executor:
    """Runs notebooks. Subclasses implement :meth:`execute`; :meth:`close` frees resources."""

    name = "base"

    def execute(
        self,
        notebook: Path,
        output: Path,
        parameters: dict[str, Any],
        *,
        cwd: Path,
        timeout: float | None = None,
        fresh_kernel: bool = False,
    ) -> "nbformat.NotebookNode":
        """Run ``notebook`` with ``parameters`` in ``cwd``; ``output`` (may be None) gets the executed
        notebook. ``timeout``: seconds for the whole notebook. ``fresh_kernel``: do not reuse a kernel
        (a retry after a kernel failure)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release kernels or other resources (no-op by default)."""

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: The notebook executors by name (classes; ``executor(name, **options)`` makes one).
EXECUTORS: Registry[type[Executor]] = Registry("executor", "newsnb.executors")


def register_executor(name: str):
    """Class decorator: make an executor available under ``name``."""

    def deco(cls: type[Executor]) -> type[Executor]:
        cls.name = name
        return EXECUTORS.register(name, cls)

    return deco


def executors() -> list[str]:
    """Names of the registered executors."""
    return EXECUTORS.names()


def executor(name: str = "warm", **options: Any) -> Executor:
    """A new executor instance by name (a one-line error naming the choices for an unknown one)."""
    return EXECUTORS.get(name)(**options)


# --------------------------------------------------------------------------------------------
# Executors


def _papermill_run(notebook: Path, output: Path | None, parameters: dict, *, km, kernel_cwd, prepare: bool,
                   start_timeout: float) -> "nbformat.NotebookNode":
    import papermill

    from .engine import register

    register()
    return papermill.execute_notebook(
        str(notebook),
        str(output) if output else None,
        parameters=parameters,
        engine_name="newsnb",
        kernel_name="python3",
        progress_bar=False,
        start_timeout=start_timeout,
        km=km,
        kernel_cwd=str(kernel_cwd),
        prepare_kernel=prepare,
    )




@register_executor("warm")
class WarmExecutor(Executor):
    """Warm kernels: started once with the report stack loaded, reset between notebooks, replaced
    when they die or time out, recycled after ``recycle_after`` notebooks."""

    def __init__(self, *, start_timeout: float = 120, recycle_after: int = 200, preload: str = "full"):
        self.start_timeout = start_timeout
        self.recycle_after = max(1, int(recycle_after))
        self.preload = preload
        self.kernel: "WarmKernel | None" = None
        self.kernels_started = 0

    def acquire(self, *, fresh: bool = False) -> "WarmKernel":
        from .kernels import WarmKernel

        k = self.kernel
        if k is not None and (fresh or not k.is_alive() or k.uses >= self.recycle_after):
            k.shutdown()
            self.kernel = k = None
        if k is None:
            self.kernel = k = WarmKernel(preload=self.preload, start_timeout=self.start_timeout).start()
            self.kernels_started += 1
        return k

    def execute(self, notebook, output, parameters, *, cwd, timeout=None, fresh_kernel: bool = False):
        from .kernels import Watchdog, kernel_failure

        kernel = self.acquire(fresh=fresh_kernel)
        kernel.uses += 1
        with Watchdog(kernel, timeout) as watchdog:
            try:
                nb = _papermill_run(notebook, output, parameters, km=kernel.km, kernel_cwd=cwd, prepare=True,
                                    start_timeout=self.start_timeout)
            except Exception as exc:
                failure = kernel_failure(kernel, watchdog, timeout, exc)
                if failure is None and type(exc).__name__ != "PapermillExecutionError":
                    # an unexpected client error: do not trust this kernel for the next notebook
                    kernel.expired = True
                if failure is not None:
                    kernel.shutdown()
                    self.kernel = None
                    raise failure from exc
                raise
        if watchdog.fired:  # finished just as the watchdog fired: the kernel is gone
            kernel.expired = True
        return nb

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.shutdown()
            self.kernel = None


@register_executor("papermill")
class PapermillExecutor(Executor):
    """Plain Papermill semantics: a fresh kernel for every notebook (strict isolation, slow start)."""

    def __init__(self, *, start_timeout: float = 120, **_ignored: Any):
        self.start_timeout = start_timeout

    def execute(self, notebook, output, parameters, *, cwd, timeout=None, fresh_kernel: bool = True):
        from .kernels import Watchdog, WarmKernel, kernel_failure

        kernel = WarmKernel(preload="none", start_timeout=self.start_timeout).start(cwd=str(cwd))
        try:
            with Watchdog(kernel, timeout) as watchdog:
                try:
                    return _papermill_run(notebook, output, parameters, km=kernel.km, kernel_cwd=cwd, prepare=False,
                                          start_timeout=self.start_timeout)
                except Exception as exc:
                    failure = kernel_failure(kernel, watchdog, timeout, exc)
                    if failure is not None:
                        raise failure from exc
                    raise
        finally:
            kernel.shutdown()
