"""The structure of every built page: language, one h1, unique titles and ids, tables and images.

These checks read the HTML files; they need no browser. (The browser suite in
tests/browser/ checks what only a browser can: colour contrast, focus, reflow.)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import soup


@pytest.fixture(scope="module", name="pages")
def fixture_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): soup(p) for p in sorted(site.rglob("*.html"))}


def _report(problems: list[str]) -> str:
    return f"{len(problems)} probleem/problemen:\n  " + "\n  ".join(problems)


def test_every_page_is_dutch_with_one_h1_and_a_title(pages):
    problems = []
    for name, page in pages.items():
        if page.html.get("lang") != "nl":
            problems.append(f"{name}: lang={page.html.get('lang')!r}, verwacht 'nl'")
        if len(page.find_all("h1")) != 1:
            problems.append(f"{name}: {len(page.find_all('h1'))} h1-koppen, verwacht 1")
        if not (page.title and page.title.get_text(strip=True)):
            problems.append(f"{name}: geen <title>")
    assert not problems, _report(problems)
    assert len(pages) >= 14


def test_every_page_has_its_own_title(pages):
    titles = Counter(page.title.get_text(strip=True) for page in pages.values())
    doubles = [f"{title!r} op {n} pagina's" for title, n in titles.items() if n > 1]
    assert not doubles, _report(doubles)


def test_ids_are_unique_within_each_page(pages):
    problems = []
    for name, page in pages.items():
        counts = Counter(element["id"] for element in page.find_all(id=True))
        problems += [f"{name}: id {i!r} staat er {n} keer" for i, n in counts.items() if n > 1]
    assert not problems, _report(problems)


SCOPES = {"row", "col", "rowgroup", "colgroup"}


def table_problems(name: str, page: BeautifulSoup) -> list[str]:
    """Tables need header cells (th); data tables a caption; th in body rows a scope on every th."""
    problems = []
    for table in page.find_all("table"):
        if table.get("role") in {"presentation", "none"}:
            continue
        label = table.caption.get_text(" ", strip=True) if table.caption else table.get_text(" ", strip=True)[:40]
        headers = table.find_all("th")
        if not headers:
            problems.append(f"{name}: tabel zonder kopcellen (th): {label!r}")
            continue
        if not (table.caption and table.caption.get_text(strip=True)):
            problems.append(f"{name}: tabel zonder bijschrift (caption): {label!r}")
        if any(th.find_parent("tbody") for th in headers) and any(th.get("scope") not in SCOPES for th in headers):
            problems.append(f"{name}: tabel met rij- en kolomkoppen zonder scope op elke th: {label!r}")
    return problems


def image_problems(name: str, page: BeautifulSoup) -> list[str]:
    """Images need an alt attribute (empty for decoration); an svg shown as image needs a name."""
    problems = []
    for image in page.find_all(["img", "area"]) + page.find_all("input", type="image"):
        if image.get("alt") is None:
            problems.append(f"{name}: <{image.name} src={image.get('src')!r}> zonder alt")
    for svg in page.find_all("svg", role="img"):
        if not (svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")):
            problems.append(f"{name}: <svg role=img> zonder naam")
    return problems


def test_tables_have_headers_and_data_tables_a_caption(pages):
    problems = [p for name, page in pages.items() for p in table_problems(name, page)]
    assert not problems, _report(problems)
    assert sum(len(page.find_all("table")) for page in pages.values()) > 0


def test_images_have_alt_text(pages):
    problems = [p for name, page in pages.items() for p in image_problems(name, page)]
    assert not problems, _report(problems)


def test_the_table_and_image_checks_catch_mistakes():
    page = BeautifulSoup(
        """
      <table><tr><td>geen kop</td></tr></table>
      <table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
      <table><caption>Rijen</caption><thead><tr><th scope="col">A</th></tr></thead>
             <tbody><tr><th>r</th></tr></tbody></table>
      <table role="presentation"><tr><td>opmaak</td></tr></table>
      <table><caption>Goed</caption><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
      <img src="a.png"> <img src="b.png" alt=""> <svg role="img"></svg> <svg role="img" aria-label="Grafiek"></svg>
    """,
        "lxml",
    )
    assert table_problems("p", page) == [
        "p: tabel zonder kopcellen (th): 'geen kop'",
        "p: tabel zonder bijschrift (caption): 'A 1'",
        "p: tabel met rij- en kolomkoppen zonder scope op elke th: 'Rijen'",
    ]
    assert image_problems("p", page) == ["p: <img src='a.png'> zonder alt", "p: <svg role=img> zonder naam"]


def _column_headers(table) -> list[str]:
    """The text of each column's header (the last row of the thead, colspans spread out)."""
    rows = table.thead.find_all("tr") if table.thead else []
    if not rows:
        return []
    names = []
    for th in rows[-1].find_all(["th", "td"]):
        names += [th.get_text(" ", strip=True)] * int(th.get("colspan", 1))
    return names


def card_problems(name: str, page: BeautifulSoup) -> list[str]:
    """A table shown as cards at 600 px and below (ap-tabel--kaarten) names the column of every data cell.

    The card shows each cell after its data-label (overrides/assets/actieplan.css), so the label must be
    the text of that column's header, and every data cell needs one (or is empty, ap-leeg, or a note across
    several columns). Rowspans and
    colspans are followed, so a label names the column its cell really sits in.
    """
    problems = []
    for table in page.select("table.ap-tabel--kaarten"):
        caption = table.caption.get_text(" ", strip=True) if table.caption else "?"
        headers = _column_headers(table)
        if not headers:
            problems.append(f"{name}: kaarten-tabel zonder kolomkoppen: {caption!r}")
            continue
        spans: dict[int, int] = {}  # column → rows still covered by a rowspan from above
        for tr in table.select(":scope > tbody > tr, :scope > tfoot > tr"):
            column = 0
            for cell in tr.find_all(["th", "td"], recursive=False):
                while spans.get(column, 0) > 0:
                    spans[column] -= 1
                    column += 1
                width, height = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
                if height > 1:
                    for c in range(column, column + width):
                        spans[c] = height - 1
                # A note across several columns ("Nog geen projecten in deze categorie.") needs no label.
                note = width > 1 and not cell.get("data-label")
                if cell.name == "td" and "ap-leeg" not in cell.get("class", []) and not note:
                    expected = headers[column] if column < len(headers) else None
                    if cell.get("data-label") != expected:
                        problems.append(
                            f"{name}: {caption!r}, kolom {column + 1}: data-label={cell.get('data-label')!r}, "
                            f"verwacht {expected!r}"
                        )
                column += width
            for c in range(column, len(headers)):
                if spans.get(c, 0) > 0:
                    spans[c] -= 1
    return problems


def test_every_card_cell_is_labelled_with_its_column(pages):
    problems = [p for name, page in pages.items() for p in card_problems(name, page)]
    assert not problems, _report(problems[:30])
    assert sum(len(page.select("table.ap-tabel--kaarten")) for page in pages.values()) > 50


def test_the_card_check_catches_a_wrong_or_missing_label():
    page = BeautifulSoup(
        """
      <table class="ap-tabel--kaarten"><caption>T</caption>
        <thead><tr><th scope="col">Wat</th><th scope="col">Veld</th><th scope="col">Was</th></tr></thead>
        <tbody>
          <tr><th scope="row" rowspan="2">M01</th><td data-label="Veld">titel</td><td data-label="Was">a</td></tr>
          <tr><td data-label="Veld">status</td><td data-label="Is nu">b</td></tr>
          <tr><th scope="row">M02</th><td>c</td><td class="ap-leeg"></td></tr>
        </tbody>
      </table>
    """,
        "lxml",
    )
    assert card_problems("p", page) == [
        "p: 'T', kolom 3: data-label='Is nu', verwacht 'Was'",
        "p: 'T', kolom 2: data-label=None, verwacht 'Veld'",
    ]
