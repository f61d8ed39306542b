"""Dutch spelling (hunspell with Debian's nl dictionary) and the B1 level of the written pages.

``make taal`` prints the same findings. Without hunspell the spelling tests are
skipped with their reason (``make test`` installs it); with ``REQUIRE_TOOLS=1``
(``.ci/run``) they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.dev import taal
from macros.prose import LONG_SENTENCE, b1_findings, page_scores, prose_blocks, syllables
from tests.helpers import ROOT, copy_fixture_data, edit


@pytest.fixture(scope="module")
def hunspell() -> None:
    if not taal.have_hunspell():
        message = "hunspell met het Nederlandse woordenboek ontbreekt (apt-get install hunspell hunspell-nl)."
        if os.environ.get("REQUIRE_TOOLS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def test_every_word_in_docs_and_data_is_spelled_right(hunspell):
    found = [*taal.docs_words(ROOT / "docs"), *taal.data_words(ROOT / "data")]
    assert len(found) > 10_000, "the check must see the prose of docs/ and data/"
    assert not taal.spelling_findings(found), "\n".join(taal.spelling_findings(found))


def test_an_unknown_word_is_reported_at_its_line_with_a_suggestion(hunspell, tmp_path):
    page = tmp_path / "docs" / "pagina.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Hulp voor slachtoffers\n---\n\n# Hulp\n\n"
        "`slachtofferz` in code telt niet, {{ slachtofferq() }} ook niet.\n\n"
        "Er zijn veel slachtofers. Zie https://example.org/slachtofferx.\n",
        encoding="utf-8",
    )
    findings = taal.spelling_findings(taal.docs_words(tmp_path / "docs", shown_root=tmp_path))
    assert findings == ["docs/pagina.md:9: slachtofers (bedoelt u: slachtoffers, slachtoffer?)"]


def test_a_typo_in_a_data_field_is_found_through_the_loader(hunspell, tmp_path):
    data = copy_fixture_data(tmp_path / "data")
    edit(data / "programma.yml", "Betere zorg voor slachtoffers.", "Betere zorg voor slachtofers.")
    findings = taal.spelling_findings(taal.data_words(data, shown_root=tmp_path))
    assert "data/programma.yml:15: slachtofers (bedoelt u: slachtoffers, slachtoffer?)" in findings


def test_the_word_list_is_sorted_explained_and_needed(hunspell):
    lines = [ln for ln in taal.WORD_LIST.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    entries = taal.read_word_list()
    assert entries == sorted(entries, key=str.lower), "houd de woordenlijst op alfabet"
    assert all("#" in ln for ln in lines), "zet bij elk woord waarom het erin staat"
    assert len(entries) < 60, "de woordenlijst is voor namen, afkortingen en vaktermen; verbeter tikfouten in de tekst"
    assert not taal.unused_words(ROOT / "docs", ROOT / "data")


def test_every_text_field_of_data_is_prose_or_named_as_not_prose():
    keys = {key for _, _, key, _ in taal.text_fields(ROOT / "data")}
    assert not taal.PROSE_FIELDS & taal.NOT_PROSE
    assert keys <= taal.PROSE_FIELDS | taal.NOT_PROSE, sorted(keys - taal.PROSE_FIELDS - taal.NOT_PROSE)
    assert {"titel", "omschrijving", "samenvatting"} <= keys


def test_prose_leaves_out_code_front_matter_keys_urls_jinja_and_tags():
    blocks = prose_blocks(
        "---\ntitle: De titel\nsearch:\n  boost: 2\n---\n\n# Kop\n\n```sh\nmake test\n```\n\n"
        'Tekst met `code`, {{ macro("x") }}, {% if a %}ja{% endif %}, <span class="x">woord</span> en '
        "[een link](https://example.org/pad) en https://example.org.\n\n"
        "| Kolom | Andere |\n| --- | --- |\n| cel | cel twee |\n\n> Een citaat.\n\n- [Alleen een link](a.md)\n"
    )
    assert [(b.kind, b.line, b.text) for b in blocks] == [
        ("titel", 2, "De titel"),
        ("kop", 7, "Kop"),
        ("alinea", 13, "Tekst met , , ja , woord en een link en ."),
        ("tabel", 15, "Kolom"),
        ("tabel", 15, "Andere"),
        ("tabel", 17, "cel"),
        ("tabel", 17, "cel twee"),
        ("citaat", 19, "Een citaat."),
        ("lijst", 21, "Alleen een link"),
    ]
    assert blocks[-1].only_links


def test_every_page_of_docs_is_at_b1_level():
    findings = taal.b1_report(ROOT / "docs")
    assert not findings, "\n".join(findings)


def test_b1_fails_long_sentences_a_long_average_and_officialese_but_not_titles_tables_or_quotes():
    long = " ".join(["Woord"] + ["woord"] * LONG_SENTENCE) + "."
    text = (
        f"# {long}\n\n| {long} |\n| --- |\n\n> {long}\n\n{long}\n\nWij schrijven middels een pen teneinde te leren.\n"
    )
    scores = page_scores("p.md", text)
    findings = list(b1_findings(scores, text))
    assert findings[0].startswith(f"p.md:8: zin van {LONG_SENTENCE + 1} woorden")
    assert findings[1].startswith("p.md:1: gemiddeld")
    assert findings[2:] == [
        "p.md:10: ambtelijk woord 'middels', schrijf liever: met",
        "p.md:10: ambtelijk woord 'teneinde', schrijf liever: om",
    ]
    assert len(findings) == 4


def test_syllables_and_the_flesch_douma_score():
    assert [syllables(w) for w in ("mensenhandel", "actie", "plan", "2024")] == [4, 2, 1, 1]
    scores = page_scores("p.md", "De kat zit op de mat. Het plan is klaar.\n")
    assert scores.average == 5
    assert scores.flesch_douma == pytest.approx(206.835 - 0.93 * 5 - 77 * 1.0)


def test_make_taal_installs_hunspell_like_chromium_and_make_test_needs_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "apt-get install -y -qq hunspell hunspell-nl" in makefile
    assert "test: $(STAMP) browser hunspell" in makefile
    assert Path(taal.__file__).with_name("woordenlijst.txt").is_file()


def test_the_page_taal_shows_the_scores_the_build_measured():
    from macros.pipeline import load_plan
    from macros.prose import site_scores
    from macros.site.render import Renderer
    from macros.views.language import language_scores, page_url_of
    from tests.helpers import FIXTURE_DATA, soup

    plan, _ = load_plan(FIXTURE_DATA)
    scores = site_scores(ROOT / "docs")
    html = soup(str(language_scores(Renderer(plan, readability=scores), "over/taal/")))
    rows = {tr.th.a["href"]: [td.get_text() for td in tr.find_all("td")] for tr in html.select("tbody tr")}
    pages = [s for s in scores if s.sentences]
    assert len(rows) == len(pages) > 25
    begroting = next(s for s in pages if s.path == "begroting.md")
    assert rows["../../begroting/"][:2] == [str(len(begroting.sentences)), f"{begroting.average:.1f}".replace(".", ",")]
    assert [page_url_of(p) for p in ("index.md", "over/index.md", "over/taal.md")] == ["", "over/", "over/taal/"]
    assert len(html.select("ol li")) == 5
