"""A bound for any input: depth, message count and the work behind messages (audit M3, L5).

Any file up to the size limit, of any shape, gives findings and never an exception, within
seconds. Deep nesting runs in a child process: before the fix 50,000 levels crashed libyaml
with a segfault, which would take the test run down with it.
"""

from __future__ import annotations

import subprocess
import sys
import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data.catalog import MEASURE_SCHEMA
from macros.data.findings import MAX_SHOWN, Finding, Report, render_github, render_text
from macros.data.load import MAX_FILE_BYTES, load_document
from macros.data.schema import load_schemas
from macros.pipeline import validate


def _validate_in_child(project_copy) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "validate", "data", "--formaat", "tekst"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_very_deep_nesting_is_a_message_not_a_crash(project_copy):
    for levels in (50_000, 100_000):
        (project_copy / "data" / "maatregelen" / "M02.yml").write_text(
            "id: M02\ntitel: " + "[" * levels + "]" * levels + "\n", encoding="utf-8"
        )
        result = _validate_in_child(project_copy)
        assert result.returncode == 1, result.stderr[-500:]
        assert "Traceback" not in result.stderr
        assert "data/maatregelen/M02.yml:2: (bestand): de gegevens zijn te diep genest" in result.stderr


def test_thousands_of_unknown_references_are_quick_and_printed_bounded(project_copy):
    """1,000 unknown actions in a progress report took 29 s for "bedoelt u …?"; output is capped."""
    report_file = project_copy / "data" / "voortgang" / "2025-06-30.yml"
    extra = "".join(f"  - actie: M99-A{i}\n    status: gepland\n" for i in range(3000))
    report_file.write_text(report_file.read_text(encoding="utf-8") + extra, encoding="utf-8")
    started = time.perf_counter()
    _, report = validate(project_copy / "data", shown_root=project_copy)
    seconds = time.perf_counter() - started
    unknown = [f for f in report.errors if f.message.startswith("onbekende actie")]
    assert len(unknown) == 3000
    assert seconds < 5, seconds
    text = render_text(report).splitlines()
    assert len(text) <= MAX_SHOWN + 3
    assert f"… en nog {len(report.errors) + len(report.warnings) - MAX_SHOWN} meldingen" in text[MAX_SHOWN]
    assert text[-1].endswith("fouten gevonden; de site is niet gebouwd.")
    assert len(render_github(report).splitlines()) == MAX_SHOWN + 1


def test_github_annotations_escape_the_file_name():
    """Audit L13: ',' and ':' end a property in a workflow command."""
    report = Report([Finding(file="data/a,b:c.yml", line=3, message="x", hint="y")])
    assert render_github(report) == "::error file=data/a%2Cb%3Ac.yml,line=3::(bestand): x — y"


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.text(max_size=30),
)
_keys = st.sampled_from(["id", "titel", "acties", "status", "start", "x", "0", "- a", "b: c"]) | st.text(max_size=8)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(_keys, inner, max_size=6),
    max_leaves=400,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(value=_values, flow=st.booleans(), wrap=st.integers(min_value=0, max_value=40))
def test_any_nested_structure_gives_findings_never_an_exception(tmp_path_factory, value, flow, wrap):
    """Random structures, nested up to 40 levels more, as a measure file: findings only, within 5 s."""
    for _ in range(wrap):
        value = [value] if wrap % 2 else {"x": value}
    text = yaml.safe_dump({"id": "M01", "titel": value}, default_flow_style=flow, allow_unicode=True, width=80)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        text = text[: MAX_FILE_BYTES // 2]
    path = tmp_path_factory.mktemp("bounds") / "M01.yml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    doc, findings = load_document(path, "data/maatregelen/M01.yml")
    if doc is not None:
        findings += load_schemas().check(doc, MEASURE_SCHEMA)
    assert time.perf_counter() - started < 5
    assert all(isinstance(f, Finding) and f.message for f in findings)


def test_links_out_of_the_repository_are_refused_and_not_read(project_copy, tmp_path_factory):
    """Audit L3: a symlink in data/ was read (its keys echoed), one in docs/ copied /etc/passwd into site/."""
    outside = tmp_path_factory.mktemp("outside") / "buiten.yml"
    outside.write_text("geheim: wachtwoord\n", encoding="utf-8")
    (project_copy / "data" / "maatregelen" / "M15.yml").symlink_to(outside)
    (project_copy / "docs" / "over").mkdir(parents=True)
    (project_copy / "docs" / "over" / "passwd.txt").symlink_to("/etc/passwd")
    (project_copy / "docs" / "etc-dir").symlink_to("/etc")
    # A link that stays inside the repository is fine (data/schema links to the package's schemas).
    (project_copy / "docs" / "zelfde.md").write_text("# x\n", encoding="utf-8")
    (project_copy / "docs" / "ook.md").symlink_to("zelfde.md")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    links = sorted(str(f) for f in report.errors if f.rule == "koppeling")
    hint = "zet het bestand zelf in de repository; een koppeling naar buiten wordt niet gelezen en niet gepubliceerd"
    assert links == [
        f"data/maatregelen/M15.yml: (bestand): dit is een koppeling (symlink) naar {outside.resolve().as_posix()}, buiten de repository — {hint}",
        f"docs/etc-dir: (bestand): dit is een koppeling (symlink) naar /etc, buiten de repository — {hint}",
        f"docs/over/passwd.txt: (bestand): dit is een koppeling (symlink) naar /etc/passwd, buiten de repository — {hint}",
    ]
    assert not any("geheim" in f.message for f in report.findings)


def test_the_real_data_schema_link_is_allowed():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    assert (root / "data" / "schema").is_symlink()
    _, report = validate(root / "data", shown_root=root)
    assert not [f for f in report.findings if f.rule == "koppeling"]


def test_a_file_that_cannot_be_read_is_a_message_with_its_name(tmp_path):
    """Audit L13: an unreadable file gave "Kan een bestand niet lezen of schrijven:  (…)" without a name."""
    (tmp_path / "M15.yml").mkdir()
    doc, findings = load_document(tmp_path / "M15.yml", "data/maatregelen/M15.yml")
    assert doc is None
    assert [str(f)[:72] for f in findings] == [
        "data/maatregelen/M15.yml: (bestand): het bestand kan niet worden gelezen"
    ]
