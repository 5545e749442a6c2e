"""Kernel-side helpers for warm kernels (imported *inside* the notebook kernel).

:func:`warm_up` runs once when a kernel starts: it imports newsnb, pandas and matplotlib and loads
the spaCy model, then records the state a fresh kernel would have. :func:`prepare` runs before
every notebook on a reused kernel: it puts that state back (user namespace, figures, matplotlib
rcParams, working directory, ``sys.path``, environment, warning filters), so one notebook never
sees what the previous one left behind. Only the standard library is imported at module level.
"""
from __future__ import annotations

import copy
import gc
import os
import sys
import warnings

__all__ = ["warm_up", "prepare", "PRELOAD_FULL", "PRELOAD_NONE"]

PRELOAD_FULL = "full"
PRELOAD_NONE = "none"

_STATE: dict | None = None


def _snapshot() -> dict:
    state = {
        "path": list(sys.path),
        "environ": dict(os.environ),
        "filters": list(warnings.filters),
        "rc": None,
    }
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        state["rc"] = dict(mpl.rcParams)
    cfg = _pandas_config()
    state["pandas"] = copy.deepcopy(cfg) if cfg is not None else None
    np = sys.modules.get("numpy")
    state["numpy_print"] = np.get_printoptions() if np is not None else None
    return state


def _pandas_config() -> dict | None:
    """pandas' option store (``pd.set_option`` writes here), when pandas is loaded."""
    module = sys.modules.get("pandas._config.config")
    cfg = getattr(module, "_global_config", None)
    return cfg if isinstance(cfg, dict) else None


def _pandas_defaults(cfg: dict) -> dict:
    module = sys.modules.get("pandas._config.config")
    defaults = copy.deepcopy(cfg)
    for key, opt in getattr(module, "_registered_options", {}).items():
        *path, last = key.split(".")
        d = defaults
        for part in path:
            d = d.setdefault(part, {})
        d[last] = opt.defval
    return defaults


def _restore(dst: dict, src: dict) -> None:
    """Make ``dst`` equal to ``src`` in place (nested dicts kept, so references to them stay valid)."""
    for k in [k for k in dst if k not in src]:
        del dst[k]
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            _restore(dst[k], v)
        elif dst.get(k, object()) != v:
            dst[k] = copy.deepcopy(v)


_SAMPLE = (
    "Warm-up story for the newsnb kernel\n"
    "- A key point about the council in Leeds\n"
    "The mayor of Leeds, Jane Example, said on Monday that the new bridge would open in May. "
    "\"It is a good day for the city,\" she said.\n"
    "Critics from the Example Party called the plan costly and late.\n"
)


def _exercise() -> None:
    """Run the analysis and the figures once on a built-in text, so that what loads lazily (the
    sentiment lexicon, the pronunciation dictionary, the first-name dictionary, fonts …) is loaded
    before the first article."""
    try:
        from newsnb.analysis.gender import first_name_gender
        from newsnb.analysis.result import analyze
        from newsnb.input import parse_text

        result = analyze(parse_text(_SAMPLE))
        result.to_json()
        first_name_gender("Jane")  # the sample's speaker is "she": the dictionary is not needed there
    except Exception:  # noqa: BLE001,S110 - warming up is an optimisation only
        return
    for name, args in (("tone", (result.sentences,)), ("mentions", (result.entities,))):
        try:
            from newsnb.presentation import figures

            chart = getattr(figures, name)(*args)
            if chart is not None:
                chart._repr_mimebundle_()
                chart.figure.clear()
        except Exception:  # noqa: BLE001,S112
            continue
    try:
        from newsnb.presentation import report

        str(report.glance(result))
        str(report.table(result.entities))
    except Exception:  # noqa: BLE001,S110
        pass


def _quiet_kernel_log() -> None:
    """ipykernel logs every message at DEBUG (its handler shows only warnings, but each record is
    still built): a few per cent of a notebook's cells on a warm kernel. Warnings still show."""
    try:
        import logging

        kernel = get_ipython().kernel  # type: ignore[name-defined]  # noqa: F821
        if kernel.log.level < logging.WARNING:
            kernel.log.setLevel(logging.WARNING)
    except Exception:  # noqa: BLE001,S110 - not in an IPython kernel
        pass


def warm_up(preload: str = PRELOAD_FULL) -> None:
    """Import the report stack and load the spaCy model once; remember the clean state."""
    global _STATE
    if preload == PRELOAD_FULL:
        import matplotlib  # noqa: F401
        import matplotlib.pyplot  # noqa: F401  (activates the inline backend in IPython)
        import pandas  # noqa: F401

        import newsnb.analysis.result  # noqa: F401  (newsnb itself comes with it)
        from newsnb.analysis import nlp

        for name in ("newsnb.presentation.figures", "newsnb.presentation.report"):
            try:
                __import__(name)
            except Exception:  # noqa: BLE001 - a broken optional module must not stop the kernel
                pass
        nlp.model()
        _exercise()
    _quiet_kernel_log()
    _STATE = _snapshot()
    gc.collect()
    # what is loaded now stays for the kernel's life: keep it out of every later collection
    gc.freeze()


def prepare(cwd: str | None = None) -> None:
    """Reset the kernel to its warm state before the next notebook."""
    global _STATE
    if _STATE is None:
        _STATE = _snapshot()
    state = _STATE
    ip = None
    try:
        ip = get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        pass
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        if state["rc"] is None:  # matplotlib was first imported by a notebook: back to its defaults
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                mpl.rc_file_defaults()
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dict.update(mpl.rcParams, state["rc"])
    cfg = _pandas_config()
    if cfg is not None:
        if state.get("pandas") is None:  # pandas was first imported by a notebook: its defaults
            state["pandas"] = _pandas_defaults(cfg)
        if cfg != state["pandas"]:
            _restore(cfg, state["pandas"])
    np = sys.modules.get("numpy")
    if np is not None and state.get("numpy_print") is not None and np.get_printoptions() != state["numpy_print"]:
        np.set_printoptions(**state["numpy_print"])
    sys.path[:] = state["path"]
    if dict(os.environ) != state["environ"]:
        os.environ.clear()
        os.environ.update(state["environ"])
    warnings.filters[:] = state["filters"]
    getattr(warnings, "_filters_mutated", lambda: None)()
    if ip is not None:
        ip.reset(new_session=True)  # also collects garbage
    else:
        gc.collect()
    if cwd:
        os.chdir(cwd)
