"""The Papermill engine ``newsnb``: notebooks on warm, reused kernels.

Registered through the ``papermill.engine`` entry point group, so plain Papermill can use it::

    papermill --engine newsnb notebooks/article.ipynb out.ipynb -p article_path seeds/story.txt

    papermill.execute_notebook("in.ipynb", "out.ipynb", parameters={...}, engine_name="newsnb")

Without ``km=`` the notebook runs on a kernel kept for the whole Python process (started with this
Python, newsnb, pandas, matplotlib and the spaCy model loaded); with ``km=`` (a started kernel
manager) on that kernel. Before each notebook the kernel is reset (user namespace, figures,
matplotlib rcParams, working directory); after it the client's channels are stopped.
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
import time

from functools import lru_cache

from .kernels import WarmKernel

# Papermill is imported lazily: this module is papermill's entry point, loaded while papermill
# itself is being imported, so it must not import papermill at module level.

__all__ = ["WarmEngine", "client_class", "register"]


@lru_cache(maxsize=1)
def client_class():
    """Papermill's notebook client, taught to run on a started kernel (reset first, channels
    stopped after)."""
    from papermill.clientwrap import PapermillNotebookClient

    class WarmNotebookClient(_ClientMixin, PapermillNotebookClient):
        pass

    return WarmNotebookClient


class _ClientMixin:
    """Run on a started kernel: own client (started here, stopped after the notebook), reset the
    kernel first."""

    kernel_cwd: str | None = None
    prepare_kernel: bool = True

    def execute(self, **kwargs):
        self.reset_execution_trackers()
        from jupyter_core.utils import run_sync

        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            run_sync(self._async_ready)()
            with self.setup_kernel(**kwargs):  # kernel and client exist: only hooks and signals
                self.log.info(f"Executing notebook with kernel: {self.kernel_name}")
                self.papermill_execute_cells()
                info_msg = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                self.set_widgets_metadata()
        finally:
            # nbclient leaves the client of a kernel it does not own running: ~11 fds a notebook
            if self.kc is not None:
                try:
                    self.kc.stop_channels()
                finally:
                    self.kc = None
        return self.nb

    async def _async_ready(self) -> None:
        """Reset the kernel (when asked) and make sure IOPub is subscribed before the first cell.

        Replaces jupyter_client's ``wait_for_ready``, which waits 0.2 s for IOPub to fall quiet:
        here the reset request's own ``idle`` status on IOPub proves the subscription is live.
        """
        from queue import Empty

        kc = self.kc
        deadline = time.monotonic() + (self.startup_timeout or 60)
        code = f"__import__('newsnb.run.warm').run.warm.prepare({self.kernel_cwd!r})" if self.prepare_kernel else ""
        first = True
        while True:
            if time.monotonic() > deadline:
                raise RuntimeError("kernel did not answer within the start-up timeout")
            if first or not code:
                msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False) if code else kc.kernel_info()
            else:
                msg_id = kc.kernel_info()
            # the shell reply
            while True:
                try:
                    msg = await kc.get_shell_msg(timeout=1.0)
                except Empty:
                    if not await self.km.is_alive():
                        from nbclient.exceptions import DeadKernelError

                        raise DeadKernelError("kernel died while being reset") from None
                    if time.monotonic() > deadline:
                        raise RuntimeError("kernel did not answer within the start-up timeout") from None
                    continue
                if msg["parent_header"].get("msg_id") == msg_id:
                    break
            if first and code and msg["content"].get("status") != "ok":
                c = msg["content"]
                raise RuntimeError(f"could not reset the kernel: {c.get('ename')}: {c.get('evalue')}")
            first = False
            # IOPub: this request's "idle" status (published after the reply's busy period)
            try:
                while True:
                    m = await kc.iopub_channel.get_msg(timeout=0.1)
                    if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                            and m["content"].get("execution_state") == "idle"):
                        return
            except Empty:
                continue  # not subscribed yet: ask again


_DEFAULT_KERNEL: WarmKernel | None = None
_DEFAULT_LOCK = threading.Lock()


def _shutdown_default() -> None:
    if _DEFAULT_KERNEL is not None:
        _DEFAULT_KERNEL.shutdown()


def _default_kernel() -> WarmKernel:
    """The process-wide warm kernel used when the engine is called without ``km``."""
    global _DEFAULT_KERNEL
    with _DEFAULT_LOCK:
        if _DEFAULT_KERNEL is None or not _DEFAULT_KERNEL.is_alive():
            if _DEFAULT_KERNEL is not None:
                _DEFAULT_KERNEL.shutdown()
            if _DEFAULT_KERNEL is None:
                atexit.register(_shutdown_default)
            _DEFAULT_KERNEL = WarmKernel().start()
        _DEFAULT_KERNEL.uses += 1
        return _DEFAULT_KERNEL


class WarmEngine:
    """Papermill engine ``newsnb``: runs notebooks on warm, reused kernels.

    ``papermill.execute_notebook(..., engine_name="newsnb")`` (or ``papermill --engine newsnb``)
    runs on a kernel kept for the whole Python process, with newsnb, pandas, matplotlib and the
    spaCy model loaded; pass ``km=`` to run on a kernel of your own. Before each notebook the kernel
    is reset (namespace, figures, rcParams, working directory: papermill's ``cwd`` or the current
    folder, or ``kernel_cwd=``); after it the client's channels are stopped.
    """

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        km=None,
        kernel_cwd=None,
        prepare_kernel=True,
        **kwargs,
    ):
        from papermill.utils import merge_kwargs, remove_args

        if km is None:
            km = _default_kernel().km
        safe_kwargs = remove_args(["timeout", "startup_timeout", "input_path"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logging.getLogger("papermill"),
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = client_class()(nb_man, km=km, **final_kwargs)
        client.kernel_cwd = str(kernel_cwd) if kernel_cwd else os.getcwd()
        client.prepare_kernel = prepare_kernel
        return client.execute()

    # the rest of papermill's Engine interface, borrowed from its nbclient engine
    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        from papermill.engines import Engine

        return Engine.execute_notebook.__func__(cls, nb, kernel_name, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        from papermill.engines import nb_kernel_name

        return nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        from papermill.engines import nb_language

        return nb_language(nb, language)




def register() -> None:
    """Make the engine available to Papermill as ``newsnb`` (also without the entry point)."""
    from papermill.engines import papermill_engines

    if papermill_engines._engines.get("newsnb") is not WarmEngine:
        papermill_engines.register("newsnb", WarmEngine)
