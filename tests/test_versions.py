"""Versions: release snapshots, mike deploys, and reproducible builds (banners and PDF in a browser: tests/browser/)."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.pipeline import load_plan
from tests.helpers import FIXTURE_DATA, ROOT, child_env, edit, soup

CLI = [sys.executable, "-m", "macros.cli"]


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    sites = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
            cwd=ROOT,
            env=child_env(SOURCE_DATE_EPOCH="1700000000"),
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
        return subprocess.run(
            [*CLI, *args], cwd=project_copy, env=child_env(), capture_output=True, text=True, check=False
        )

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
    edit(project_copy / "data" / "maatregelen" / "M01.yml", "actiehouder: JENV\npartners", "actiehouder: XX\npartners")
    result = subprocess.run(
        [*CLI, "release", "2023-10"], cwd=project_copy, env=child_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "data/maatregelen/M01.yml:9: actiehouder: onbekende organisatie 'XX'" in result.stderr
    assert not (project_copy / "data" / "snapshots").exists()


def test_unknown_version_in_environment_stops_the_build(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=ROOT,
        env=child_env(ACTIEPLAN_VERSIE="1999-01"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "de versie '1999-01' (uit ACTIEPLAN_VERSIE) staat niet in de lijst met versies" in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_concept_banner_only_on_concept_versions(tmp_path):

    for version, expected in (("werkversie", True), ("2024-06", False)):
        out = tmp_path / version
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
            cwd=ROOT,
            env=child_env(ACTIEPLAN_VERSIE=version),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        for page in (out / "index.html", out / "ogw" / "stap-4-maatregelen" / "index.html"):
            banner = soup(page).select_one(".ap-banner--concept")
            assert (banner is not None) == expected, (version, page)
            if expected:
                assert "Concept — nog niet vastgesteld" in banner.get_text()


@pytest.mark.slow
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


def test_publish_workflow_deploys_main_and_tags_with_full_history():
    import yaml

    workflow = yaml.load(
        (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert set(workflow["on"]) == {"push"}
    assert workflow["on"]["push"]["branches"] == ["main"] and workflow["on"]["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {}
    steps = workflow["jobs"]["bouwen"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == "0"
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make publish" in runs and "ALIAS=latest" in runs
    assert "gh release create" in "\n".join(s.get("run", "") for s in workflow["jobs"]["uitrollen"]["steps"])
    assert not re.search(r"playwright\s+install", runs)  # no browser download: Debian's chromium


def test_change_page_lists_measures_added_since_a_snapshot(site):

    snapshot, _ = load_plan(ROOT / "data" / "snapshots" / "2023-10")
    current, _ = load_plan(ROOT / "data")
    added = sorted(set(current.measures) - set(snapshot.measures))
    assert added, "the 2023-10 snapshot should lack measures the plan has now"
    html = soup(site / "versies" / "wijzigingen" / "index.html")
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
    changelog = soup(site / "versies" / "index.html")
    assert f"{len(added)} maatregelen erbij" in changelog.select_one("#versie-2023-10").get_text(" ")
