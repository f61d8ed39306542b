"""Rebuilds under `mkdocs serve` render only what an edit changed, and give the same site as a clean build.

The property test applies random sequences of edits (data and Markdown) to a
copy of the small fixture plan. After each edit the Rebuilder of
macros/site/incremental.py builds, partially when it can; then a clean full
build of the same files goes to another folder, and the two folders must be
the same byte for byte. Both builds run in this process, as under serve.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.site import incremental
from macros.site.pagefind import write_index
from tests.helpers import ROOT, copy_fixture_data

pytestmark = pytest.mark.slow


class Project:
    """A copy of the site's sources with the fixture data, built by a Rebuilder and by clean builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        for name in ("docs", "overrides"):
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("pdf", "__pycache__"))
        shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        (folder / "bench").mkdir()
        for name in ("results.json", "results.schema.json"):
            shutil.copy2(ROOT / "bench" / name, folder / "bench" / name)
        os.symlink(ROOT / "macros", folder / "macros")
        self.data = folder / "data"
        self.pristine = folder / "pristine"
        copy_fixture_data(self.pristine / "data")
        shutil.copytree(folder / "docs", self.pristine / "docs")
        self.site = folder / "site"
        self.reference = folder / "reference"
        self.clock = 1_800_000_000_000_000_000
        self.rebuilder: incremental.Rebuilder | None = None

    def config(self, site: Path) -> object:
        return load_config(config_file=str(self.folder / "mkdocs.yml"), site_dir=str(site))

    def reset(self) -> None:
        """The pristine files, a fresh state and a first full build."""
        for name in ("data", "docs"):
            shutil.rmtree(self.folder / name, ignore_errors=True)
            shutil.copytree(self.pristine / name, self.folder / name)
        incremental.disable()
        incremental.enable()

        def partial() -> None:
            from macros.hooks import _without_dirty_warning

            with _without_dirty_warning():
                build(self.config(self.site), dirty=True)

        self.rebuilder = incremental.Rebuilder(
            full=lambda: build(self.config(self.site)),
            partial=partial,
            docs_dir=self.folder / "docs",
            data_dirs=[self.data],
            index=lambda: write_index(self.site),
        )
        self.rebuilder()

    def write(self, path: Path, text: str) -> None:
        """Write ``text`` with a modification time later than any before (a file system may round times)."""
        path.write_text(text, encoding="utf-8")
        self.clock += 10_000_000_000
        os.utime(path, ns=(self.clock, self.clock))

    def rebuild(self) -> str:
        assert self.rebuilder is not None
        self.rebuilder()
        self.rebuilder.wait()
        return self.rebuilder.last

    def assert_same_as_clean_build(self) -> None:
        shutil.rmtree(self.reference, ignore_errors=True)
        with incremental.suspended():
            build(self.config(self.reference))
        ours = sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file())
        clean = sorted(p.relative_to(self.reference).as_posix() for p in self.reference.rglob("*") if p.is_file())
        assert ours == clean, f"other files: {sorted(set(ours) ^ set(clean))}"
        different = [name for name in ours if (self.site / name).read_bytes() != (self.reference / name).read_bytes()]
        shown = {
            name: ((self.site / name).read_bytes()[:300], (self.reference / name).read_bytes()[:300])
            for name in different[:2]
        }
        assert not different, f"files that differ from a clean build: {different} {shown}"


@pytest.fixture(scope="module", name="project")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    folder = tmp_path_factory.mktemp("incremental")
    saved = {name: os.environ.get(name) for name in ("ACTIEPLAN_DATA", "SOURCE_DATE_EPOCH", "ACTIEPLAN_NU")}
    os.environ.update(ACTIEPLAN_DATA=str(folder / "data"), SOURCE_DATE_EPOCH="1719792000")
    os.environ.pop("ACTIEPLAN_NU", None)
    try:
        yield Project(folder)
    finally:
        incremental.disable()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _replace(project: Project, relative: str, pattern: str, new: str) -> None:
    path = project.folder / relative
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {relative}"
    project.write(path, changed)


#: Edits a contributor makes: (name, function of the project and a number that makes the new text unique).
EDITS: dict[str, Callable[[Project, int], None]] = {
    "measure title": lambda p, n: _replace(p, "data/maatregelen/M01.yml", r"^titel: .*$", f"titel: Informatiepunt {n}"),
    "action status": lambda p, n: _replace(
        p, "data/maatregelen/M02.yml", r"^    status: \w+$", f"    status: {('gepland', 'lopend')[n % 2]}"
    ),
    "organisation name": lambda p, n: _replace(
        p,
        "data/organisaties.yml",
        r"^    naam: Vereniging van Nederlandse Gemeenten.*$",
        f"    naam: Vereniging van Nederlandse Gemeenten {n}",
    ),
    "project amount": lambda p, n: _replace(
        p, "data/projecten.yml", r"^        toegekend: \d+$", f"        toegekend: {250000 + n}"
    ),
    "progress status": lambda p, n: _replace(
        p, "data/voortgang/2024-06-30.yml", r"^    status: \w+$", f"    status: {('gepland', 'lopend')[n % 2]}"
    ),
    "data file saved unchanged": lambda p, n: p.write(
        p.data / "programma.yml", (p.data / "programma.yml").read_text(encoding="utf-8")
    ),
    "text of a written page": lambda p, n: p.write(
        p.folder / "docs/programma.md",
        (p.folder / "docs/programma.md").read_text(encoding="utf-8") + f"\nEen extra zin voor de test {n}.\n",
    ),
    "heading of a written page": lambda p, n: _replace(
        p, "docs/ogw/stap-1-opgave.md", r"^# .*$", f"# Stap 1: de opgave {n}"
    ),
    "title of a written page": lambda p, n: _replace(
        p, "docs/ogw/stap-1-opgave.md", r"^title: .*$", f'title: "Stap 1: de opgave {n}"'
    ),
    "template": lambda p, n: p.write(
        p.folder / "overrides/main.html",
        (p.folder / "overrides/main.html").read_text(encoding="utf-8") + f"\n{{#- test {n} #}}\n",
    ),
}


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 999)), min_size=1, max_size=4))
def test_partial_rebuilds_give_the_site_a_clean_build_gives(project: Project, steps: list[tuple[str, int]]) -> None:
    project.reset()
    for name, number in steps:
        EDITS[name](project, number)
        project.rebuild()
        project.assert_same_as_clean_build()


def test_an_edit_of_one_measure_renders_its_dependants_only(project: Project) -> None:
    """The measure's page, the overviews and its organisations' pages; not the other measure or organisations."""
    project.reset()
    EDITS["measure title"](project, 1)
    assert project.rebuild() == "deels"
    modified = incremental._state.modified or set()
    assert {"maatregelen/m01.md", "organisaties/jenv.md", "organisaties/comensha.md", "maatregelen.md"} <= modified
    assert "maatregelen/m02.md" not in modified
    assert "organisaties/vng.md" not in modified
    assert "over/privacy.md" not in modified
    project.assert_same_as_clean_build()


def test_a_new_title_renders_every_page_and_other_text_only_its_own(project: Project) -> None:
    """The navigation shows a page's title (its front matter), so a new title renders every page again."""
    project.reset()
    EDITS["text of a written page"](project, 2)
    assert project.rebuild() == "deels"
    # The page, and the page with the B1 scores of every page.
    assert incremental._state.modified == {"programma.md", "over/taal.md"}
    EDITS["heading of a written page"](project, 3)
    assert project.rebuild() == "deels"
    assert incremental._state.modified == {"ogw/stap-1-opgave.md", "over/taal.md"}
    EDITS["title of a written page"](project, 3)
    assert project.rebuild() == "deels"
    assert len(incremental._state.modified or ()) == len(incremental._state.pages)
    project.assert_same_as_clean_build()


def test_templates_and_new_files_take_a_full_build(project: Project) -> None:
    project.reset()
    EDITS["template"](project, 4)
    assert project.rebuild() == "alles"
    project.write(project.data / "maatregelen" / "M02.yml", (project.data / "maatregelen" / "M02.yml").read_text())
    (project.folder / "docs" / "extra.txt").write_text("x", encoding="utf-8")
    assert project.rebuild() == "alles"
    (project.folder / "docs" / "extra.txt").unlink()
    assert project.rebuild() == "alles"
    project.assert_same_as_clean_build()
