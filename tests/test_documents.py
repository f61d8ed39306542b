"""The documents of a version: the ODT of a concept (made from the print page) and the download links.

The PDF itself is printed by chromium (tests/browser/test_pdf.py); here the
ODT is made from the same print page, opened with zipfile and lxml, and the
footer is checked for type, size and pages of every download.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfWriter

from macros.cli import main
from macros.pipeline import load_plan
from tests.helpers import ROOT, build_site, environment, soup

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@pytest.fixture(scope="module")
def print_site(tmp_path_factory) -> Path:
    """The real site with its print page, built as the working version (a concept)."""
    site = tmp_path_factory.mktemp("print") / "site"
    with environment(ACTIEPLAN_PDF="true", ACTIEPLAN_VERSIE="werkversie"):
        return build_site(site)


@pytest.fixture(scope="module")
def odt(print_site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("odt") / "actieplan-werkversie.odt"
    with environment(ACTIEPLAN_VERSIE="werkversie"):
        assert main(["odt", str(print_site), str(out)]) == 0
    return out


def _xml(odt: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(odt) as archive:
        return etree.fromstring(archive.read(name))


def test_the_odt_of_the_concept_holds_every_measure_and_the_status(odt):
    with zipfile.ZipFile(odt) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = _xml(odt, "content.xml")
    text = " ".join(" ".join(content.itertext()).split())
    plan, _ = load_plan(ROOT / "data")
    missing = [m.title for m in plan.measures.values() if m.title not in text]
    assert not missing, missing
    assert "Concept: nog niet vastgesteld" in text
    assert "Werkversie (concept)" in text
    headings = content.findall(".//text:h", NS)
    assert len(headings) > 50
    assert {h.get(f"{{{NS['text']}}}outline-level") for h in headings} >= {"1", "2", "3"}
    assert "Wat is deze site?" in [" ".join("".join(h.itertext()).split()) for h in headings]
    # No script, no form control, no headerlink pilcrow from the page.
    assert "¶" not in text and "function(" not in text


def test_the_odt_says_its_title_language_and_author(odt):
    meta = _xml(odt, "meta.xml")
    assert meta.findtext(".//dc:language", namespaces=NS) == "nl"
    assert meta.findtext(".//dc:title", namespaces=NS).endswith("Werkversie (concept)")
    assert "Concept" in meta.findtext(".//dc:subject", namespaces=NS)
    assert "Samen tegen mensenhandel" in meta.findtext(".//dc:creator", namespaces=NS)


def test_an_adopted_version_gets_no_odt(print_site, tmp_path, capsys):
    with environment(ACTIEPLAN_VERSIE="2024-06"):
        assert main(["odt", str(print_site), str(tmp_path / "x.odt")]) == 0
    assert not (tmp_path / "x.odt").exists()
    assert "geen concept" in capsys.readouterr().out


def test_every_download_link_says_type_size_and_pages_and_offers_another_format(odt, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "pdf").mkdir(exist_ok=True)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    with (docs / "pdf" / "actieplan-werkversie.pdf").open("wb") as f:
        writer.write(f)
    shutil.copy(odt, docs / "pdf" / "actieplan-werkversie.odt")
    with environment(ACTIEPLAN_VERSIE="werkversie"):
        site = build_site(tmp_path / "site", docs_dir=str(docs))
    footer = soup(site / "index.html").select_one(".ap-downloads")
    items = [" ".join(li.get_text().split()) for li in footer.find_all("li")]
    odt_kb = max(1, round(odt.stat().st_size / 1000))
    assert items == [
        "Het hele actieplan als PDF (Werkversie (concept)) PDF, 1 kB, 3 pagina's",
        f"Het concept om in te werken (ODT) (Werkversie (concept)) ODT, {odt_kb} kB",
    ]
    assert [a["href"] for a in footer.find_all("a")] == ["pdf/actieplan-werkversie.pdf", "pdf/actieplan-werkversie.odt"]
    line = footer.find_next_sibling("p")
    assert "andere vorm" in line.get_text()
    assert line.a["href"] == "over/contact/#het-actieplan-in-een-andere-vorm"
    assert (site / "over" / "contact" / "index.html").read_text(encoding="utf-8").count(
        'id="het-actieplan-in-een-andere-vorm"'
    ) == 1
