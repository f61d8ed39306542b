"""Data tests on the real data/ folder (model tests use tests/fixtures instead)."""

from __future__ import annotations

import pytest

from macros.pipeline import load_plan
from tests.helpers import ROOT


@pytest.fixture(scope="module", name="plan")
def fixture_plan():
    plan, report = load_plan(ROOT / "data", shown_root=ROOT)
    assert report.ok
    return plan


def test_shipped_data_validates_without_warnings():
    _plan, report = load_plan(ROOT / "data", shown_root=ROOT)
    assert report.findings == [], [str(f) for f in report.findings]


def test_sample_size(plan):
    assert len(plan.measures) >= 12
    assert len(plan.actions) >= 30
    assert len(plan.organisations) >= 15
    assert len(plan.projects) >= 10


def test_every_step_of_the_chain_is_filled(plan):
    assert len(plan.roundtables) == 4
    assert plan.anthology and all(t.perspectives for t in plan.anthology)
    assert plan.problems and plan.causes and plan.interventions and plan.goals
    assert set(plan.aims) == {"preventie", "zicht-op-slachtoffers", "zorg-voor-slachtoffers", "opsporing-en-vervolging"}
    assert {t.ogw_step for t in plan.roundtables} == {1, 2, 3, 4}


def test_roundtable_dates_follow_the_letter(plan):
    assert [t.date.iso for t in plan.roundtables] == ["2022-10-05", "2022-12-08", "2023-02-16", "2023-04"]


def test_structural_budget_from_2023(plan):
    structural = [b for b in plan.budget_lines.values() if b.structural]
    assert any(
        b.amount_per_year == 2_000_000 and b.start.isoformat() == "2023-01-01" and b.end is None for b in structural
    )
    assert set(plan.spending_categories) == {"lopend-afronden", "vervolg", "op-de-plank", "nieuw-initiatief"}


def test_invented_records_are_marked_illustrative(plan):
    for record in [*plan.measures.values(), *plan.actions.values(), *plan.projects.values()]:
        assert record.provenance.illustrative or record.provenance.source, record.id
    # We do not have the real plan's measures: all of them must carry the label.
    assert all(m.provenance.illustrative for m in plan.measures.values())
    assert all(p.provenance.illustrative for p in plan.projects.values())


def test_every_operational_goal_is_served(plan):
    assert set(plan.goals) == set(plan.measures_by_goal)


def test_every_data_file_points_editors_to_its_schema():
    import json

    from macros.data.catalog import FILE_KINDS, MEASURE_SCHEMA, PROGRESS_DIR, PROGRESS_SCHEMA

    expected = {name: f"schema/{schema}" for name, schema in FILE_KINDS.items()}
    expected.update(
        {f"maatregelen/{p.name}": f"../schema/{MEASURE_SCHEMA}" for p in (ROOT / "data" / "maatregelen").glob("*.yml")}
    )
    expected.update(
        {
            f"{PROGRESS_DIR}/{p.name}": f"../schema/{PROGRESS_SCHEMA}"
            for p in (ROOT / "data" / PROGRESS_DIR).glob("*.yml")
        }
    )
    for name, schema in expected.items():
        first = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}", name
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert set(settings) == {f"data/schema/{s}" for s in [*FILE_KINDS.values(), MEASURE_SCHEMA, PROGRESS_SCHEMA]}


def test_progress_reports_follow_the_real_progress_letters(plan):
    reports = plan.progress_reports
    assert len(reports) >= 2
    # The statuses are examples; the letters they sit next to are real (Kamerstuk 28 638 nr. 257 and nr. 259).
    assert all(r.provenance.illustrative for r in reports)
    papers = {r.paper: r.published.iso for r in reports if r.paper}
    assert papers == {"Kamerstuk 28 638 nr. 257": "2025-07-04", "Kamerstuk 28 638 nr. 259": "2025-12-15"}
    assert {r.reference_date.year for r in reports} >= {2024, 2025}


def test_progress_reports_show_every_kind_of_change(plan):
    from macros.model.progress import ChangeKind, compare_reports, status_history

    kinds = {
        c.kind
        for a, b in zip(plan.progress_reports, plan.progress_reports[1:], strict=False)
        for c in compare_reports(plan, a, b).changes
    }
    assert kinds == set(ChangeKind)
    statuses = {s.status for r in plan.progress_reports for s in r.statuses}
    assert statuses == {"gepland", "lopend", "vertraagd", "afgerond", "gestopt", "niet-gerapporteerd"}
    assert any(e.reversed and e.status.explanation for a in plan.actions for e in status_history(plan, a))
