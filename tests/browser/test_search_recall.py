"""Recall@5 of the site's search on the query set in tests/search_queries.yml.

Every query is typed into the real search field of the built site in
Chromium; a query counts as found when its page is one of the first five
pages in the list the reader sees. The figure and every miss are printed and,
with ``ACTIEPLAN_ZOEKRAPPORT=FILE``, written to that file.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.helpers import ROOT

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
TOP = 5
REQUIRED_RECALL = 0.95


def _pages(groups: list[list[dict]], base_url: str) -> list[str]:
    """The pages of the result list in order, as addresses relative to the site root."""
    base = urlsplit(base_url).path
    pages = []
    for group in groups:
        if not group:
            continue
        path = urlsplit(group[0]["href"]).path
        pages.append(path.removeprefix(base))
    return pages


def test_the_query_set_is_large_and_points_at_real_pages(site: Path):
    assert len(QUERIES) >= 40
    for query in QUERIES:
        assert set(query) == {"zoekterm", "pagina", "soort"}, query
        target = site / query["pagina"] / "index.html"
        assert target.is_file(), f"{query['zoekterm']}: pagina {query['pagina']} bestaat niet"


def test_recall_at_5_on_the_query_set(search, base_url: str):
    misses = []
    for query in QUERIES:
        pages = _pages(search(query["zoekterm"]), base_url)
        if query["pagina"] not in pages[:TOP]:
            misses.append(f"{query['zoekterm']!r} ({query['soort']}) → {query['pagina']}; eerste vijf: {pages[:TOP]}")
    recall = 1 - len(misses) / len(QUERIES)
    report = f"recall@{TOP} = {recall:.3f} ({len(QUERIES) - len(misses)} van {len(QUERIES)})\n" + "\n".join(misses)
    print(report)
    if os.environ.get("ACTIEPLAN_ZOEKRAPPORT"):
        Path(os.environ["ACTIEPLAN_ZOEKRAPPORT"]).write_text(report + "\n", encoding="utf-8")
    assert recall >= REQUIRED_RECALL, report
