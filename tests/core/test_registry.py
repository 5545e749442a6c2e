"""The one registry shape: register / get / names / entry points, one-line error for unknown names."""
from __future__ import annotations

import sys

import pytest

from newsnb.core.errors import NewsnbError, UnknownNameError
from newsnb.core.registry import Registry


class Thing:
    pass


def test_register_get_names_and_decorator():
    reg = Registry("widget")
    reg.register("b", Thing)

    @reg.register("a")
    class Other:
        pass

    assert reg.get("b") is Thing and reg.get("a") is Other
    assert reg.names() == ["a", "b"] and "a" in reg and "zzz" not in reg
    assert [name for name, _ in reg.items()] == ["b", "a"]  # registration order


def test_unknown_name_is_one_line_and_lists_the_choices():
    reg = Registry("widget")
    reg.register("alpha", Thing)
    with pytest.raises(UnknownNameError) as info:
        reg.get("beta")
    message = str(info.value)
    assert message == "unknown widget 'beta'; choose from alpha"
    assert isinstance(info.value, NewsnbError) and isinstance(info.value, ValueError) and "\n" not in message


def test_entry_points_of_other_packages_are_registered(tmp_path, monkeypatch):
    """A package installed beside newsnb declares a variant in the registry's entry-point group."""
    (tmp_path / "newsnb_plugin_demo.py").write_text("class DemoExecutor:\n    name = 'demo'\n")
    dist = tmp_path / "newsnb_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newsnb-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[newsnb.test_group]\ndemo = newsnb_plugin_demo:DemoExecutor\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = Registry("executor", "newsnb.test_group")
    reg.register("builtin", Thing)
    assert reg.names() == ["builtin", "demo"]
    assert reg.get("demo").__name__ == "DemoExecutor"
    assert sys.modules["newsnb_plugin_demo"].DemoExecutor is reg.get("demo")


@pytest.mark.parametrize("registry, builtins", [
    ("newsnb.input.registry:LOADERS", {"text", "markdown", "html", "json", "jsonl", "csv"}),
    ("newsnb.run.executors:EXECUTORS", {"warm", "papermill"}),
    ("newsnb.run.backends:BACKENDS", {"local", "processes", "dask"}),
])
def test_every_variant_point_uses_the_registry(registry, builtins):
    import importlib

    module, _, name = registry.partition(":")
    reg = getattr(importlib.import_module(module), name)
    assert isinstance(reg, Registry) and builtins <= set(reg.names())
    with pytest.raises(UnknownNameError):
        reg.get("no-such-variant")
