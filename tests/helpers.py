"""Helpers shared by the tests: project paths and small tools (import from here, never from conftest).

conftest.py holds only fixtures; every function two test modules need lives here,
so no test module imports another.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"

#: The moment of the "round open" build (fixture ``open_site``): during the sample consultation round of data/.
OPEN_MOMENT = "2023-07-24T10:00"

#: The bad-input corpus (tests/bad_inputs.yml): each case changes the fixture plan in one way.
CASES = yaml.safe_load((ROOT / "tests" / "bad_inputs.yml").read_text(encoding="utf-8"))


def copy_fixture_data(target: Path) -> Path:
    """A fresh copy of the small fixture plan at ``target`` (a folder that does not exist yet); returns it."""
    shutil.copytree(FIXTURE_DATA, target)
    return target


def soup(source: Path | str) -> BeautifulSoup:
    """The parsed HTML of a built file (a path) or of a string."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return BeautifulSoup(text, "lxml")


def replace_exact(text: str, old: str, new: str, where: str = "the text", times: int = 1) -> str:
    """``text`` with ``old`` replaced by ``new``; fails unless ``old`` occurs exactly ``times`` times.

    So no test passes vacuously because the fixture text it meant to change has changed.
    """
    count = text.count(old)
    assert count == times, f"{old!r} must occur {times} time(s) in {where}, found {count}"
    return text.replace(old, new)


def edit(path: Path, old: str, new: str, times: int = 1) -> None:
    """Replace ``old`` by ``new`` in the file ``path``; fails unless ``old`` occurs there exactly ``times`` times."""
    path.write_text(replace_exact(path.read_text(encoding="utf-8"), old, new, path.name, times), encoding="utf-8")


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Set (or, with None, remove) environment variables for the block; the old values come back after."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        yield


def build_site(site_dir: Path, data_dir: Path | None = None, **config_overrides) -> Path:
    """Build the real site in-process, strictly, into ``site_dir`` (``config_overrides`` replace mkdocs.yml keys).

    ``data_dir``: the plan to build from (``ACTIEPLAN_DATA``); without it, the real ``data/``.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with environment(ACTIEPLAN_DATA=str(data_dir) if data_dir is not None else None):
        config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir), **config_overrides)
        build(config)
    return site_dir


def apply_case(case: dict, data_dir: Path) -> None:
    """Change the fixture plan in ``data_dir`` as the bad-input case says."""
    target = data_dir / case["bestand"]
    if case.get("verwijder"):
        target.unlink()
        return
    text = case["inhoud"] if "inhoud" in case else target.read_text(encoding="utf-8")
    for change in case.get("vervang", []):
        text = replace_exact(text, change["oud"], change["nieuw"], f"{case['bestand']} ({case['naam']})")
    raw = text.encode(case.get("codering", "utf-8"))
    if case.get("bom"):
        raw = b"\xef\xbb\xbf" + raw
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: no ``ACTIEPLAN_`` settings, this virtualenv first on PATH
    (mike calls ``mkdocs`` from PATH), a git identity, and ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIEPLAN_")}
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
