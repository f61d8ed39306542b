"""The PDF of the whole plan, printed by chromium from the print page (make pdf)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from macros.dev.pdf import render_pdf
from macros.pipeline import load_plan
from tests.helpers import ROOT, child_env

pytestmark = pytest.mark.browser


def test_pdf_holds_the_whole_plan(tmp_path, browser):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=child_env(ACTIEPLAN_PDF="true", ACTIEPLAN_VERSIE="2024-06"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = render_pdf(site, tmp_path / "plan.pdf", browser=browser)
    reader = PdfReader(pdf)
    assert 15 <= len(reader.pages) <= 200
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Versterkt actieplan juni 2024" in cover and "Vastgesteld" in cover and "17 juni 2024" in cover
    plan, _ = load_plan(ROOT / "data")
    for measure in plan.measures.values():
        assert measure.title in text, measure.title
    assert "Pagina 2 van" in text
