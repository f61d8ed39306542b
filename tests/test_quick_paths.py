"""The quick paths of validation give exactly what the full paths give.

``macros.data.load._quick_parse`` reads plain block YAML without PyYAML's node
tree, and ``macros.data.schema_fast`` says "certainly valid" without jsonschema.
Both may give up (then the full path runs), but when they answer, the answer
must be the full path's answer. These tests compare both on every data file
and on many generated variations, including broken ones.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data.catalog import FILE_KINDS, PROGRESS_SCHEMA
from macros.data.load import Document, _compose_full, _quick_parse, _Reject, load_document
from macros.data.schema import load_schemas
from macros.dev.generate import Size, generate, to_yaml
from tests.helpers import FIXTURE_DATA, ROOT

DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*.yml")) + sorted(FIXTURE_DATA.rglob("*.yml"))


def full(text: str) -> tuple[Any, dict] | None:
    """The full path: PyYAML's composer and our builder; None when it refuses the file."""
    findings: list = []
    try:
        doc = _compose_full(text, "x.yml", findings)
    except _Reject:
        return None
    if findings:
        return None
    return doc.data, doc.lines


def shape(value: Any) -> Any:
    """The value with the type of every leaf, so that 1, True and Decimal('1') differ."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    return (type(value).__name__, value)


def assert_same_or_gave_up(text: str) -> bool:
    """Quick gives up, or gives exactly what the full path gives. True when quick answered."""
    quick = _quick_parse(text)
    if quick is None:
        return False
    expected = full(text)
    assert expected is not None, f"quick path accepted a file the full path refuses:\n{text}"
    assert shape(quick[0]) == shape(expected[0]), text
    assert quick[1] == expected[1], text
    return True


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_quick_parse_matches_full_parse_on_every_data_file(path):
    assert_same_or_gave_up(path.read_text(encoding="utf-8"))


def test_quick_parse_is_taken_for_the_real_and_the_generated_data():
    # The measure files are what grows with the plan; other files may take the full way.
    real = sorted((ROOT / "data" / "maatregelen").glob("*.yml"))
    assert real and all(_quick_parse(p.read_text(encoding="utf-8")) is not None for p in real)
    files = generate(Size.proportional(30), seed=5)
    for relative, value in files.items():
        assert assert_same_or_gave_up(to_yaml(value, "schema/x.json")), relative


# Scalars that YAML 1.1 reads in surprising ways, and texts that need quotes.
TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "1_000",
    "0x1F",
    "0o17",
    "017",
    "1:30",
    "2023-04",
    "2022-10-05",
    "3.0",
    "1e3",
    "1.5e+3",
    ".inf",
    "-.inf",
    ".nan",
    "+12",
    "-7",
    "0",
    "12",
    "abc: def",
    "a #b",
    "a#b",
    "it's",
    'say "hi"',
    "C:\\pad",
    "eind:",
    "- x",
    "[a]",
    "{a}",
    "&x",
    "*x",
    "!t",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "€ 5",
    "émile",
    "naïef",
    "M01-A2",
    "PL1",
    "x,y",
    "a - b",
    "Kamerstuk 28 638 nr. 217",
    "https://voorbeeld.nl/a?b=c#d",
    "",
    " ",
    "trailing ",
    "tab\there",
    "ok",
]


def render_scalar(rng: random.Random, text: str | None) -> str:
    if text is None:
        return rng.choice(["null", "~", "", "Null"])
    style = rng.choice(["plain", "double", "single"])
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return text


def render(rng: random.Random, value: Any, indent: int, step: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if rng.random() < 0.1:
                out.append(pad + "# een opmerking")
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                out.extend(render(rng, item, indent + step, step))
            elif item == [] or item == {}:
                out.append(f"{pad}{key}: {'[]' if item == [] else '{}'}")
            elif item is None:
                out.append(f"{pad}{key}:")
            else:
                out.append(f"{pad}{key}: {render_scalar(rng, item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = render(rng, item, indent + 2, step)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}- []")
            else:
                out.append(f"{pad}- {render_scalar(rng, item)}")
    return out


scalars = st.sampled_from(TRICKY)
keys = st.sampled_from(["id", "titel", "status", "a", "b_c", "x-y", "jaar", "acties", "true", "no", "2023"])
values = st.recursive(
    scalars | st.none(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, min_size=1, max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents, seed=st.integers(0, 10_000), step=st.sampled_from([2, 4]))
def test_quick_parse_matches_on_generated_documents(document, seed, step):
    rng = random.Random(seed)
    text = "\n".join(["# yaml-language-server: $schema=x", *render(rng, document, 0, step)]) + "\n"
    assert_same_or_gave_up(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 1_000_000))
def test_quick_parse_matches_on_damaged_files(seed):
    """Random damage to a valid measure file: an extra space, a lost character, a stray ':', '#', '-' or quote."""
    rng = random.Random(seed)
    files = generate(Size.proportional(3), seed=seed % 7)
    text = to_yaml(files["maatregelen/M01.yml"], "../schema/maatregel.schema.json", spaced=False)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text))
        change = rng.choice(["insert", "delete", "replace"])
        char = rng.choice([" ", ":", "#", "-", '"', "'", "\n", "x", "  ", ": ", " #", "- ", "[", "&", "\t"])
        if change == "insert":
            text = text[:at] + char + text[at:]
        elif change == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    assert_same_or_gave_up(text)


# --- The schema pre-check ----------------------------------------------------

SCHEMA_OF = FILE_KINDS


def schema_for(relative: str) -> str:
    if relative.startswith("maatregelen/"):
        return "maatregel.schema.json"
    if relative.startswith("voortgang/"):
        return PROGRESS_SCHEMA
    return SCHEMA_OF[relative]


def errors_of(data: Any, schema_name: str) -> list:
    schemas = load_schemas()
    return list(schemas.validator(schema_name).iter_errors(data))


def test_schema_precheck_says_valid_for_the_real_and_generated_data():
    schemas = load_schemas()
    for path in (ROOT / "data").rglob("*.yml"):
        relative = path.relative_to(ROOT / "data").as_posix()
        if relative.startswith("snapshots/"):
            relative = relative.split("/", 2)[2]  # a snapshot holds the same kinds of files
        data = load_document(path, relative)[0].data
        assert schemas.certainly_valid(data, schema_for(relative)), relative
    for relative, value in generate(Size.proportional(20), seed=2).items():
        assert schemas.certainly_valid(value, schema_for(relative)), relative


REPLACEMENTS = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2.5,
    3.0,
    "",
    " ",
    "x",
    "M01",
    "ORG001",
    "2023-04",
    "gepland",
    [],
    ["x"],
    ["x", "x"],
    [1],
    {},
    {"id": "x"},
]


def mutate(rng: random.Random, value: Any) -> Any:
    """One random change somewhere in ``value``: replace, delete or add a field or item."""
    if isinstance(value, dict) and value and rng.random() < 0.7:
        key = rng.choice(list(value))
        copy = dict(value)
        roll = rng.random()
        if roll < 0.15:
            del copy[key]
        elif roll < 0.25:
            copy[rng.choice(["extra", "titel", "idd"])] = rng.choice(REPLACEMENTS)
        elif roll < 0.5:
            copy[key] = rng.choice(REPLACEMENTS)
        else:
            copy[key] = mutate(rng, value[key])
        return copy
    if isinstance(value, list) and value and rng.random() < 0.7:
        index = rng.randrange(len(value))
        copy = list(value)
        roll = rng.random()
        if roll < 0.2:
            del copy[index]
        elif roll < 0.3:
            copy.append(rng.choice(copy))
        elif roll < 0.5:
            copy[index] = rng.choice(REPLACEMENTS)
        else:
            copy[index] = mutate(rng, value[index])
        return copy
    return rng.choice(REPLACEMENTS)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 1_000_000))
def test_schema_precheck_never_says_valid_when_jsonschema_finds_an_error(seed):
    rng = random.Random(seed)
    files = generate(Size.proportional(4), seed=seed % 5)
    relative = rng.choice(sorted(files))
    value = files[relative]
    for _ in range(rng.randint(1, 3)):
        value = mutate(rng, value)
    name = schema_for(relative)
    if load_schemas().certainly_valid(value, name):
        assert errors_of(value, name) == [], (relative, value)


def test_unknown_keywords_make_the_precheck_give_up():
    from macros.data.schema_fast import compile_schemas

    checks = compile_schemas(
        {
            "a.json": {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
            "b.json": {"$ref": "c.json#/$defs/missing"},
            "c.json": {"$defs": {"t": {"type": "string", "minLength": 2}}},
            "d.json": {"$ref": "c.json#/$defs/t"},
        }
    )
    assert checks["a.json"]({}) is False
    assert checks["b.json"]("abc") is False
    assert checks["d.json"]("abc") is True
    assert checks["d.json"]("a") is False


def test_document_from_quick_path_reports_lines_like_the_full_path(tmp_path):
    text = "a: 1\nlijst:\n  - id: X\n    naam: Y\n  - id: Z\n"
    data, _lines = _quick_parse(text)
    doc = Document("x.yml", data, text=text)
    assert doc.line(("lijst", 1, "id")) == 5
    assert doc.line(("lijst", 1, "ontbreekt")) == 5
