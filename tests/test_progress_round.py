"""The progress round by spreadsheet: `actieplan uitvraag`, filled in as a person would, then `actieplan inlezen`.

The fixture plan gets one extra action (M02-A2 of the VNG, from July 2025), so
that the round of 31 December 2025 asks two organisations: CoMensha (M01-A1)
and the VNG (M02-A2). M01-A2 (afgerond) and M02-A1 (gestopt) are carried over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from macros.cli.commands import main
from macros.dev import progress_round
from macros.pipeline import load_plan, validate
from tests.helpers import build_site

PEILDATUM = "2025-12-31"
EXTRA_ACTION = """  - id: M02-A2
    titel: Afspraken over opvang maken
    actiehouder: VNG
    start: 2025-07
    eind: 2026-12
    status: lopend
    illustratief: true
"""


@pytest.fixture(name="round_dir")
def fixture_round_dir(project_copy: Path) -> Path:
    """The fixture plan with M02-A2, and the workbooks of the round in ``uitvraag/``."""
    measure = project_copy / "data" / "maatregelen" / "M02.yml"
    measure.write_text(measure.read_text(encoding="utf-8") + EXTRA_ACTION, encoding="utf-8")
    code = main(
        ["uitvraag", "--peildatum", PEILDATUM, str(project_copy / "uitvraag"), "--data", str(project_copy / "data")]
    )
    assert code == 0
    return project_copy


def book_of(folder: Path, owner: str) -> Path:
    return folder / "uitvraag" / f"voortgang-{PEILDATUM}-{owner}.xlsx"


def fill(path: Path, cells: dict[str, object], save_as: Path | None = None) -> Path:
    """Type values into the sheet 'Acties', as a person would, and save."""
    book = load_workbook(path)
    sheet = book["Acties"]
    for cell, value in cells.items():
        sheet[cell] = value
    target = save_as or path
    book.save(target)
    return target


def read_back(folder: Path, *books: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["inlezen", *map(str, books), "--data", str(folder / "data"), "--illustratief"])
    out, err = capsys.readouterr()
    return code, out, err


def written(folder: Path) -> Path:
    return folder / "data" / "voortgang" / f"{PEILDATUM}.yml"


def test_columns_come_from_the_schema(monkeypatch):
    headers = [c.header for c in progress_round.answer_columns()]
    assert headers == ["status", "vertrouwen", "knelpunten 1", "knelpunten 2", "knelpunten 3", "toelichting", "bewijs"]
    entry = progress_round._entry_schema()
    entry["properties"]["prioriteit"] = {"enum": ["hoog", "laag"], "description": "Nieuw veld."}
    monkeypatch.setattr(progress_round, "_entry_schema", lambda: entry)
    added = progress_round.answer_columns()[-1]
    assert (added.header, added.choices, added.shape) == ("prioriteit", ("hoog", "laag"), "choice")


def test_workbook_per_owner_with_dropdowns_and_locked_ids(round_dir):
    assert sorted(p.name for p in (round_dir / "uitvraag").iterdir()) == [
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx",
        f"voortgang-{PEILDATUM}-VNG.xlsx",
    ]
    book = load_workbook(book_of(round_dir, "COMENSHA"))
    assert book.sheetnames == ["Uitleg", "Acties"]
    guide = "\n".join(str(c.value) for c in book["Uitleg"]["A"] if c.value)
    assert "Laat de rij dan leeg" in guide and "Kies uit: op koers, risico, ernstig risico" in guide
    sheet = book["Acties"]
    assert (sheet["B2"].value, sheet["B3"].value) == (PEILDATUM, "COMENSHA")
    assert [sheet.cell(row=6, column=i).value for i in range(1, 5)] == [
        "M01-A1",
        "Informatiepunt inrichten",
        "juni 2024",
        "lopend (peildatum 30 juni 2025)",
    ]
    assert sheet.max_row == 6
    assert sheet.protection.sheet
    assert sheet["A6"].protection.locked and sheet["B6"].protection.locked
    assert not sheet["E6"].protection.locked and not sheet["K6"].protection.locked
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["E6"] == '"gepland,lopend,vertraagd,afgerond,gestopt,niet-gerapporteerd"'
    assert lists["F6"] == '"op koers,risico,ernstig risico"'
    assert lists["G6"] == lists["I6"] == '"financiering,capaciteit,prioriteit,besluitvorming,afhankelijkheid,anders"'


def test_round_trip_writes_a_valid_report(round_dir, capsys):
    comensha = fill(
        book_of(round_dir, "COMENSHA"),
        {"E6": "Vertraagd", "F6": "risico", "G6": "capaciteit", "J6": "Er is minder personeel. Klaar in maart."},
    )
    vng = fill(book_of(round_dir, "VNG"), {})  # returned without an answer
    code, out, err = read_back(round_dir, comensha, vng, capsys=capsys)
    assert (code, err) == (0, "")
    assert "1 van de 2 acties beantwoord" in out
    assert "Vereniging van Nederlandse Gemeenten (VNG): 1 van de 1 acties" in out
    report = yaml.safe_load(written(round_dir).read_text(encoding="utf-8"))
    assert report["acties"] == [
        {
            "actie": "M01-A1",
            "status": "vertraagd",
            "vertrouwen": "risico",
            "knelpunten": ["capaciteit"],
            "toelichting": "Er is minder personeel. Klaar in maart.",
        },
        {"actie": "M01-A2", "status": "afgerond", "bewijs": ["https://example.org/eindverslag-m01-a2"]},
        {"actie": "M02-A1", "status": "gestopt", "toelichting": "Het overzicht gaat op in een landelijk overzicht."},
        {
            "actie": "M02-A2",
            "status": "niet-gerapporteerd",
            "toelichting": "Niet aangeleverd door Vereniging van Nederlandse Gemeenten voor de peildatum 31 december 2025.",
        },
    ]
    _, findings = validate(round_dir / "data")
    assert findings.ok, [str(f) for f in findings]
    plan, _ = load_plan(round_dir / "data")
    last = plan.progress_reports[-1].by_action["M01-A1"]
    assert (last.confidence, last.obstacles) == ("risico", ("capaciteit",))


@pytest.mark.slow
def test_round_trip_builds_the_site(round_dir, capsys, tmp_path):
    comensha = fill(book_of(round_dir, "COMENSHA"), {"E6": "lopend", "F6": "op koers"})
    assert read_back(round_dir, comensha, capsys=capsys)[0] == 0
    site = build_site(tmp_path / "site", round_dir / "data")
    assert (site / "voortgang" / PEILDATUM / "index.html").is_file()


# Mistakes an actiehouder makes, each with the message they see; nothing is written.
# A missing value is reported at the column to fill in, with advice in the words of a spreadsheet.
MISTAKES = [
    (
        "verkeerd-statuswoord",
        {"E6": "klaar"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom E (status): 'klaar' is geen toegestane waarde",
    ),
    (
        "toelichting-ontbreekt",
        {"E6": "vertraagd", "G6": "capaciteit"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom J (toelichting): "
        "de status 'vertraagd' heeft een toelichting nodig — vul de kolom 'toelichting' in",
    ),
    (
        "knelpunten-ontbreken",
        {"E6": "lopend", "F6": "ernstig risico", "J6": "Het geld is op."},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom G (knelpunten): "
        "bij vertrouwen 'ernstig risico' horen knelpunten — vul de kolom 'knelpunten' in",
    ),
    (
        "afgerond-zonder-bewijs",
        {"E6": "afgerond"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom K (bewijs): "
        "bij de status 'afgerond' hoort bewijs — vul de kolom 'bewijs' in",
    ),
    (
        "anders-zonder-toelichting",
        {"E6": "lopend", "F6": "op koers", "H6": "anders"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom J (toelichting): "
        "bij het knelpunt 'anders' hoort een toelichting",
    ),
    (
        "onbekend-knelpunt",
        {"E6": "vertraagd", "G6": "geld", "J6": "Het geld is op."},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 6, kolom G (knelpunten): "
        "'geld' is geen toegestane waarde",
    ),
    (
        "onbekende-actie",
        {"A7": "M01-A9", "E7": "lopend"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 7, kolom A (actie): onbekende actie 'M01-A9' — bedoelt u",
    ),
    (
        "actie-van-een-ander",
        {"A7": "M02-A2", "E7": "lopend"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 7, kolom A (actie): "
        "actie M02-A2 is van Vereniging van Nederlandse Gemeenten (VNG), niet van COMENSHA",
    ),
    (
        "rij-toegevoegd-zonder-actie",
        {"E7": "lopend"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 7, kolom A (actie): "
        "deze rij heeft antwoorden maar geen actie",
    ),
    (
        "rij-verwijderd",
        {"A6": None, "B6": None, "C6": None, "D6": None},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties': de rij van actie M01-A1 ontbreekt",
    ),
    (
        "andere-peildatum",
        {"B2": "2025-06-30"},
        f"voortgang-{PEILDATUM}-COMENSHA.xlsx: blad 'Acties', rij 2, kolom B (peildatum): "
        "deze werkmap is voor peildatum 2025-06-30, niet voor 2025-12-31",
    ),
]


@pytest.mark.parametrize(("cells", "message"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_mistakes_are_named_by_file_sheet_row_and_column(round_dir, capsys, cells, message):
    book = fill(book_of(round_dir, "COMENSHA"), cells)
    code, _, err = read_back(round_dir, book, book_of(round_dir, "VNG"), capsys=capsys)
    assert code == 1
    assert message in err, err
    assert "er is niets geschreven" in err
    assert not written(round_dir).exists()


def test_peildatum_of_the_command_is_checked(round_dir, capsys):
    code = main(
        ["inlezen", str(book_of(round_dir, "VNG")), "--peildatum", "2026-06-30", "--data", str(round_dir / "data")]
    )
    assert code == 1
    assert "deze werkmap is voor peildatum 2025-12-31, niet voor 2026-06-30" in capsys.readouterr().err


def test_a_report_that_exists_is_not_overwritten(round_dir, capsys):
    assert read_back(round_dir, book_of(round_dir, "VNG"), capsys=capsys)[0] == 0
    before = written(round_dir).read_bytes()
    code, _, err = read_back(round_dir, book_of(round_dir, "VNG"), capsys=capsys)
    assert code == 1 and "er is al een rapportage met deze peildatum" in err
    assert written(round_dir).read_bytes() == before


def test_not_a_workbook(round_dir, capsys, tmp_path):
    bad = tmp_path / "antwoord.xlsx"
    bad.write_text("geen werkmap", encoding="utf-8")
    code, _, err = read_back(round_dir, bad, capsys=capsys)
    assert code == 1 and "antwoord.xlsx: (bestand): dit bestand is geen Excel-werkmap (.xlsx)" in err
