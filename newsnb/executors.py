"""Notebook executors: how a parametrised notebook is run. A small registry, like papermill's engines.

An executor runs one notebook with parameters and returns the executed notebook; ``newsnb render``
picks one by name (``--executor``). Every executor starts its kernels with *this* Python
(``sys.executable``), never with whatever ``python3`` kernelspec happens to be installed, so the
kernel always has the newsnb that is running the render, also from an unactivated venv
(``.venv/bin/newsnb render``) or a conda env.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

__all__ = ["Executor", "PapermillExecutor", "PinnedKernelManager", "executor", "executors", "register_executor", "kernel_spec"]


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
    ) -> nbformat.NotebookNode:
        raise NotImplementedError

    def close(self) -> None:
        """Release kernels or other resources (no-op by default)."""

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_EXECUTORS: dict[str, Callable[..., Executor]] = {}


def register_executor(name: str) -> Callable[[type[Executor]], type[Executor]]:
    """Class decorator: make an executor available under ``name``."""

    def deco(cls: type[Executor]) -> type[Executor]:
        cls.name = name
        _EXECUTORS[name] = cls
        return cls

    return deco


def executors() -> list[str]:
    """Names of the registered executors."""
    return sorted(_EXECUTORS)


def executor(name: str = "papermill", **options: Any) -> Executor:
    """A new executor instance by name."""
    try:
        factory = _EXECUTORS[name]
    except KeyError:
        raise ValueError(f"unknown executor {name!r}; choose from {', '.join(executors())}") from None
    return factory(**options)


@register_executor("papermill")
class PapermillExecutor(Executor):
    """Plain Papermill: a fresh kernel for every notebook (strict isolation, slow start)."""

    def __init__(self, *, start_timeout: float = 120):
        self.start_timeout = start_timeout

    def execute(self, notebook, output, parameters, *, cwd, timeout=None):
        import papermill

        return papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name="python3",
            kernel_manager_class=PinnedKernelManager,
            cwd=str(cwd),
            progress_bar=False,
            start_timeout=self.start_timeout,
            execution_timeout=timeout,
        )
