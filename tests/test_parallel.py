"""Reading on every core gives exactly what reading in one process gives."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from macros.data import parallel
from macros.data.catalog import read_catalog
from macros.data.parallel import map_ordered
from macros.data.schema import load_schemas
from macros.dev.generate import Size, write_plan

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or parallel.available_cores() < 2, reason="needs fork and two cores"
)


@pytest.fixture
def forking(monkeypatch):
    """The session's browser runs a thread, so map_ordered would not fork; the
    work in these tests takes no lock, so forking is safe here."""
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)


def test_small_inputs_stay_in_this_process():
    assert map_ordered(lambda _: os.getpid(), range(10), min_items=100, workers=2) == [os.getpid()] * 10


@needs_fork
def test_results_come_in_order_from_other_processes(forking):
    items = list(range(1000))
    results = map_ordered(lambda n: (n * n, os.getpid()), items, min_items=0, workers=2)
    assert [value for value, _ in results] == [n * n for n in items]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2


@needs_fork
def test_a_failing_child_is_redone_here_with_the_same_answer(forking):
    parent = os.getpid()

    def only_here(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("a child that dies")
        return n + 1

    assert map_ordered(only_here, list(range(100)), min_items=0, workers=2) == list(range(1, 101))


@needs_fork
def test_an_error_in_the_work_itself_surfaces_here(forking):
    def broken(n: int) -> int:
        if n == 90:
            raise ValueError("item 90")
        return n

    with pytest.raises(ValueError, match="item 90"):
        map_ordered(broken, list(range(100)), min_items=0, workers=2)


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(map_ordered(lambda _: os.getpid(), range(50), min_items=0, workers=2)) == {os.getpid()}
    finally:
        stop.set()
        other.join()


def _damage(data: Path) -> None:
    """Mistakes in files that land in different parts of the split, of every reading stage."""
    measures = sorted((data / "maatregelen").glob("*.yml"))
    first, middle, last = measures[0], measures[len(measures) // 2], measures[-1]
    text = first.read_text(encoding="utf-8")
    assert "titel:" in text
    first.write_text(text.replace("titel:", "titl:", 1), encoding="utf-8")
    middle.write_text(middle.read_text(encoding="utf-8") + "id: dubbel\n", encoding="utf-8")
    last.write_bytes(b"id: \xff\n")
    (data / "maatregelen" / "zomaar.txt").write_text("x", encoding="utf-8")
    (data / "organisaties.yml").write_text("organisaties:\n\t- id: X\n", encoding="utf-8")


@needs_fork
def test_catalog_read_on_two_cores_equals_the_catalog_read_in_one(tmp_path, forking):
    data = tmp_path / "data"
    write_plan(data, Size.proportional(60), seed=3)
    _damage(data)
    schemas = load_schemas()
    alone, alone_findings = read_catalog(data, schemas, tmp_path, parallel_from=10**9)
    spread, spread_findings = read_catalog(data, schemas, tmp_path, parallel_from=0)
    assert spread_findings == alone_findings
    assert {"schema-additionalProperties", "dubbele-sleutel", "geen-utf8", "onbekend-bestand", "tab"} <= {
        f.rule for f in alone_findings
    }
    assert spread.valid == alone.valid
    assert spread.broken_measures == alone.broken_measures == 1
    assert [(d.file, d.data) for d in spread.measure_docs] == [(d.file, d.data) for d in alone.measure_docs]
    assert {k: d.data for k, d in spread.docs.items()} == {k: d.data for k, d in alone.docs.items()}
    # Lines are worked out on demand, the same in both.
    assert [d.lines for d in spread.measure_docs] == [d.lines for d in alone.measure_docs]
