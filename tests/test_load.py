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
