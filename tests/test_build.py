"""The strict build, in-process and through the CLI, and checks on the built HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.helpers import ROOT, build_site, copy_fixture_data, edit, soup

OGW_CHAPTERS = {
    "ogw/stap-1-opgave/index.html": "5 oktober 2022",
    "ogw/stap-2-probleemanalyse/index.html": "8 december 2022",
    "ogw/stap-3-interventies/index.html": "16 februari 2023",
    "ogw/stap-4-maatregelen/index.html": "april 2023",
}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize(("page", "date"), OGW_CHAPTERS.items())
def test_each_ogw_chapter_shows_its_roundtable_date(site, page, date):
    text = soup(site / page).get_text(" ")
    assert date in text


def test_no_reference_to_another_host(site):
    for page in pages(site):
        html = soup(page)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("embed", "src"),
            ("object", "data"),
        ):
            for element in html.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and set(element.get("rel") or []) & {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{page}: <{tag} {attr}={value}>"
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text), css


def test_measures_and_illustrative_label_on_step_4(site):
    html = soup(site / "ogw/stap-4-maatregelen/index.html")
    table = html.find("table")
    assert table.find("caption")
    assert all(th.get("scope") for th in table.find_all("th"))
    rows = table.find("tbody").find_all("tr")
    measure_files = sorted((ROOT / "data" / "maatregelen").glob("*.yml"))
    assert len(rows) == len(measure_files)
    assert len(html.select(".ap-label--illustratief")) >= len(measure_files)


def test_schemas_are_published(site):
    published = sorted(p.name for p in (site / "data" / "schema").glob("*.json"))
    shipped = sorted(p.name for p in (ROOT / "data" / "schema").glob("*.json"))
    assert published == shipped


def test_footer_has_no_generator_line(site):
    html = soup(site / "index.html")
    assert "Made with" not in html.find("footer").get_text()


def test_data_text_is_escaped_not_executed(tmp_path):
    data = tmp_path / "data"
    copy_fixture_data(data)
    edit(
        data / "maatregelen" / "M01.yml",
        "titel: Informatiepunt mensenhandel",
        'titel: "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7 * 7 }} {% if true %}ja{% endif %}"',
    )
    site = build_site(tmp_path / "site", data)
    html = (site / "ogw/stap-4-maatregelen/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html and 'onerror="alert' not in html
    assert "{{ 7 * 7 }}" in html and "49" not in html.split("{{ 7 * 7 }}")[0][-20:]
    assert "{% if true %}ja{% endif %}" in html


def test_bad_data_stops_the_build_before_site_is_touched(tmp_path):
    data = tmp_path / "data"
    copy_fixture_data(data)
    edit(data / "maatregelen" / "M02.yml", "actiehouder: VNG\nstatus", "actiehouder: VGN\nstatus")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(site, data)
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige versie"


def test_cli_build_fails_with_dutch_messages_and_no_traceback(tmp_path):
    data = tmp_path / "data"
    copy_fixture_data(data)
    edit(data / "organisaties.yml", "    afkorting: VNG\n", "    afkorting: VNG\n    afkorting: Gemeenten\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**_env(), "ACTIEPLAN_DATA": str(data)},
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "organisaties.yml:19: organisaties[3].afkorting: de sleutel 'afkorting' staat twee keer" in output


@pytest.mark.slow
def test_cli_build_of_the_real_data_succeeds(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def _env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "ACTIEPLAN_DATA"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def test_every_page_has_a_content_security_policy_naming_its_inline_scripts(site):
    import base64
    import hashlib

    from macros.site.csp import inline_scripts

    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        meta = soup(html).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
        scripts = policy["script-src"].split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert policy["object-src"] == "'none'" and policy["default-src"] == "'self'"
        for body in inline_scripts(html):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in scripts, page
        # Before the first script, or it would not govern it.
        assert html.index("Content-Security-Policy") < html.find("<script")
