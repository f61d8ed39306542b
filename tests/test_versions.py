"""Versions: release snapshots, mike deploys with banners, the PDF, and reproducible builds."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT

from macros.pipeline import load_plan

CLI = [sys.executable, "-m", "macros.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIEPLAN_")}
    # mike calls `mkdocs` from PATH: the one of this virtualenv.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(
        {
            "NO_MKDOCS_2_WARNING": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
        },
        **extra,
    )
    return env


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    sites = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
            cwd=ROOT,
            env=_env(SOURCE_DATE_EPOCH="1700000000"),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        sites.append(out)
    assert _tree(sites[0]) == _tree(sites[1])
    _, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], _tree(sites[0]), shallow=False)
    assert mismatch == [] and errors == []
    assert "2023-11-14" in (sites[0] / "sitemap.xml").read_text(encoding="utf-8")


def test_release_freezes_a_snapshot_once(project_copy):
    def run(*args):
        return subprocess.run([*CLI, *args], cwd=project_copy, env=_env(), capture_output=True, text=True, check=False)

    first = run("release", "2023-10")
    assert first.returncode == 0, first.stderr
    snapshot = project_copy / "data" / "snapshots" / "2023-10"
    assert (snapshot / "maatregelen" / "M01.yml").read_bytes() == (
        FIXTURE_DATA / "maatregelen" / "M01.yml"
    ).read_bytes()
    assert not (snapshot / "snapshots").exists()
    load_plan(snapshot)  # the snapshot is a complete, valid data folder

    again = run("release", "2023-10")
    assert again.returncode == 1
    assert "er is al een snapshot van versie 2023-10" in again.stderr

    unknown = run("release", "2031-01")
    assert unknown.returncode == 1
    assert "de versie '2031-01' staat niet in de lijst met versies" in unknown.stderr


def test_release_refuses_invalid_data(project_copy):
    measure = project_copy / "data" / "maatregelen" / "M01.yml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("actiehouder: JENV\npartners", "actiehouder: XX\npartners"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [*CLI, "release", "2023-10"], cwd=project_copy, env=_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "data/maatregelen/M01.yml:9: actiehouder: onbekende organisatie 'XX'" in result.stderr
    assert not (project_copy / "data" / "snapshots").exists()


def test_unknown_version_in_environment_stops_the_build(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=ROOT,
        env=_env(ACTIEPLAN_VERSIE="1999-01"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "de versie '1999-01' (uit ACTIEPLAN_VERSIE) staat niet in de lijst met versies" in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_concept_banner_only_on_concept_versions(tmp_path):
    from bs4 import BeautifulSoup

    for version, expected in (("werkversie", True), ("2024-06", False)):
        out = tmp_path / version
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
            cwd=ROOT,
            env=_env(ACTIEPLAN_VERSIE=version),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        for page in (out / "index.html", out / "ogw" / "stap-4-maatregelen" / "index.html"):
            banner = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(".ap-banner--concept")
            assert (banner is not None) == expected, (version, page)
            if expected:
                assert "Concept — nog niet vastgesteld" in banner.get_text()


@pytest.fixture(scope="module", name="mike_repo")
def fixture_mike_repo(tmp_path_factory):
    """A git repository without a remote, with three versions deployed by mike into gh-pages."""
    repo = tmp_path_factory.mktemp("mike") / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        source = ROOT / name
        (
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "pdf"))
            if source.is_dir()
            else shutil.copy2(source, repo / name)
        )
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, env=_env(), check=True, capture_output=True, text=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "plan")
    mike = [str(Path(sys.executable).parent / "mike")]
    plan, _ = load_plan(repo / "data")
    for version, aliases in (("2023-10", []), ("2024-06", ["latest"]), ("werkversie", [])):
        result = subprocess.run(
            [*mike, "deploy", "--update-aliases", "--title", plan.versions[version].title, version, *aliases],
            cwd=repo,
            env=_env(ACTIEPLAN_VERSIE=version),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    subprocess.run([*mike, "set-default", "latest"], cwd=repo, env=_env(), check=True, capture_output=True)
    return repo


def test_mike_versions_and_redirect_alias(mike_repo):
    def show(ref):
        return subprocess.run(["git", "show", ref], cwd=mike_repo, capture_output=True, text=True, check=True).stdout

    versions = json.loads(show("gh-pages:versions.json"))
    titles = {v["version"]: v["title"] for v in versions}
    assert titles == {
        "2023-10": "Actieplan oktober 2023",
        "2024-06": "Versterkt actieplan juni 2024",
        "werkversie": "Werkversie (concept)",
    }
    assert next(v for v in versions if v["version"] == "2024-06")["aliases"] == ["latest"]
    tree = subprocess.run(
        ["git", "ls-tree", "-r", "gh-pages"], cwd=mike_repo, capture_output=True, text=True, check=True
    ).stdout
    latest = [line for line in tree.splitlines() if line.endswith("\tlatest/index.html")]
    assert latest and latest[0].startswith("100644 ")  # a file, not a symlink (mode 120000)
    assert not any(line.startswith("120000 ") for line in tree.splitlines())
    assert 'http-equiv="refresh"' in show("gh-pages:latest/index.html")


@pytest.mark.browser
def test_banners_in_the_browser(mike_repo, tmp_path, browser):
    from macros.dev.pdf import serve

    served = tmp_path / "gh-pages"
    served.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=mike_repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(served)], input=archive, check=True)
    with serve(served) as base:
        page = browser.new_page()

        def state(path: str) -> tuple[bool, bool]:
            page.goto(base + path, wait_until="networkidle")
            outdated = page.locator("[data-md-component=outdated]")
            return page.locator(".ap-banner--concept").is_visible(), outdated.is_visible()

        assert state("2024-06/") == (False, False)
        assert state("2023-10/") == (False, True)
        assert "oudere versie van het actieplan" in page.locator("[data-md-component=outdated]").inner_text()
        # The banner passes axe (its link was once white on yellow), and its link leads to the current version.
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(
            page,
            context="[data-md-component=outdated]",
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        assert results.violations_count == 0, results.generate_report()
        page.click("[data-md-component=outdated] a")
        page.wait_for_url("**/2024-06/")
        assert state("werkversie/") == (True, True)
        page.goto(base, wait_until="networkidle")
        assert page.url.endswith("/2024-06/")
        page.close()


@pytest.mark.browser
def test_pdf_holds_the_whole_plan(tmp_path, browser):
    from pypdf import PdfReader

    from macros.dev.pdf import render_pdf

    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=_env(ACTIEPLAN_PDF="true", ACTIEPLAN_VERSIE="2024-06"),
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


def test_publish_workflow_deploys_main_and_tags_with_full_history():
    import yaml

    workflow = yaml.load(
        (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert set(workflow["on"]) == {"push"}
    assert workflow["on"]["push"]["branches"] == ["main"] and workflow["on"]["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["publish"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == "0"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make publish" in runs and "ALIAS=latest" in runs and "gh release create" in runs
    assert not re.search(r"playwright\s+install", runs)  # no browser download: Debian's chromium


def test_change_page_lists_measures_added_since_a_snapshot(site):
    from bs4 import BeautifulSoup

    snapshot, _ = load_plan(ROOT / "data" / "snapshots" / "2023-10")
    current, _ = load_plan(ROOT / "data")
    added = sorted(set(current.measures) - set(snapshot.measures))
    assert added, "the 2023-10 snapshot should lack measures the plan has now"
    html = BeautifulSoup((site / "versies" / "wijzigingen" / "index.html").read_text(encoding="utf-8"), "lxml")
    section = html.select_one('section[aria-labelledby="sinds-2023-10"]')
    table = section.select_one('table:has(caption[id="wijz-2023-10-maatregel"])')
    rows = {
        row.th.get_text(" ", strip=True).split(" ")[0]: row.find_all("td")[0].get_text(strip=True)
        for row in table.select("tbody tr")
        if row.th
    }
    for measure_id in added:
        assert rows[measure_id] == "erbij"
        assert section.find("a", href=f"../../maatregelen/{measure_id.lower()}/")
    changelog = BeautifulSoup((site / "versies" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert f"{len(added)} maatregelen erbij" in changelog.select_one("#versie-2023-10").get_text(" ")
