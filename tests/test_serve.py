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


def test_bad_edit_shows_a_dutch_error_page_and_the_fix_brings_the_site_back(project_copy):
    """Audit L9: after a bad edit the page hung and the message was only in the terminal; 50,000 levels killed the server."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/actieplan/ogw/stap-4-maatregelen/"
    env = {**os.environ, "ACTIEPLAN_DATA": str(project_copy / "data"), "NO_MKDOCS_2_WARNING": "1"}
    log = project_copy / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait_for(lambda: "Informatiepunt mensenhandel" in _get(url), 60), "the server did not start"
        measure = project_copy / "data" / "maatregelen" / "M01.yml"
        good = measure.read_text(encoding="utf-8")
        edit(measure, "status: lopend\nstart", "status: lopend\nstatus: gepland\nstart")
        assert _wait_for(lambda: "De gegevens bevatten fouten" in _get(url), 30), "no error page after the bad edit"
        page = _get(url)
        assert "data/maatregelen/M01.yml:12: status: de sleutel &#x27;status&#x27; staat twee keer" in page
        assert "livereload" in page  # the browser keeps listening for the next change
        measure.write_text("id: M01\ntitel: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
        assert _wait_for(lambda: "te diep genest" in _get(url), 30), "the server did not survive deep nesting"
        measure.write_text(good, encoding="utf-8")
        assert _wait_for(lambda: "Informatiepunt mensenhandel" in _get(url), 30), "the fix did not bring the site back"
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert any(
        line.startswith("ERROR   -  ")
        and "data/maatregelen/M01.yml:12: status: de sleutel 'status' staat twee keer" in line
        for line in text.splitlines()
    )
    assert "Traceback" not in text
