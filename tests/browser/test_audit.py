"""The pass itself notices what it is meant to notice: shown on a small site with one of each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from .audit import audit_site
from .server import serve

pytestmark = pytest.mark.browser

BAD_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Fouten</title>
<link rel="canonical" href="https://example.org/proef/">
<style>.geen-rand:focus { outline: none; } .breed { width: 800px; }</style>
<script>document.cookie = "volg=1; path=/"; localStorage.setItem("volg", "1");</script>
</head><body>
<h1>Fouten</h1>
<a href="#deel">Naar het deel</a>
<a class="geen-rand" href="#deel">Zonder zichtbare focus</a>
<img src="http://tracker.invalid/pixel.png">
<img src="ontbreekt.png" alt="">
<div class="breed" id="deel">Te breed voor een smal scherm.</div>
</body></html>"""


def test_the_pass_notices_violations_invisible_focus_reflow_requests_and_cookies(browser, tmp_path: Path):
    (tmp_path / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    with serve(tmp_path) as url:
        result = audit_site(browser, url, tmp_path)
    [page] = result.pages
    assert page.url == url
    assert "image-alt" in {v.rule for v in page.violations}
    wide = page.walks[0]
    assert [s["outline"] is None for s in wide.stops] == [False, True]
    assert wide.completed and not wide.missed_controls
    assert page.reflow["scroll_width"] > page.reflow["width"] == 320
    assert set(page.requests) == {"http://tracker.invalid/pixel.png"}  # on both loads (1280 and 320 px)
    assert any("ontbreekt.png" in f for f in page.failed_requests)
    assert page.cookies and "volg" in page.cookies[0]
    assert "volg" in page.storage
