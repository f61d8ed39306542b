"""The PDF of the whole plan, printed by chromium from the print page (make pdf)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from pypdf import PdfReader

from macros.dev.pdf import render_pdf
from macros.pipeline import load_plan
from tests.helpers import ROOT, child_env, environment

pytestmark = pytest.mark.browser

#: Where version 2024-06 is published: links to other files of the site point there, not to the loopback server.
PUBLIC = "https://samen-tegen-mensenhandel.github.io/actieplan/2024-06/"


@pytest.fixture(scope="module")
def adopted_site(tmp_path_factory):
    """The site of the adopted version 2024-06 with its print page."""
    tmp_path = tmp_path_factory.mktemp("pdf")
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
    return site


@pytest.fixture(scope="module")
def adopted_pdf(adopted_site, tmp_path_factory, browser):
    """The PDF of the adopted version 2024-06, printed from its print page, with its metadata."""
    out = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    with environment(SOURCE_DATE_EPOCH="1718582400"):
        return render_pdf(
            adopted_site, out, browser=browser, title="Actieplan: titel", subject="Onderwerp", public_url=PUBLIC
        )


def test_two_prints_of_one_build_are_byte_identical_with_a_file_identifier(
    adopted_site, adopted_pdf, tmp_path, browser
):
    with environment(SOURCE_DATE_EPOCH="1718582400"):
        again = render_pdf(
            adopted_site,
            tmp_path / "again.pdf",
            browser=browser,
            title="Actieplan: titel",
            subject="Onderwerp",
            public_url=PUBLIC,
        )
    # Digests, not the bytes: pytest would spend many minutes on a diff of two 3 MB files.
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(adopted_pdf.read_bytes()).hexdigest()
    reader = PdfReader(adopted_pdf)
    first, second = reader.trailer["/ID"]
    assert len(first) == 16 and first == second
    assert reader.metadata["/CreationDate"] == "D:20240617000000+00'00'"


def test_pdf_holds_the_whole_plan(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    assert 15 <= len(reader.pages) <= 200
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Versterkt actieplan juni 2024" in cover and "Vastgesteld" in cover and "17 juni 2024" in cover
    plan, _ = load_plan(ROOT / "data")
    for measure in plan.measures.values():
        assert measure.title in text, measure.title
    assert "Pagina 2 van" in text


def test_pdf_is_fit_for_the_archive_language_metadata_and_tags(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).lower().startswith("nl")
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    meta = reader.metadata
    assert meta.title == "Actieplan: titel" and meta.subject == "Onderwerp"
    assert "Samen tegen mensenhandel" in meta.author


def _outline_titles(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, depth + 1)
        else:
            yield depth, " ".join(item.title.split())


def test_pdf_has_a_bookmark_per_chapter(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    titles = [t for _, t in _outline_titles(reader.outline)]
    for chapter in ("Samen tegen mensenhandel", "Over het programma", "Maatregelen", "Begroting"):
        assert chapter in titles, (chapter, titles[:30])
    # Every bookmark goes to a page of this PDF.
    flat = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else flat.append(item)

    walk(reader.outline)
    assert all(reader.get_destination_page_number(b) is not None for b in flat)


def _outline_paths(reader, items, parents=()):
    """(titles of the bookmarks above it, title, page index) for every bookmark, in order."""
    last = None
    for item in items:
        if isinstance(item, list):
            yield from _outline_paths(reader, item, (*parents, last))
        else:
            last = " ".join(item.title.split())
            yield parents, last, reader.get_destination_page_number(item)


def test_pdf_outline_follows_the_chapters(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    paths = {title: parents for parents, title, _ in _outline_paths(reader, reader.outline)}
    # A page of a section comes under the section's index page, which is the chapter.
    assert paths["Stap 1: de opgave"] == ("Opgave Gericht Werken",)
    assert paths["Stap 4: maatregelen en acties"] == ("Opgave Gericht Werken",)
    assert paths["Stand van zaken besteding"] == ("Voortgang",)
    assert paths["Bijlagen per rapportage"] == ("Voortgang",)
    titles = [title for _, title, _ in _outline_paths(reader, reader.outline)]
    top = [title for parents, title, _ in _outline_paths(reader, reader.outline) if not parents]
    assert {"Opgave Gericht Werken", "Maatregelen", "Begroting", "Voortgang", "Versies"} <= set(top), top
    # The two titles of a section with an index page are one bookmark; a section without pages has none.
    assert top.count("Opgave Gericht Werken") == 1 and top.count("Voortgang") == 1
    assert "Meedoen" not in titles and "Over deze site" not in titles
    assert "Reageren op deze pagina" not in titles


def test_pdf_has_one_bookmark_per_measure_on_the_page_of_its_description(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    plan, _ = load_plan(ROOT / "data")
    bookmarks = list(_outline_paths(reader, reader.outline))
    for measure in plan.measures.values():
        label = f"{measure.id}. {measure.title}"
        found = [(parents, page) for parents, title, page in bookmarks if title == label]
        assert len(found) == 1, (label, found)
        parents, page = found[0]
        assert parents == (
            "Opgave Gericht Werken",
            "Stap 4: maatregelen en acties",
            "Overzicht van maatregelen en acties",
        )
        text = " ".join(reader.pages[page].extract_text().split())
        assert measure.title in text, (label, page + 1)


def test_pdf_internal_links_go_to_pages_of_the_pdf(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    named = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            dest = annot.get("/Dest")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action["/D"]
            if dest is None:
                continue
            internal += 1
            if isinstance(dest, str):
                assert dest in named, dest
    assert internal > 10, "the table of contents links to the chapters"


def test_pdf_text_is_selectable_and_in_reading_order(adopted_pdf):
    reader = PdfReader(adopted_pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    order = [
        text.find(t) for t in ("Versterkt actieplan juni 2024", "Inhoud", "Wat is deze site?", "Hoe leest u deze site?")
    ]
    assert all(i >= 0 for i in order) and order == sorted(order), order
