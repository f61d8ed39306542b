"""`actieplan diff` on temporary git repositories: added, removed, changed and unchanged plans."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from macros.cli import main
from macros.history.diff import diff_plans, render_diff_markdown
from macros.model.records import PartialDate
from macros.pipeline import load_plan
from tests.helpers import FIXTURE_DATA, copy_fixture_data, edit

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return result.stdout.strip()


def commit(repo: Path, message: str, tag: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    if tag:
        git(repo, "tag", tag)


@pytest.fixture(name="repo")
def fixture_repo(tmp_path: Path) -> Path:
    """A git repository whose first commit (tag ``basis``) holds the fixture plan in data/."""
    repo = tmp_path / "repo"
    copy_fixture_data(repo / "data")
    (repo / "README.md").write_text("test\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "basis", tag="basis")
    return repo


def run_diff(capsys, repo: Path, *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args, "--repo", str(repo)])
    out, err = capsys.readouterr()
    return code, out, err


def diff_json(capsys, repo: Path, base: str = "basis", head: str = "HEAD") -> dict:
    code, out, err = run_diff(capsys, repo, base, head, "--formaat", "json")
    assert code == 0, err
    return json.loads(out)


def changes(result: dict) -> dict[tuple[str, str], dict]:
    return {(c["soort"], c["id"]): c for c in result["wijzigingen"]}


def test_unchanged_revisions_give_an_empty_diff(repo, capsys):
    (repo / "README.md").write_text("alleen tekst\n", encoding="utf-8")
    commit(repo, "tekst")
    result = diff_json(capsys, repo)
    assert result["leeg"] is True and result["wijzigingen"] == []
    assert result["basis"] == f"basis ({git(repo, 'rev-parse', '--short=7', 'basis')})"
    assert [y["jaar"] for y in result["begroting"]] == [2023, 2024]
    assert not any(y["gewijzigd"] for y in result["begroting"])
    code, out, _ = run_diff(capsys, repo, "basis", "HEAD")
    assert code == 0
    assert out.startswith("<!-- actieplan-diff -->\n## Wat verandert er in het plan\n")
    assert "Geen wijzigingen in maatregelen, acties, projecten, organisaties of de begroting." in out


def test_added_measure_and_its_actions(repo, capsys):
    # A new measure that starts after the last progress report (older reports need not list it).
    m03 = repo / "data/maatregelen/M03.yml"
    shutil.copy(repo / "data/maatregelen/M02.yml", m03)
    edit(m03, "id: M02\n", "id: M03\n")
    edit(m03, "M02-A", "M03-A")
    edit(m03, "titel: Regionaal overzicht van opvang", "titel: Nieuwe maatregel")
    edit(m03, "start: 2024-01", "start: 2026-01", times=2)  # the measure and its action
    edit(m03, "eind: 2024-12", "eind: 2026-12")
    commit(repo, "M03 erbij")
    result = diff_json(capsys, repo)
    found = changes(result)
    assert found[("maatregel", "M03")] == {
        "soort": "maatregel",
        "id": "M03",
        "titel": "Nieuwe maatregel",
        "wijziging": "toegevoegd",
        "velden": [],
    }
    assert found[("actie", "M03-A1")]["wijziging"] == "toegevoegd"
    assert set(found) == {("maatregel", "M03"), ("actie", "M03-A1")}
    assert result["samenvatting"]["maatregel"] == {"toegevoegd": 1, "verwijderd": 0, "gewijzigd": 0}


def test_removed_measure_changes_the_project_that_pointed_to_it(repo, capsys):
    (repo / "data/maatregelen/M02.yml").unlink()
    # Progress reports list M02's action; they are history the diff does not compare.
    shutil.rmtree(repo / "data/voortgang")
    edit(repo / "data/projecten.yml", "maatregelen: [M02]", "maatregelen: [M01]")
    edit(repo / "data/consultatie.yml", "over: M02-A1", "over: M01-A1")
    commit(repo, "M02 weg")
    found = changes(diff_json(capsys, repo))
    assert found[("maatregel", "M02")]["wijziging"] == "verwijderd"
    assert found[("maatregel", "M02")]["titel"] == "Regionaal overzicht van opvang"
    assert found[("actie", "M02-A1")]["wijziging"] == "verwijderd"
    assert found[("project", "PR02")]["velden"] == [{"veld": "maatregelen", "was": ["M02"], "wordt": ["M01"]}]


def test_changed_fields_owner_dates_status_amount_and_budget(repo, capsys):
    edit(repo / "data/maatregelen/M01.yml", "actiehouder: JENV\npartners", "actiehouder: VNG\npartners")
    edit(repo / "data/maatregelen/M01.yml", "status: lopend\nstart", "status: vertraagd\nstart")
    edit(repo / "data/maatregelen/M01.yml", "eind: 2025-12\nillustratief", "eind: 2026-06\nillustratief")
    edit(repo / "data/projecten.yml", "toegekend: 300000", "toegekend: 350000")
    edit(
        repo / "data/organisaties.yml",
        "naam: Vereniging van Nederlandse Gemeenten",
        "naam: VNG, de vereniging van gemeenten",
    )
    commit(repo, "wijzigingen")
    result = diff_json(capsys, repo)
    found = changes(result)
    assert found[("maatregel", "M01")]["velden"] == [
        {"veld": "actiehouder", "was": "JENV", "wordt": "VNG"},
        {"veld": "status", "was": "lopend", "wordt": "vertraagd"},
        {"veld": "eind", "was": "2025-12", "wordt": "2026-06"},
    ]
    assert found[("project", "PR01")]["velden"] == [{"veld": "budget 2024: toegekend", "was": 300000, "wordt": 350000}]
    assert found[("organisatie", "VNG")]["velden"] == [
        {"veld": "naam", "was": "Vereniging van Nederlandse Gemeenten", "wordt": "VNG, de vereniging van gemeenten"}
    ]
    budget = {y["jaar"]: y for y in result["begroting"]}
    assert budget[2024]["toegekend"] == {"was": 300000, "wordt": 350000} and budget[2024]["gewijzigd"]
    assert not budget[2023]["gewijzigd"]
    code, out, _ = run_diff(capsys, repo, "basis", "HEAD")
    assert code == 0
    assert "#### Gewijzigd: M01 Informatiepunt mensenhandel" in out
    assert "| actiehouder | JENV | VNG |" in out
    assert "| eind | december 2025 | juni 2026 |" in out
    assert "| budget 2024: toegekend | €\u00a0300.000 | €\u00a0350.000 |" in out
    assert (
        "| 2024 (gewijzigd) | €\u00a02.000.000 | €\u00a02.000.000 | €\u00a0300.000 | €\u00a0350.000 | €\u00a050.000 meer |"
        in out
    )


def test_data_folders_as_sides(repo, tmp_path, capsys):
    other = tmp_path / "ander" / "data"
    shutil.copytree(repo / "data", other)
    edit(other / "maatregelen/M02.yml", "status: gepland\nstart", "status: lopend\nstart")
    code, out, err = run_diff(capsys, repo, str(repo / "data"), str(other), "--formaat", "json")
    assert code == 0, err
    found = changes(json.loads(out))
    assert found[("maatregel", "M02")]["velden"] == [{"veld": "status", "was": "gepland", "wordt": "lopend"}]


def test_an_invalid_side_prints_dutch_findings_and_exits_1(repo, capsys):
    edit(repo / "data/maatregelen/M01.yml", "actiehouder: JENV\npartners", "actiehouder: JENVV\npartners")
    commit(repo, "tikfout")
    code, out, err = run_diff(capsys, repo, "basis", "HEAD")
    assert code == 1 and out == ""
    assert "(nieuw) zijn niet geldig" in err
    assert "data/maatregelen/M01.yml:9: actiehouder: onbekende organisatie 'JENVV' — bedoelt u 'JENV'?" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("side", "message"),
    [
        ("bestaat-niet", "basis: 'bestaat-niet' is geen map en geen git-revisie in"),
        ("leeg", "basis: in revisie leeg staat geen map data/"),
    ],
)
def test_bad_sides(repo, capsys, side, message):
    git(repo, "checkout", "-q", "--orphan", "leeg")
    shutil.rmtree(repo / "data")
    commit(repo, "zonder gegevens", tag=None)
    git(repo, "checkout", "-q", "-f", "main")
    code, _, err = run_diff(capsys, repo, side, "main")
    assert code == 1
    assert err.startswith(message)


def test_markdown_escapes_data(repo):
    plan, _ = load_plan(repo / "data")
    other = dataclasses_replace_title(plan, "M01", "Titel | met [link](https://voorbeeld.test) en @org/team")
    out = render_diff_markdown(diff_plans(plan, other, "a", "b"))
    line = next(line for line in out.splitlines() if line.startswith("| titel |"))
    assert line.count(" | ") == 2, line  # the pipe in the value did not add a column
    assert "\\[link\\]" in line and "](" not in line.replace("\\]", "")
    assert "@org" not in line and "@\u2060org/team" in line


def dataclasses_replace_title(plan, measure_id: str, title: str):
    measures = dict(plan.measures)
    measures[measure_id] = dataclasses.replace(measures[measure_id], title=title)
    return dataclasses.replace(plan, measures=measures)


def test_diff_plans_in_python():
    plan, _ = load_plan(FIXTURE_DATA)
    measure = plan.measures["M01"]
    later = dataclasses.replace(
        plan,
        measures={
            **plan.measures,
            "M01": dataclasses.replace(measure, end=PartialDate(2026, 6), partners=("COMENSHA", "VNG")),
        },
    )
    diff = diff_plans(plan, later)
    (change,) = diff.records
    assert (change.kind, change.id, change.change) == ("maatregel", "M01", "gewijzigd")
    partners = next(f for f in change.fields if f.field == "partners")
    assert partners.added == ("VNG",) and partners.removed == ()
    assert not any(y.changed for y in diff.budget)
    assert diff.budget[0].allocated_before == Decimal("1250000")


def test_a_link_out_of_the_data_folder_in_a_revision_is_one_dutch_line(repo, capsys):
    """Audit L3: the tar filter refused the link with a traceback (tarfile.AbsoluteLinkError)."""
    (repo / "data" / "maatregelen" / "M09.yml").symlink_to("/etc/passwd")
    commit(repo, "link naar buiten")
    code, _, err = run_diff(capsys, repo, "basis", "HEAD")
    assert code == 1
    assert (
        "nieuw: in revisie HEAD staat 'data/maatregelen/M09.yml', een koppeling of bestand buiten de map met gegevens"
        in err
    )
    assert "Traceback" not in err


def test_an_invalid_new_side_still_shows_what_changed_with_its_findings(repo, capsys):
    """``--ook-ongeldig`` (the pull-request comment): a removed measure is listed as removed, beside the references it leaves dangling."""
    (repo / "data/maatregelen/M02.yml").unlink()
    edit(repo / "data/maatregelen/M01.yml", "actiehouder: JENV\npartners", "actiehouder: JENVV\npartners")
    commit(repo, "weg en tikfout")
    code, out, err = run_diff(capsys, repo, "basis", "HEAD", "--ook-ongeldig")
    assert code == 0
    assert "(nieuw) zijn niet geldig" in err
    assert "**Let op: de gegevens in dit voorstel zijn niet in orde.**" in out
    assert "- Verwijderd: **M02**" in out
    findings = out.split("### Fouten in de gegevens", 1)[1]
    assert "- data/maatregelen/M01.yml:9: actiehouder: onbekende organisatie 'JENVV'" in findings
    assert "onbekende maatregel 'M02'" in findings
    assert "Traceback" not in out + err


def test_a_valid_new_side_with_ook_ongeldig_is_the_usual_diff(repo, capsys):
    code, plain, _ = run_diff(capsys, repo, "basis", "HEAD")
    again, lenient, _ = run_diff(capsys, repo, "basis", "HEAD", "--ook-ongeldig")
    assert code == again == 0 and plain == lenient
    assert "Fouten in de gegevens" not in lenient
