"""The repository's own files: workflows, issue forms, labels, pull-request template and CODEOWNERS."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros.cli import main
from macros.outputs.codeowners import PROGRAMME_PATHS, render_codeowners
from macros.pipeline import load_plan
from macros.site.settings import ERROR_FORM, REACTION_FORM
from tests.helpers import FIXTURE_DATA, ROOT, copy_fixture_data, edit

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key "on" as True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict(on)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


# --- workflows -------------------------------------------------------------------


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "pr-commentaar.yml", "labels.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_parses_and_never_uses_pull_request_target(path):
    workflow = load(path)
    assert workflow["name"] and workflow["jobs"]
    assert "pull_request_target" not in triggers(workflow)
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_permissions_are_minimal(path):
    workflow = load(path)
    assert "permissions" in workflow, "set permissions at the top, so nothing gets the broad default"
    assert workflow["permissions"] in ({}, {"contents": "read"})
    text = path.read_text(encoding="utf-8")
    assert "write-all" not in text and "read-all" not in text
    for job in workflow["jobs"].values():
        for scope, level in (job.get("permissions") or {}).items():
            assert level in ("read", "write", "none"), scope


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_and_scripts_take_context_through_env(path):
    workflow = load(path)
    for step in steps(workflow):
        if "uses" in step:
            # A tag can be moved to other code; a commit cannot (tests/test_workflows.py checks the comments).
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        if "run" in step:
            # ${{ }} inside a script would let a branch name or title inject shell code.
            assert "${{" not in step["run"], f"{path.name}: {step.get('name')}"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_pull_request_workflow_checks_builds_and_uploads_only_the_number_for_the_comment():
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    for command in ("make validate", ".ci/run", "make build", "actieplan codeowners --check"):
        assert command in runs, command
    # The diff is computed by pr-commentaar.yml with main's code (tests/test_workflows.py).
    assert "actieplan diff" not in runs
    uploads = [step["with"] for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["name"] for u in uploads} == {"site-voorbeeld", "pr-nummer", "schermafdrukken"}
    assert any(u["path"] == "site/" for u in uploads)
    # The screenshots of tests/browser/test_layout.py, also when a test failed.
    screenshots = next(step for step in steps(workflow) if step.get("with", {}).get("name") == "schermafdrukken")
    assert screenshots["with"]["path"] == "tests/browser/screenshots/"
    assert screenshots["if"] == "always()"


def test_comment_workflow_never_runs_pull_request_code():
    workflow = load(GITHUB / "workflows" / "pr-commentaar.yml")
    assert set(triggers(workflow)) == {"workflow_run"}
    assert triggers(workflow)["workflow_run"]["workflows"] == [load(GITHUB / "workflows" / "pr.yml")["name"]]
    assert workflow["permissions"] == {}
    script = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "^[0-9]+$" in script, "the pull-request number from the artifact must be checked"
    assert "HEAD_SHA" in script


# --- issue forms, labels, templates ------------------------------------------------


def labels() -> set[str]:
    return {label["name"] for label in load(GITHUB / "labels.yml")}


def form_fields(name: str) -> dict[str, dict]:
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    return {item["id"]: item for item in form["body"] if "id" in item}


def test_labels_file_is_valid_and_covers_every_decision():
    entries = load(GITHUB / "labels.yml")
    for entry in entries:
        assert re.fullmatch(r"[0-9a-f]{6}", entry["color"]), entry
        assert entry["description"]
    assert len(labels()) == len(entries)
    schema = json.loads((ROOT / "data" / "schema" / "consultatie.schema.json").read_text(encoding="utf-8"))
    decisions = schema["properties"]["reacties"]["items"]["properties"]["besluit"]["enum"]
    assert {f"besluit: {d}" for d in decisions} <= labels()


@pytest.mark.parametrize(
    ("name", "prefilled"), [(REACTION_FORM, {"pagina", "versie", "ronde"}), (ERROR_FORM, {"pagina"})]
)
def test_issue_forms_have_the_fields_the_site_fills_in(name, prefilled):
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"]
    assert set(form["labels"]) <= labels()
    fields = form_fields(name)
    assert prefilled <= set(fields)
    for field_id in prefilled:
        # GitHub fills in only inputs and text areas from the link.
        assert fields[field_id]["type"] in ("input", "textarea")


def test_reaction_form_asks_what_a_reaction_needs():
    fields = form_fields(REACTION_FORM)
    assert {"pagina", "namens", "reactie", "voorstel", "vraag", "toestemming"} <= set(fields)
    assert fields["reactie"]["validations"]["required"] is True
    consent = fields["toestemming"]["attributes"]["options"][0]
    assert consent["required"] is True and "openbaar" in consent["label"]


def test_blank_issues_send_people_to_the_email_route():
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is False
    assert config["contact_links"][0]["url"].startswith(
        "https://samen-tegen-mensenhandel.github.io/actieplan/consultatie/"
    )


def test_pull_request_template_is_dutch():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for heading in ("## Wat verandert er?", "## Waarom?", "## Namens wie?", "## Hoort dit bij een consultatieronde?"):
        assert heading in text


def test_contributing_is_written_for_people_first():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    first_commands = text.find("make ")
    assert "actieplan-mensenhandel@example.org" in text
    assert text.find("e-mail") < first_commands, "the route without GitHub comes before any command"
    for topic in ("Wat gebeurt er met uw reactie", "Wie beslist", "Hoe snel"):
        assert topic in text


# --- CODEOWNERS --------------------------------------------------------------------


def test_committed_codeowners_matches_the_data(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ACTIEPLAN_DATA", raising=False)
    assert main(["codeowners", "--check"]) == 0, capsys.readouterr().err


def test_codeowners_gives_each_measure_its_lead_team_and_the_programme_team():
    plan, _ = load_plan(FIXTURE_DATA, shown_root=FIXTURE_DATA.parent)
    text = render_codeowners(plan)
    rules = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line and not line.startswith("#")}
    team = "@samen-tegen-mensenhandel/programmateam"
    assert rules["*"] == [team]
    for path in PROGRAMME_PATHS:
        assert rules[path] == [team]
    assert rules["/data/maatregelen/M01.yml"] == [team]  # lead JENV is the programme team itself
    assert rules["/data/maatregelen/M02.yml"] == [team]  # VNG has no team in the fixture
    assert list(rules).index("*") == 0, "GitHub uses the last match: the catch-all must come first"


def test_codeowners_check_catches_a_stale_file(tmp_path, monkeypatch, capsys):
    copy_fixture_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ACTIEPLAN_DATA", raising=False)
    assert main(["codeowners", "--check"]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert main(["codeowners"]) == 0
    assert main(["codeowners", "--check"]) == 0
    capsys.readouterr()
    # VNG gets a team: the committed file is now stale.
    orgs = tmp_path / "data" / "organisaties.yml"
    edit(
        orgs,
        "    rol: Vertegenwoordigt gemeenten.\n",
        '    rol: Vertegenwoordigt gemeenten.\n    github_team: "@samen-tegen-mensenhandel/vng"\n',
    )
    assert main(["codeowners", "--check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(".github/CODEOWNERS is verouderd — draai `actieplan codeowners` en commit het resultaat.")
    assert "+# M02: actiehouder VNG, kijkt mee: @samen-tegen-mensenhandel/vng" in err
    assert main(["codeowners"]) == 0
    assert main(["codeowners", "--check"]) == 0


def test_codeowners_refuses_invalid_data(tmp_path, monkeypatch, capsys):
    copy_fixture_data(tmp_path / "data")
    (tmp_path / "data" / "consultatie.yml").unlink()
    monkeypatch.chdir(tmp_path)
    assert main(["codeowners"]) == 1
    assert "data/consultatie.yml: (bestand): dit bestand ontbreekt" in capsys.readouterr().err
    assert not (tmp_path / ".github").exists()


def test_codeowners_enforces_the_rule_programme_team_approves_every_change():
    """CONTRIBUTING: the programme team approves every change to data/ and docs/. GitHub lets any one owner of a
    line approve, so the programme team must be the only owner of every line, and no line may name anyone else."""
    plan, _ = load_plan(ROOT / "data", shown_root=ROOT)
    team = plan.programme.github_team
    text = render_codeowners(plan)
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert rules[0] == ["*", team]
    assert all(owners == [team] for _, *owners in rules), [r for r in rules if r[1:] != [team]]
    # The lead organisations' teams are named only in comments (and asked for review by pr-commentaar.yml).
    leads = {plan.organisations[m.owner].github_team for m in plan.measures.values()} - {None, "", team}
    assert leads, "the real data has lead organisations with a team"
    for lead in leads:
        assert all(lead not in " ".join(rule) for rule in rules)
        assert f"kijkt mee: {lead}" in text


def test_review_is_asked_of_the_lead_teams_of_changed_measures():
    from macros.outputs.codeowners import review_teams

    plan, _ = load_plan(ROOT / "data", shown_root=ROOT)
    by_team = {m.id: plan.organisations[m.owner].github_team for m in plan.measures.values()}
    with_team = next(i for i, t in by_team.items() if t and t != plan.programme.github_team)
    programme_own = next(i for i, t in by_team.items() if t == plan.programme.github_team)
    assert review_teams([with_team], plan) == [by_team[with_team]]
    assert review_teams([programme_own, "M99"], plan, None) == []
