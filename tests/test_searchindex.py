"""The search index: what Material indexes, and what the hook spares it from parsing."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from material.plugins.search.plugin import Parser

from macros.site.searchindex import SKIP_END, SKIP_START, without_skipped
from tests.helpers import soup


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search makes of ``html``: (id, title, text) of every section it keeps."""
    parser = Parser()
    parser.feed(html.lstrip())
    parser.close()
    found = [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]
    # White space before the first heading makes an empty section; it has nothing to find.
    return [section for section in found if section != (None, "", "")]


def articles(site):
    for path in sorted(site.rglob("*.html")):
        article = soup(path).find("article")
        if article is not None:
            yield path, article.decode_contents()


def without_marked_elements(html: str) -> str:
    """``html`` without every element that has data-search-exclude, cut out of the parsed tree."""
    tree = BeautifulSoup(html, "lxml")
    for element in tree.select("[data-search-exclude]"):
        element.decompose()
    return tree.body.decode_contents() if tree.body else ""


def test_skipping_blocks_is_leaving_out_the_marked_elements(site):
    """Cutting text between the markers gives Material the same index as removing the marked elements."""
    checked = 0
    for path, html in articles(site):
        if SKIP_START in html:
            checked += 1
            assert html.count(SKIP_START) == html.count(SKIP_END), path
            assert sections(without_skipped(html)) == sections(without_marked_elements(html)), path
    # The step-4 chapter, the measures overview, the policy chain and the organisations.
    assert checked >= 4


def test_every_skipped_block_is_one_element_marked_for_material(site):
    for path, html in articles(site):
        for block in html.split(SKIP_START)[1:]:
            inner = BeautifulSoup(block.split(SKIP_END)[0], "lxml").body
            elements = [child for child in inner.children if getattr(child, "name", None)]
            assert len(elements) == 1 and elements[0].has_attr("data-search-exclude"), path


def test_listings_are_not_in_the_index_but_the_chapters_are(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chapter = [d for d in index["docs"] if d["location"].startswith("ogw/stap-4-maatregelen/")]
    assert chapter, "the prose of the step-4 chapter stays searchable"
    # Measure titles are found on the measure pages, not in every listing that repeats them.
    assert not [d for d in index["docs"] if d["location"].startswith("ogw/stap-4-maatregelen/#acties-")]


def test_without_skipped_leaves_pages_without_markers_alone():
    html = "<p>tekst</p>"
    assert without_skipped(html) is html
    assert (
        without_skipped(f"<p>a</p>{SKIP_START}<div data-search-exclude>b</div>{SKIP_END}<p>c</p>") == "<p>a</p><p>c</p>"
    )
