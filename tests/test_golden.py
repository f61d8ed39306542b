"""Golden files: the fixture plan's outputs, byte for byte, against tests/golden/.

Each case renders one output of the fixture plan (tests/fixtures/data) and
compares it with its file in tests/golden/: the open-data exports (every kind
as JSON, CSV and JSON Schema), the Atom feed, the Markdown of `actieplan diff`
against a changed copy of the plan, one bar chart and one measure page.
A change in any of them shows here as a unified diff, so a reviewer sees
what a change to the code does to what readers and re-users get.

When the change is intended, ``make golden`` writes the files anew
(``UPDATE_GOLDEN=1``) and shows which ones changed; commit them with the code.

Nothing is normalised: every output comes from the data alone (no clock is
read), so two runs give the same bytes. The HTML views are rendered without
SiteSettings, as they need none, and kept as the site publishes them: with
the indentation of the templates taken out, as macros/site/whitespace.py
does for every page (so indenting a template changes no golden file).
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURE_DATA, ROOT

from macros.history.diff import diff_plans, render_diff_markdown
from macros.model.records import Plan
from macros.outputs.exports import EXPORTS, write_exports
from macros.outputs.feed import render_feed
from macros.pipeline import load_plan
from macros.site.render import Renderer
from macros.site.whitespace import collapse_indentation
from macros.views.progress import spending_per_year
from macros.views.records import measure_page

GOLDEN = ROOT / "tests" / "golden"
#: Set by `make golden`: write the outputs into tests/golden/ instead of comparing.
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
#: At most this many lines of a unified diff in a failure message.
MAX_DIFF_LINES = 80

SITE_URL = "https://example.org/actieplan/"
SITE_NAME = "Samen tegen mensenhandel"


def _load(data_dir: Path) -> Plan:
    plan, report = load_plan(data_dir)
    assert plan is not None, report
    return plan


@pytest.fixture(scope="module", name="plan")
def fixture_plan() -> Plan:
    return _load(FIXTURE_DATA)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``path``; ``old`` must occur exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


NEW_PROJECT = """  - id: PR03
    titel: Voorlichting op scholen
    omschrijving: Lessen over uitbuiting.
    categorie: nieuw-initiatief
    uitvoerder: VNG
    uitbuitingsvormen: [seksuele-uitbuiting]
    hoofddoelen: [preventie]
    maatregelen: [M01]
    budget:
      - jaar: 2024
        toegekend: 75000
    illustratief: true
"""


def changed_plan(tmp: Path) -> Plan:
    """The fixture plan with a changed title, a removed action, a new project and a changed budget."""
    data = tmp / "data"
    shutil.copytree(FIXTURE_DATA, data)
    edit(data / "maatregelen/M01.yml", "titel: Informatiepunt mensenhandel", "titel: Landelijk informatiepunt")
    edit(
        data / "maatregelen/M01.yml",
        "  - id: M01-A2\n    titel: Bekendheid vergroten\n    actiehouder: JENV\n    start: 2024-07\n"
        "    eind: 2025-12\n    status: lopend\n    illustratief: true\n",
        "",
    )
    # The progress reports that list M01-A2 are history; the diff does not compare them.
    edit(data / "voortgang/2024-12-31.yml", "  - actie: M01-A2\n    status: lopend\n", "")
    edit(data / "voortgang/2025-06-30.yml", "  - actie: M01-A2\n    status: afgerond\n", "")
    edit(data / "projecten.yml", "toegekend: 300000", "toegekend: 320000")
    edit(data / "projecten.yml", "  - id: PR02\n", NEW_PROJECT + "  - id: PR02\n")
    return _load(data)


def export_files(plan: Plan, tmp: Path) -> dict[str, bytes]:
    written = write_exports(plan, tmp / "exports")
    return {f"exports/{path.name}": path.read_bytes() for path in written}


def published(html: str) -> bytes:
    """A view's HTML as it appears in a built page (without the templates' indentation)."""
    return (collapse_indentation(str(html)) + "\n").encode("utf-8")


def outputs(plan: Plan, tmp: Path) -> dict[str, Callable[[], bytes]]:
    """Every golden case: its file in tests/golden/ and how to make its bytes."""
    cases: dict[str, Callable[[], bytes]] = {}
    for kind in EXPORTS:
        for suffix in (".json", ".csv", ".schema.json"):
            name = f"exports/{kind.name}{suffix}"
            cases[name] = lambda name=name: export_files(plan, tmp)[name]
    cases["feed.xml"] = lambda: render_feed(Renderer(plan), SITE_URL, SITE_NAME).encode("utf-8")
    cases["diff.md"] = lambda: render_diff_markdown(diff_plans(plan, changed_plan(tmp), "basis", "nieuw")).encode(
        "utf-8"
    )
    cases["besteding_per_jaar.html"] = lambda: published(spending_per_year(Renderer(plan), "voortgang/"))
    page = plan.measures["M01"].page_path
    cases["maatregel_m01.html"] = lambda: published(measure_page(Renderer(plan), page, "M01"))
    return cases


#: The names of the cases, known without loading the plan (pytest collects them first).
CASE_NAMES = [
    *(f"exports/{kind.name}{suffix}" for kind in EXPORTS for suffix in (".json", ".csv", ".schema.json")),
    "feed.xml",
    "diff.md",
    "besteding_per_jaar.html",
    "maatregel_m01.html",
]


def unified_diff(expected: bytes, actual: bytes, name: str) -> str:
    """The difference as a unified diff, at most :data:`MAX_DIFF_LINES` lines."""
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"tests/golden/{name} (verwacht)",
            tofile=f"{name} (nu)",
        )
    )
    if not lines:
        # Same text, other bytes (a byte order mark or line ends): show the start of both.
        return f"verwacht: {expected[:120]!r}\nnu:       {actual[:120]!r}\n"
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:MAX_DIFF_LINES])
    if len(lines) > MAX_DIFF_LINES:
        shown += f"... en nog {len(lines) - MAX_DIFF_LINES} regels verschil\n"
    return shown


def test_the_cases_match_the_outputs(plan, tmp_path):
    assert sorted(outputs(plan, tmp_path)) == sorted(CASE_NAMES)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden(name, plan, tmp_path):
    actual = outputs(plan, tmp_path)[name]()
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != actual:
            path.write_bytes(actual)
        return
    if not path.is_file():
        pytest.fail(f"tests/golden/{name} ontbreekt. Maak het met: make golden", pytrace=False)
    expected = path.read_bytes()
    if expected != actual:
        pytest.fail(
            f"{name} is anders dan tests/golden/{name}:\n{unified_diff(expected, actual, name)}"
            "Is de verandering bedoeld? Draai dan `make golden` en commit de nieuwe bestanden.",
            pytrace=False,
        )


def test_no_stray_golden_files():
    """Every file in tests/golden/ belongs to a case (`make golden` removes the others)."""
    found = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    stray = [name for name in found if name not in CASE_NAMES]
    if UPDATE:
        for name in stray:
            (GOLDEN / name).unlink()
        return
    assert not stray, f"Bestanden in tests/golden/ zonder test: {stray}. Draai `make golden` om ze op te ruimen."
