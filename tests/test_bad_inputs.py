"""The bad-input corpus (tests/bad_inputs.yml): every case fails with its Dutch FILE:LINE message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.pipeline import validate
from tests.helpers import CASES, apply_case, copy_fixture_data


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c["naam"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["naam"] for c in CASES])
def test_validate_reports_case(case, project_copy):
    apply_case(case, project_copy / "data")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    assert not report.ok
    messages = [str(f) for f in report.errors]
    for expected in case["verwacht"]:
        assert any(m.startswith(expected) for m in messages), f"missing {expected!r} in {messages}"
    for finding in report.errors:
        assert finding.hint, f"no advice in {finding}"


@pytest.mark.parametrize("case", CASES[:6], ids=[c["naam"] for c in CASES[:6]])
def test_cli_prints_messages_and_exits_1_without_traceback(case, project_copy):
    apply_case(case, project_copy / "data")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "validate", "data", "--formaat", "tekst"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for expected in case["verwacht"]:
        assert expected in result.stderr
    assert "de site is niet gebouwd" in result.stderr


def test_common_mistakes_page_shows_the_real_messages(tmp_path):
    """docs/bijdragen/veelgemaakte-fouten.md: every example message is what validate prints."""
    import re

    page = (Path(__file__).parent.parent / "docs" / "bijdragen" / "veelgemaakte-fouten.md").read_text(encoding="utf-8")
    examples = re.findall(r"<!-- geval: ([\w-]+) -->\n```text\n(.+?)\n```", page)
    assert len(examples) >= 12
    by_name = {c["naam"]: c for c in CASES}
    for index, (name, shown) in enumerate(examples):
        data = tmp_path / str(index) / "data"
        copy_fixture_data(data)
        apply_case(by_name[name], data)
        _, report = validate(data, shown_root=data.parent)
        printed = [str(f).replace("\u00a0", " ") for f in report.errors]
        assert shown in printed, f"{name}: {shown!r} not in {printed}"


def test_missing_fields_give_one_message_each(project_copy):
    """Audit L10: a file with n missing required fields printed n² messages."""
    (project_copy / "data" / "maatregelen" / "M01.yml").write_text('id: M01\ntitel: "x"\n', encoding="utf-8")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    missing = [str(f) for f in report.errors if f.rule == "schema-required"]
    assert len(missing) == len(set(missing)) >= 10
