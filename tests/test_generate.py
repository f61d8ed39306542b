"""``actieplan genereer``: generated plans are valid, complete and the same for the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main
from macros.data.load import load_document
from macros.dev.generate import KINDS, Size, generate, write_plan
from macros.pipeline import load_plan, validate


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("seed", [1, 42])
def test_generated_plan_is_valid_without_any_finding(tmp_path, seed):
    write_plan(tmp_path / "data", Size.proportional(40), seed)
    _, report = validate(tmp_path / "data")
    assert report.findings == []


def test_same_seed_gives_byte_identical_files_and_another_seed_differs(tmp_path):
    size = Size(25, 6, 9)
    write_plan(tmp_path / "a", size, 7)
    write_plan(tmp_path / "b", size, 7)
    write_plan(tmp_path / "c", size, 8)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_size_is_as_asked_and_everything_is_illustrative(tmp_path):
    write_plan(tmp_path / "data", Size(12, 5, 9), 3)
    plan, _ = load_plan(tmp_path / "data")
    assert len(plan.measures) == 12
    assert len(plan.projects) == 5
    assert len(plan.organisations) == 9
    assert len(plan.actions) >= 12
    records = [
        *plan.measures.values(),
        *plan.actions.values(),
        *plan.projects.values(),
        *plan.organisations.values(),
        *plan.goals.values(),
        *plan.problems.values(),
    ]
    assert all(r.provenance.illustrative for r in records)
    # Files are named after the measure id, and every goal is served.
    assert sorted(p.stem for p in (tmp_path / "data" / "maatregelen").glob("*.yml")) == sorted(plan.measures)
    assert set(plan.goals) == set(plan.measures_by_goal)
    # Money stays within the budget lines in every year.
    assert all(plan.allocated_in(year) <= plan.available_in(year) for year in plan.budget_years)


def test_files_start_with_the_schema_modeline_like_data(tmp_path):
    write_plan(tmp_path / "data", Size.proportional(3), 1)
    assert (
        (tmp_path / "data" / "organisaties.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/organisaties.schema.json\n")
    )
    assert (
        (tmp_path / "data" / "maatregelen" / "M01.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/maatregel.schema.json\n")
    )
    assert (tmp_path / "data" / "schema" / "maatregel.schema.json").is_file()


def test_adding_a_kind_leaves_the_other_files_unchanged(monkeypatch):
    before = generate(Size.proportional(10), 4)
    monkeypatch.setitem(KINDS, "extra", lambda draft: {"extra.yml": {"waarde": draft.rng("extra").randint(1, 9)}})
    after = generate(Size.proportional(10), 4)
    assert {k: v for k, v in after.items() if k != "extra.yml"} == before
    assert "extra.yml" in after


def test_large_ids_keep_their_shape(tmp_path):
    files = generate(Size(1000, 100, 100), 1)
    assert "maatregelen/M0001.yml" in files and "maatregelen/M1000.yml" in files
    assert files["maatregelen/M0001.yml"]["acties"][0]["id"] == "M0001-A1"


def test_cli_writes_a_plan_and_refuses_a_folder_in_use(tmp_path, capsys):
    target = tmp_path / "gegenereerd"
    assert main(["genereer", "--maatregelen", "6", "--seed", "2", str(target)]) == 0
    assert "6 maatregelen" in capsys.readouterr().out
    doc, findings = load_document(target / "maatregelen" / "M01.yml", "M01.yml")
    assert findings == [] and doc.data["illustratief"] is True
    assert main(["validate", str(target)]) == 0
    capsys.readouterr()
    assert main(["genereer", "--maatregelen", "6", str(target)]) == 2
    assert "bestaat al en is niet leeg" in capsys.readouterr().err


def test_cli_refuses_a_size_below_one(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["genereer", "--maatregelen", "0", str(tmp_path / "x")])
    assert stopped.value.code == 2
    assert "te klein" in capsys.readouterr().err


def test_genereer_refuses_sizes_above_the_limits_of_the_kinds(tmp_path, capsys):
    """Audit L12: genereer accepted 99,999 measures and wrote a plan that did not validate."""
    assert main(["genereer", "--maatregelen", "5001", str(tmp_path / "x")]) == 2
    assert "--maatregelen mag hooguit 5000 zijn" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert Size(5000, 1001, 10).problems() == ["--projecten mag hooguit 1000 zijn: een groter plan is niet geldig"]


@pytest.mark.slow
def test_plan_at_the_limit_is_valid(tmp_path):
    """The largest plan genereer makes (5,000 measures) validates: every file stays under 1 MB."""
    write_plan(tmp_path / "data", Size.proportional(5000), seed=1)
    _, report = validate(tmp_path / "data")
    assert report.ok, [str(f) for f in report.errors[:5]]


def test_a_plan_beyond_the_limit_gets_one_message(tmp_path, monkeypatch):
    """Rule "omvang": one message at the first record beyond the limit, with the count."""
    import dataclasses

    from macros.model.kinds import KINDS as RECORD_KINDS

    monkeypatch.setitem(RECORD_KINDS, "maatregel", dataclasses.replace(RECORD_KINDS["maatregel"], max_records=3))
    write_plan(tmp_path / "data", Size.proportional(5), seed=1)
    _, report = validate(tmp_path / "data", shown_root=tmp_path)
    assert [str(f) for f in report.errors if f.rule == "omvang"] == [
        "data/maatregelen/M04.yml:1: (bestand): het plan heeft 5 maatregelen; de grens is 3 — zo'n groot plan past "
        "niet in één site (geheugen bij het bouwen, 1 GB bij GitHub Pages); voeg records samen of overleg met het programmateam"
    ]
