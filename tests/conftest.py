"""Shared fixtures: the project paths, copies of the fixture plan, and one strict build per run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(name="project_copy")
def fixture_project_copy(tmp_path: Path) -> Path:
    """A folder with a fresh copy of the small fixture plan in ``data/``."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def build_site(site_dir: Path, data_dir: Path | None = None, **config_overrides) -> Path:
    """Build the real site in-process, strictly, into ``site_dir`` (``config_overrides`` replace mkdocs.yml keys)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    previous = os.environ.get("ACTIEPLAN_DATA")
    if data_dir is not None:
        os.environ["ACTIEPLAN_DATA"] = str(data_dir)
    else:
        os.environ.pop("ACTIEPLAN_DATA", None)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir), **config_overrides)
        build(config)
    finally:
        if previous is None:
            os.environ.pop("ACTIEPLAN_DATA", None)
        else:
            os.environ["ACTIEPLAN_DATA"] = previous
    return site_dir


@pytest.fixture(scope="session", name="site")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site built once from the real data, shared by every test that reads HTML."""
    yield build_site(tmp_path_factory.mktemp("site") / "site")


# --- The browser: one Debian chromium for the whole run ------------------------
# Playwright's sync API allows one running instance per thread, so every
# browser test (and the PDF and benchmark helpers they call) shares this one.

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-pings",
]


def _have_browser() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The browser binary; with REQUIRE_BROWSER=1 a missing browser fails every browser test."""
    if _have_browser():
        return CHROMIUM
    message = f"chromium ontbreekt ({CHROMIUM}). Installeer het Debian-pakket chromium."
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} REQUIRE_BROWSER=1: zonder browser mislukken de browsertests.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium: Path):
    """One browser for the whole run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=BROWSER_ARGS)
        yield launched
        launched.close()
