"""The benchmark harness (bench/) and the page "Prestaties"; no timing is asserted here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bench import floor, measure, report, run
from macros.dev.generate import Size, generate
from macros.site.render import Renderer
from macros.views import VIEWS
from macros.views.performance import BenchmarkInvalid, load_results
from tests.helpers import FIXTURE_DATA, ROOT, soup


@pytest.fixture(scope="module", name="smoke")
def fixture_smoke(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One run of the whole harness at 5 measures (a few builds; seconds, not minutes).

    Without the first visit: that needs chromium (tests/browser/test_bench.py).
    """
    work = tmp_path_factory.mktemp("bench")
    return run.run_all(
        [5], validate_measures=5, rebuild_measures=5, work=work, browser=False, serve_edits=2, memory_edits=1
    )


@pytest.mark.slow
def test_smoke_run_has_every_figure_and_the_agreed_shape(smoke, tmp_path):
    report.check_shape(smoke)
    size = smoke["sizes"][0]
    assert size["measures"] == 5 and size["actions"] >= 5
    for build in (size["site"], size["floor"]):
        assert build["seconds"] > 0 and build["peak_mb"] > 0 and build["pages"] > 0 and build["output_bytes"] > 0
        assert build["search_index_bytes"] > 0
    # The floor has at least one page per measure, plus one per page in docs/.
    docs_pages = len(floor.count_docs_pages(ROOT / "docs"))
    assert size["floor"]["pages"] >= docs_pages + 5
    assert size["floor"]["measure_pages"] == 5
    assert smoke["validation"]["measures"] == 5 and len(smoke["validation"]["runs"]) == run.VALIDATION_RUNS
    own, generated = smoke["rebuild"]
    assert own["data"] == "eigen" and generated["data"] == "gegenereerd" and generated["measures"] == 5
    for rebuild in (own, generated):
        assert len(rebuild["visible_runs"]) == 2 and rebuild["visible_seconds"] > 0
        # Every edit of a title was a partial build (macros/site/incremental.py).
        assert rebuild["partial"] == rebuild["edits_total"]
        assert rebuild["rss_first_mb"] > 0 and rebuild["rss_last_mb"] > 0
    assert size["minimal"]["pages"] == size["site"]["pages"] and size["ratio_minimal"] > 0
    assert [t["id"] for t in smoke["targets"]] == [t[0] for t in report.TARGETS]
    report.write_json(smoke, tmp_path / "results.json")
    report.write_markdown(smoke, tmp_path / "results.md")
    assert "| 5 |" in (tmp_path / "results.md").read_text(encoding="utf-8")
    assert load_results_from(tmp_path) is not None


def load_results_from(folder: Path):
    """Load results the way the build does, from a project folder holding bench/."""
    project = folder / "project"
    (project / "bench").mkdir(parents=True)
    shutil.copy(folder / "results.json", project / "bench" / "results.json")
    shutil.copy(ROOT / "bench" / "results.schema.json", project / "bench" / "results.schema.json")
    return load_results(project)


def test_floor_inherits_our_settings_and_keeps_record_pages_out_of_the_nav(tmp_path):
    files = generate(Size.proportional(4), 1)
    config = floor.write_floor(tmp_path, files, record_pages=6, our_config=ROOT / "mkdocs.yml", our_docs=ROOT / "docs")
    text = config.read_text(encoding="utf-8")
    assert f"INHERIT: {ROOT / 'mkdocs.yml'}" in text
    settings = yaml.safe_load(text)
    assert [next(iter(p)) if isinstance(p, dict) else p for p in settings["plugins"]] == ["search"]
    assert settings["hooks"] == [] and "macros.site.rawhtml" not in text and "/maatregelen/" in text
    assert "pymdownx.superfences" in text
    assert len(list((tmp_path / "docs" / "maatregelen").glob("*.md"))) == 4
    assert len(list((tmp_path / "docs" / "organisaties").glob("*.md"))) == 2
    ours = floor.count_docs_pages(ROOT / "docs")
    assert all((tmp_path / "docs" / page).is_file() for page in ours)
    measure_page = (tmp_path / "docs" / "maatregelen" / "m01.md").read_text(encoding="utf-8")
    assert "| Actie | Actiehouder | Partners | Periode | Status |" in measure_page and "{{" not in measure_page
    # The sections of our measure pages, in plain Markdown.
    for heading in (
        "## Operationele doelen",
        "## Acties",
        "## Voortgang van de acties",
        "## Projecten",
        "## Waarom deze maatregel?",
    ):
        assert heading in measure_page
    # Written pages keep our headings, so Material draws the same tables of contents.
    privacy = (tmp_path / "docs" / "over" / "privacy.md").read_text(encoding="utf-8")
    ours_privacy = (ROOT / "docs" / "over" / "privacy.md").read_text(encoding="utf-8")
    assert [line for line in privacy.splitlines() if line.startswith("## ")] == [
        line.split(" {")[0] for line in ours_privacy.splitlines() if line.startswith("## ")
    ]
    assert abs(len(privacy) - len(ours_privacy)) < len(ours_privacy) // 10


def results_with(**changes) -> dict:
    """Small made-up results to test the target arithmetic (not measurements)."""

    def build(seconds: float, largest: int | None = None) -> dict:
        return {
            "seconds": seconds,
            "mkdocs_seconds": None,
            "cpu_seconds": seconds,
            "peak_mb": 100.0,
            "pages": 10,
            "ms_per_page": 1.0,
            "output_bytes": 1,
            "search_index_bytes": 1,
            "measure_pages": 1 if largest else 0,
            "measure_page_mean_bytes": largest,
            "measure_page_max_bytes": largest,
        }

    results = {
        "sizes": [
            {"measures": 1000, "site": build(10.0, 39_000), "floor": build(9.0), "ratio": 10 / 9},
            {"measures": 3000, "site": build(34.0), "floor": build(27.0), "ratio": 34 / 27},
        ],
        "validation": {"measures": 5_000, "seconds": 2.5},
        "rebuild": [
            {"data": "eigen", "measures": 14, "visible_seconds": 0.4, "rss_first_mb": 100.0, "rss_last_mb": 101.0},
            {
                "data": "gegenereerd",
                "measures": 1000,
                "visible_seconds": 1.8,
                "rss_first_mb": 200.0,
                "rss_last_mb": 230.0,
            },
        ],
        "first_visit": {"transfer_bytes": 150_000},
    }
    results.update(changes)
    return results


def test_targets_compare_each_figure_with_its_limit():
    targets = {t["id"]: t for t in report.evaluate_targets(results_with())}
    assert targets["verhouding-1000"]["met"] is True and targets["verhouding-1000"]["value"] == pytest.approx(
        1.111, abs=1e-3
    )
    assert targets["groei-3000"]["met"] is False and targets["groei-3000"]["value"] == 3.4
    assert targets["maatregelpagina-1000"]["met"] is True and targets["maatregelpagina-1000"]["value"] == 39.0
    assert targets["eerste-bezoek"]["met"] is True and targets["eerste-bezoek"]["value"] == 150.0
    assert targets["validatie-5000"]["met"] is False
    assert targets["bewerken-eigen"]["met"] is True and targets["bewerken-eigen"]["value"] == 0.4
    assert targets["bewerken-1000"]["met"] is False and targets["bewerken-1000"]["value"] == 1.8
    assert targets["geheugen-serve"]["met"] is False and targets["geheugen-serve"]["value"] == pytest.approx(1.15)
    assert targets["kaal-1000"]["met"] is None  # no minimal floor in these results


def test_targets_not_measured_are_none():
    targets = {
        t["id"]: t
        for t in report.evaluate_targets(results_with(sizes=[], validation=None, first_visit=None, rebuild=None))
    }
    assert all(t["met"] is None and t["value"] is None for t in targets.values())


def test_gzip_server_serves_like_a_static_host(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "hallo " * 500 + "</p>", encoding="utf-8")
    import urllib.request

    with measure.serve_folder(tmp_path) as base:
        plain = urllib.request.urlopen(base).read()
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            packed = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
    assert plain.startswith(b"<p>hallo") and len(packed) < len(plain) / 10


# --- The page "Prestaties" -----------------------------------------------------


def render_page(plan, benchmark) -> BeautifulSoup:
    html = VIEWS["prestaties"](Renderer(plan, benchmark=benchmark), "over/prestaties/")
    return soup(str(html))


@pytest.fixture(name="fixture_plan")
def fixture_fixture_plan():
    from macros.pipeline import load_plan

    return load_plan(FIXTURE_DATA)[0]


def test_page_says_so_when_there_are_no_results(fixture_plan, tmp_path):
    assert load_results(tmp_path) is None
    page = render_page(fixture_plan, None)
    assert "Nog geen meetresultaten" in page.get_text()
    assert page.find("table") is None


@pytest.mark.slow
def test_page_shows_the_figures_in_accessible_tables(fixture_plan, smoke, tmp_path):
    (tmp_path / "results.json").write_text(json.dumps(smoke), encoding="utf-8")
    results = load_results_from(tmp_path)
    page = render_page(fixture_plan, results)
    tables = page.find_all("table")
    assert len(tables) >= 2
    for table in tables:
        assert table.find("caption")
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
    text = page.get_text(" ")
    assert "Doelen en of ze zijn gehaald" in text and "niet gemeten" in text


def test_results_of_the_wrong_shape_stop_with_a_dutch_message(tmp_path):
    (tmp_path / "bench").mkdir()
    shutil.copy(ROOT / "bench" / "results.schema.json", tmp_path / "bench")
    (tmp_path / "bench" / "results.json").write_text('{"format": 2,', encoding="utf-8")
    with pytest.raises(
        BenchmarkInvalid,
        match=r"bench/results.json:1: \(bestand\): het bestand is geen geldige JSON — draai make bench opnieuw",
    ):
        load_results(tmp_path)
    (tmp_path / "bench" / "results.json").write_text('{"format": 2}', encoding="utf-8")
    with pytest.raises(BenchmarkInvalid, match=r"heeft niet de vorm van bench/results.schema.json"):
        load_results(tmp_path)


def test_prestaties_page_is_built_and_in_the_nav(site):
    page = site / "over" / "prestaties" / "index.html"
    html = soup(page)
    assert html.find("h1").get_text(strip=True).rstrip("¶") == "Prestaties"
    assert any(a.get("href", "").rstrip("/").endswith("prestaties") for a in soup(site / "index.html").select("nav a"))
