"""Shared fixtures: copies of the fixture plan, one strict build per run, and a mike repository.

Only fixtures live here; functions the tests share are in tests/helpers.py. The
browser fixtures are in tests/browser/conftest.py, beside every test that needs chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.pipeline import load_plan
from tests.helpers import OPEN_MOMENT, ROOT, build_site, child_env, copy_fixture_data, environment

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(name="project_copy")
def fixture_project_copy(tmp_path: Path) -> Path:
    """A folder with a fresh copy of the small fixture plan in ``data/``."""
    copy_fixture_data(tmp_path / "data")
    return tmp_path


@pytest.fixture(scope="session", name="site")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site built once from the real data, shared by every test that reads HTML."""
    yield build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session", name="mike_repo")
def fixture_mike_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository without a remote, with three versions deployed by mike into gh-pages (a few builds)."""
    repo = tmp_path_factory.mktemp("mike") / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        source = ROOT / name
        (
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "pdf"))
            if source.is_dir()
            else shutil.copy2(source, repo / name)
        )

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=child_env(), check=True, capture_output=True, text=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "plan")
    mike = [str(Path(sys.executable).parent / "mike")]
    plan, _ = load_plan(repo / "data")
    for version, aliases in (("2023-10", []), ("2024-06", ["latest"]), ("werkversie", [])):
        result = subprocess.run(
            [*mike, "deploy", "--update-aliases", "--title", plan.versions[version].title, version, *aliases],
            cwd=repo,
            env=child_env(ACTIEPLAN_VERSIE=version),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    subprocess.run([*mike, "set-default", "latest"], cwd=repo, env=child_env(), check=True, capture_output=True)
    return repo


@pytest.fixture(scope="session", name="open_site")
def fixture_open_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as it was built during the sample consultation round (the banner on every page)."""
    with environment(ACTIEPLAN_NU=OPEN_MOMENT):
        return build_site(tmp_path_factory.mktemp("open") / "site")
