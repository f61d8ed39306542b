"""The YAML loader: positions, and refusing what PyYAML would lose or expand."""

from __future__ import annotations

import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from macros.data.load import MAX_FILE_BYTES, load_document


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_document(path, "data/x.yml")


def test_keeps_lines_of_keys_and_items(tmp_path):
    doc, findings = load(tmp_path, "a: 1\nlijst:\n  - id: X\n    naam: Y\n  - id: Z\n")
    assert findings == []
    assert doc.line(("a",)) == 1
    assert doc.line(("lijst", 0)) == 3
    assert doc.line(("lijst", 1, "id")) == 5
    # A path that does not exist falls back to its nearest ancestor.
    assert doc.line(("lijst", 1, "ontbreekt")) == 5


def test_dates_stay_text_and_decimals_are_exact(tmp_path):
    doc, _ = load(tmp_path, "datum: 2022-10-05\nmaand: 2023-04\nbedrag: 1250.10\naantal: 80\n")
    assert doc.data == {"datum": "2022-10-05", "maand": "2023-04", "bedrag": Decimal("1250.10"), "aantal": 80}


def test_only_true_and_false_are_booleans(tmp_path):
    doc, _ = load(tmp_path, "a: true\nb: False\nc: ja\nd: no\ne: on\n")
    assert doc.data == {"a": True, "b": False, "c": "ja", "d": "no", "e": "on"}


def test_duplicate_key_is_refused_with_both_lines(tmp_path):
    doc, findings = load(tmp_path, "titel: A\nstatus: lopend\nstatus: gepland\n")
    assert [f.rule for f in findings] == ["dubbele-sleutel"]
    assert findings[0].line == 3
    assert "regel 2 en regel 3" in findings[0].message
    assert doc.data["status"] == "lopend"


def test_billion_laughs_is_refused_quickly_with_bounded_memory(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j")):
        prev = chr(i - 1)
        lines.append(f"{chr(i)}: &{chr(i)} [{','.join(['*' + prev] * 9)}]")
    tracemalloc.start()
    started = time.perf_counter()
    doc, findings = load(tmp_path, "\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc is None
    assert findings[0].rule == "alias"
    assert elapsed < 1.0
    assert peak < 20_000_000


def test_oversized_file_is_refused_before_parsing(tmp_path):
    started = time.perf_counter()
    doc, findings = load(tmp_path, "tekst: " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    assert doc is None
    assert findings[0].rule == "bestand-te-groot"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("content", "rule", "line"),
    [
        (b"\xef\xbb\xbfa: 1\n", "bom", 1),
        ("a: 1\nb: café\n".encode("latin-1"), "geen-utf8", 2),
        ("a:\n\tb: 1\n", "tab", 2),
        ("# alleen commentaar\n\n", "leeg-bestand", 0),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 2),
    ],
)
def test_unreadable_files_give_one_finding(tmp_path, content, rule, line):
    doc, findings = load(tmp_path, content)
    assert doc is None
    assert [(f.rule, f.line) for f in findings] == [(rule, line)]
    assert findings[0].hint


def test_a_memo_keeps_unchanged_files_and_reads_a_changed_one_again(tmp_path):
    """macros.data.catalog.FileMemo (under serve): same bytes, same document; other bytes, a new reading."""
    from macros.data.catalog import FileMemo, read_catalog
    from macros.data.schema import load_schemas
    from tests.helpers import copy_fixture_data

    data = copy_fixture_data(tmp_path / "data")
    memo = FileMemo()
    first, findings = read_catalog(data, load_schemas(), memo=memo)
    assert not findings and memo.results
    target = first.measure_docs[0]
    path = data / "maatregelen" / Path(target.file).name
    path.write_text(path.read_text(encoding="utf-8").replace("titel: ", "titel: Anders ", 1), encoding="utf-8")
    second, findings = read_catalog(data, load_schemas(), memo=memo)
    assert not findings
    assert second.measure_docs[0] is not target and second.measure_docs[0].data["titel"].startswith("Anders ")
    assert all(a is b for a, b in zip(first.measure_docs[1:], second.measure_docs[1:], strict=True))
    assert len(memo.results) == len(first.measure_docs) + len(first.docs) + len(first.progress_docs)
