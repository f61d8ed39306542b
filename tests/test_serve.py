"""`mkdocs serve` (what `make serve` runs) rebuilds when a YAML file changes, without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import ROOT, edit

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_editing_yaml_updates_the_served_page(project_copy):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/actieplan/ogw/stap-4-maatregelen/"
    env = {**os.environ, "ACTIEPLAN_DATA": str(project_copy / "data"), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: "Informatiepunt mensenhandel" in _get(url), 60), "the server did not start"
        measure = project_copy / "data" / "maatregelen" / "M01.yml"
        edit(measure, "titel: Informatiepunt mensenhandel", "titel: Informatiepunt voor iedereen")
        assert _wait_for(lambda: "Informatiepunt voor iedereen" in _get(url), 30), (
            "the page did not change after the edit"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
