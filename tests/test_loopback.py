"""The loopback server of macros/dev/browser.py (PDF, benchmark, browser tests), without a browser."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.dev import browser


def _get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(name="folder")
def fixture_folder(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/plan/"><p>' + "thuis " * 300 + "</p>", encoding="utf-8"
    )
    (tmp_path / "404.html").write_text("<p>niet gevonden</p>", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>pagina a</p>", encoding="utf-8")
    return tmp_path


def test_at_the_root_a_missing_file_is_a_plain_404(folder):
    with browser.serve(folder) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        assert _get(base + "a/")[2] == b"<p>pagina a</p>"
        status, headers, _ = _get(base + "weg/")
        assert status == 404 and "Cache-Control" not in headers


def test_under_a_prefix_like_github_pages(folder):
    assert browser.site_prefix(folder) == "/plan/"
    extra = {"/versions.json": b"[]"}
    with browser.serve(folder, browser.site_prefix(folder), no_store=True, extra=extra) as base:
        assert urlsplit(base).path == "/plan/"
        status, headers, body = _get(base + "a/")
        assert (status, body) == (200, b"<p>pagina a</p>") and headers["Cache-Control"] == "no-store"
        origin = base.removesuffix("plan/")
        for missing in (base + "weg/", origin + "a/", origin):
            status, _, body = _get(missing)
            assert (status, body) == (404, b"<p>niet gevonden</p>"), missing
        status, headers, body = _get(origin + "versions.json")
        assert (status, body) == (200, b"[]") and headers["Content-Type"] == "application/json"


def test_gzip_only_when_asked_and_accepted(folder):
    plain = (folder / "index.html").read_bytes()
    with browser.serve(folder, gzip=True) as base:
        status, headers, body = _get(base, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
        assert _get(base)[2] == plain
    with browser.serve(folder) as base:
        assert "Content-Encoding" not in _get(base, **{"Accept-Encoding": "gzip"})[1]


def test_one_flag_list_for_a_closed_network():
    assert "--no-sandbox" in browser.CHROMIUM_ARGS and "--disable-background-networking" in browser.CHROMIUM_ARGS
    assert len(set(browser.CHROMIUM_ARGS)) == len(browser.CHROMIUM_ARGS)
