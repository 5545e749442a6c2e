"""notebooks/explore.ipynb run the way JupyterLab runs it: a real Jupyter server on loopback, a
kernel started through its REST API, every code cell sent over the kernel's websocket."""
from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from newsnb.core import config
from newsnb.presentation import report

pytestmark = pytest.mark.slow
EXPLORE = config.NOTEBOOKS_DIR / "explore.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`jupyter server` from this environment, on 127.0.0.1 with a random token."""

    def __init__(self, root: Path):
        import requests

        self.requests = requests
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
               "JUPYTER_PLATFORM_DIRS": "1"}
        jupyter = Path(sys.executable).parent / "jupyter"
        self.log = open(root / "server.log", "w")
        self.proc = subprocess.Popen(
            [str(jupyter), "server", "--no-browser", f"--port={self.port}", f"--IdentityProvider.token={self.token}",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0"]
            + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                if self.get("/api/status").status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"jupyter server did not start: {(root / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)

    def _headers(self):
        return {"Authorization": f"token {self.token}"}

    def get(self, path):
        return self.requests.get(self.base + path, headers=self._headers(), timeout=10)

    def post(self, path, body=None):
        return self.requests.post(self.base + path, headers=self._headers(), json=body or {}, timeout=60)

    def delete(self, path):
        return self.requests.delete(self.base + path, headers=self._headers(), timeout=30)

    def stop(self):
        try:
            self.post("/api/shutdown")
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        finally:
            self.log.close()


class KernelSocket:
    """Execute code on a server kernel over its websocket channels (Jupyter message protocol)."""

    def __init__(self, server: Server, kernel_id: str):
        import websocket

        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id={self.session}",
            header=[f"Authorization: token {server.token}"], timeout=300,
        )

    def execute(self, code: str, timeout: float = 300) -> tuple[dict, list[dict]]:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": self.session, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        reply, outputs, idle = None, [], False
        deadline = time.monotonic() + timeout
        while not (reply and idle):
            if time.monotonic() > deadline:
                raise TimeoutError(code[:80])
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = msg["content"]
            elif msg["channel"] == "iopub":
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind in ("stream", "display_data", "execute_result", "error"):
                    outputs.append({"type": kind, **msg["content"]})
        return reply, outputs

    def close(self):
        self.ws.close()


@pytest.fixture
def reports_dir(tmp_path, seed_analysis):
    """A reports folder with the seed's analysis JSON and the store, as `newsnb render` leaves it."""
    from newsnb.store.corpus import ensure_store

    out = tmp_path / "reports"
    report.save(seed_analysis, out / "data" / "seed.json")
    ensure_store(out)
    return out


def test_explore_notebook_runs_cell_by_cell_on_a_jupyter_server(tmp_path, reports_dir, seed_path):
    pytest.importorskip("websocket")
    root = tmp_path / "server"
    root.mkdir()
    nb = nbformat.read(EXPLORE, as_version=4)
    server = Server(root)
    try:
        kernel = server.post("/api/kernels", {"name": "python3"})
        assert kernel.status_code == 201, kernel.text
        kernel_id = kernel.json()["id"]
        sock = KernelSocket(server, kernel_id)
        try:
            outputs_by_cell = {}
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                reply, outputs = sock.execute(cell.source)
                errors = [o for o in outputs if o["type"] == "error"]
                assert reply["status"] == "ok" and not errors, (cell.id, reply, errors)
                outputs_by_cell[cell.id] = outputs
                if "parameters" in cell.metadata.get("tags", []):  # what papermill would inject
                    reply, _ = sock.execute(f"article_path = {str(seed_path)!r}\nreports_dir = {str(reports_dir)!r}")
                    assert reply["status"] == "ok"
        finally:
            sock.close()
        assert server.get("/api/kernels").json()[0]["id"] == kernel_id
        assert server.delete(f"/api/kernels/{kernel_id}").status_code == 204
    finally:
        server.stop()
    assert server.proc.returncode is not None

    def text(cell_id):
        out = []
        for o in outputs_by_cell[cell_id]:
            out.append(o.get("text", ""))
            out.extend(str(v) for v in o.get("data", {}).values())
        return "".join(out)

    assert "After Biden-Xi call" in text("setup")
    assert "Sergey Lavrov" in text("quotes") and "Interfax" in text("quotes")
    assert "image/svg+xml" in json.dumps(outputs_by_cell["share-of-voice"])
    assert 'class="nn-annot"' in text("annotated")
    assert re.search(r"1 analysed articles? in ", text("corpus-load"))
    assert "Sergey Lavrov" in text("corpus-speakers")
    # the interactive tables are itables, offline (their code is in the output), fed by SQL
    for cell in ("interactive-quotes", "interactive-entities"):
        assert "itables" in text(cell) and not re.search(r"""(src=|from\s*|import\()["']https?://""", text(cell))
    assert "Lavrov" in text("interactive-quotes") and "China" in text("interactive-entities")
    assert "Sergey Lavrov" in text("sql-speakers")
    # the mentions table's offsets check out: the `check` column equals `text`
    assert "<td>China</td>" in text("mentions")
