"""The half-yearly progress round by spreadsheet: ask every actiehouder (uitvraag), read the answers back (inlezen).

``write_requests`` writes one ``.xlsx`` per actiehouder with the actions that
organisation must report on. ``read_answers`` reads the filled workbooks,
turns them into one progress report and runs the same validation as
``actieplan validate`` on a copy of the data folder; only when nothing is
wrong is ``data/voortgang/<peildatum>.yml`` written.

The answer columns come from the schema of a progress entry
(``voortgang.schema.json``, ``acties.items``): a field added there appears
in the next round's workbooks by itself. A list of choices becomes a
drop-down; a list of codes becomes a few drop-down columns; a list of text
becomes one column with one value per line.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from macros.data.catalog import PROGRESS_DIR, SNAPSHOT_DIR
from macros.data.findings import Finding, Report, did_you_mean
from macros.data.schema import SCHEMA_DIR
from macros.model.records import PartialDate, Plan
from macros.outputs.progress_file import (
    carried_entry,
    last_statuses,
    not_delivered_entry,
    progress_document,
    progress_text,
    round_actions,
)
from macros.pipeline import validate

__all__ = [
    "AnswerColumn",
    "RoundResult",
    "answer_columns",
    "read_answers",
    "write_requests",
]

#: The sheet with the actions, and the sheet with the instructions.
SHEET = "Acties"
GUIDE = "Uitleg"
#: Cells that say which round and which organisation a workbook belongs to.
PEILDATUM_CELL = "B2"
OWNER_CELL = "B3"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
#: The locked columns before the answers: what the action is and where it stood.
FIXED = (("actie", "Actie"), ("titel", "Titel"), ("eind", "Klaar in"), ("laatste_stand", "Laatste stand"))
#: How many drop-down columns a list of codes gets (knelpunten 1 .. 3).
CODE_COLUMNS = 3


@dataclasses.dataclass(frozen=True)
class AnswerColumn:
    """One answer column, made from one property of a progress entry in the schema."""

    field: str
    header: str
    description: str
    #: The allowed values (a drop-down), or () for free text.
    choices: tuple[str, ...] = ()
    #: ``text``, ``choice``, ``code`` (one of several columns of a list) or ``lines`` (a list of text).
    shape: str = "text"


def _entry_schema() -> dict[str, Any]:
    schema = json.loads((SCHEMA_DIR / "voortgang.schema.json").read_text(encoding="utf-8"))
    entry: dict[str, Any] = schema["properties"]["acties"]["items"]
    return entry


def answer_columns() -> tuple[AnswerColumn, ...]:
    """The answer columns, in the schema's order; ``actie`` is the locked id column, not an answer."""
    columns: list[AnswerColumn] = []
    for name, prop in _entry_schema()["properties"].items():
        if name == "actie":
            continue
        description = prop.get("description", "")
        if "enum" in prop:
            columns.append(AnswerColumn(name, name, description, tuple(prop["enum"]), "choice"))
        elif prop.get("type") == "array" and "enum" in prop.get("items", {}):
            codes = tuple(prop["items"]["enum"])
            for number in range(1, CODE_COLUMNS + 1):
                columns.append(AnswerColumn(name, f"{name} {number}", description, codes, "code"))
        elif prop.get("type") == "array":
            columns.append(AnswerColumn(name, name, description, (), "lines"))
        else:
            columns.append(AnswerColumn(name, name, description))
    return tuple(columns)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def write_requests(plan: Plan, peildatum: PartialDate, target: Path) -> list[Path]:
    """One workbook per actiehouder in ``target``; returns the files written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    target.mkdir(parents=True, exist_ok=True)
    asked, _ = round_actions(plan, peildatum)
    last = last_statuses(plan, peildatum)
    columns = answer_columns()
    written = []
    for owner, actions in asked.items():
        organisation = plan.organisations[owner]
        book = Workbook()
        guide = book.active
        guide.title = GUIDE
        _write_guide(guide, organisation.name, peildatum, columns, Font)
        sheet = book.create_sheet(SHEET)
        sheet["A1"] = f"Voortgang actieplan: {organisation.name}"
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"], sheet[PEILDATUM_CELL] = "Peildatum", peildatum.iso
        sheet["A3"], sheet[OWNER_CELL] = "Actiehouder", owner
        sheet["A4"] = "Vul alleen de gele kolommen in. Laat een rij leeg als u (nog) geen stand kunt geven."
        headers = [label for _, label in FIXED] + [c.header for c in columns]
        answer_fill = PatternFill("solid", fgColor="FFF4CC")
        for index, header in enumerate(headers, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row, action in enumerate(actions, start=FIRST_ROW):
            before = last.get(action.id)
            stand = f"{before[0].status} (peildatum {before[1].dutch})" if before else "nog geen stand"
            values = [action.id, action.title, action.end.dutch, stand]
            for index, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for index in range(len(FIXED) + 1, len(headers) + 1):
                cell = sheet.cell(row=row, column=index)
                cell.protection = Protection(locked=False)
                cell.fill = answer_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        last_row = FIRST_ROW + len(actions) - 1
        for offset, column in enumerate(columns):
            letter = _column_letter(len(FIXED) + 1 + offset)
            sheet.column_dimensions[letter].width = 40 if column.shape in ("text", "lines") else 18
            if not column.choices:
                continue
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Kies uit de lijst",
                error=f"Kies voor {column.field} een van: {', '.join(column.choices)}.",
            )
            sheet.add_data_validation(check)
            check.add(f"{letter}{FIRST_ROW}:{letter}{last_row}")
        for letter, width in zip("ABCD", (12, 45, 14, 28), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = f"C{FIRST_ROW}"
        # Ids, titles and the header are locked; only the answer cells are open.
        sheet.protection.sheet = True
        sheet.protection.formatCells = False
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        book.active = 1
        path = target / f"voortgang-{peildatum.iso}-{owner}.xlsx"
        book.save(path)
        written.append(path)
    return written


def _write_guide(sheet: Any, name: str, peildatum: PartialDate, columns: tuple[AnswerColumn, ...], font: Any) -> None:
    lines = [
        (f"Uitvraag voortgang actieplan, peildatum {peildatum.dutch}", True),
        (f"Voor: {name}", False),
        ("", False),
        ("Wat vragen we?", True),
        ("Op het blad 'Acties' staan de acties van uw organisatie. Geef per actie de stand op de peildatum.", False),
        ("U vult alleen de gele cellen in. Het id, de titel en de laatste stand staan vast.", False),
        (
            "Voeg geen rijen toe en haal geen rijen weg. Een actie die niet van u is, meldt u bij het programmateam.",
            False,
        ),
        ("Kunt u voor een actie (nog) geen stand geven? Laat de rij dan leeg.", False),
        ("Op de site staat dan 'niet aangeleverd' met de laatste bekende stand.", False),
        ("Acties die al afgerond of gestopt waren, staan er niet meer in. Die nemen we over.", False),
        ("", False),
        ("De kolommen", True),
    ]
    for column in columns:
        if column.shape == "code" and not column.header.endswith(" 1"):
            continue
        label = column.field if column.shape == "code" else column.header
        choices = f" Kies uit: {', '.join(column.choices)}." if column.choices else ""
        extra = " Eén waarde per kolom." if column.shape == "code" else ""
        extra += " Meer dan één? Zet elke waarde op een eigen regel in de cel." if column.shape == "lines" else ""
        lines.append((f"{label}: {column.description}{choices}{extra}", False))
    lines += [
        ("", False),
        ("Klaar?", True),
        ("Sla het bestand op (als .xlsx) en stuur het terug naar het programmateam.", False),
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        if bold:
            cell.font = font(bold=True, size=14 if row == 1 else 12)
    sheet.column_dimensions["A"].width = 120


# --- Reading the answers back -----------------------------------------------------------


@dataclasses.dataclass
class RoundResult:
    """What ``read_answers`` did: the report it wrote (or not), its findings and who did not answer."""

    report: Report
    written: Path | None = None
    #: Organisation id → (actions not answered, actions asked), for organisations that left rows empty.
    missing: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    answered: int = 0
    asked: int = 0


@dataclasses.dataclass(frozen=True)
class _Place:
    """Where an answer came from: file, row, and the column of each field."""

    file: str
    row: int
    columns: dict[str, str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def _finding(file: str, sheet: str, cell: str, field: str, message: str, hint: str, rule: str) -> Finding:
    """A finding shown as ``FILE: blad 'Acties', cel C7 (status): ...``."""
    column = re.sub(r"\d", "", cell)
    row = re.sub(r"\D", "", cell)
    where = f"blad '{sheet}', rij {row}, kolom {column}" if row else f"blad '{sheet}', kolom {column}"
    return Finding(file=file, line=0, path=f"{where} ({field})", message=message, hint=hint, rule=rule)


def read_answers(
    plan: Plan,
    data_dir: Path,
    files: list[Path],
    peildatum: PartialDate | None = None,
    title: str | None = None,
    illustrative: bool = False,
) -> RoundResult:
    """Read filled workbooks, validate them as a progress report, and write it when nothing is wrong."""
    from openpyxl import load_workbook

    report = Report()
    columns = answer_columns()
    expected_headers = [label for _, label in FIXED] + [c.header for c in columns]
    owners: dict[str, str] = {}
    rows: dict[str, tuple[dict[str, Any], _Place]] = {}
    #: The action ids that still have a row (answered or not) in each organisation's workbook.
    present: dict[str, set[str]] = {}
    dates: dict[str, str] = {}
    wanted = peildatum.iso if peildatum else _most_common_date(files)
    for path in files:
        shown = path.name
        try:
            book = load_workbook(path, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            report.add(
                Finding(
                    file=shown,
                    line=0,
                    message="dit bestand is geen Excel-werkmap (.xlsx)",
                    hint="sla het bestand op als .xlsx en lees het opnieuw in",
                    rule="uitvraag-bestand",
                )
            )
            continue
        if SHEET not in book.sheetnames:
            report.add(
                Finding(
                    file=shown,
                    line=0,
                    message=f"de werkmap heeft geen blad '{SHEET}'",
                    hint="gebruik de werkmap van de uitvraag en verander de namen van de bladen niet",
                    rule="uitvraag-bestand",
                )
            )
            continue
        sheet = book[SHEET]
        date_text = _text(sheet[PEILDATUM_CELL].value)
        owner = _text(sheet[OWNER_CELL].value)
        if date_text != wanted:
            report.add(
                _finding(
                    shown,
                    SHEET,
                    PEILDATUM_CELL,
                    "peildatum",
                    f"deze werkmap is voor peildatum {date_text or '(leeg)'}, niet voor {wanted}",
                    "gebruik de werkmap van deze uitvraag; vraag het programmateam om een nieuwe",
                    "uitvraag-peildatum",
                )
            )
            continue
        dates[shown] = date_text
        if owner not in plan.organisations:
            hint = did_you_mean(owner, plan.organisations) or "gebruik de werkmap van de uitvraag"
            report.add(
                _finding(
                    shown,
                    SHEET,
                    OWNER_CELL,
                    "actiehouder",
                    f"onbekende organisatie '{owner}'",
                    hint,
                    "uitvraag-organisatie",
                )
            )
            continue
        if owner in owners:
            report.add(
                _finding(
                    shown,
                    SHEET,
                    OWNER_CELL,
                    "actiehouder",
                    f"er is al een werkmap van {owner} ingelezen ({owners[owner]})",
                    "lees elke organisatie één keer in; voeg de antwoorden samen in één werkmap",
                    "uitvraag-organisatie",
                )
            )
            continue
        owners[owner] = shown
        headers = [_text(sheet.cell(row=HEADER_ROW, column=i).value) for i in range(1, len(expected_headers) + 1)]
        if headers != expected_headers:
            for index, (got, want) in enumerate(zip(headers, expected_headers, strict=True), start=1):
                if got != want:
                    report.add(
                        _finding(
                            shown,
                            SHEET,
                            f"{_column_letter(index)}{HEADER_ROW}",
                            want,
                            f"hier hoort de kolom '{want}', maar er staat '{got or '(leeg)'}'",
                            "verander de kolommen niet; gebruik de werkmap van de uitvraag",
                            "uitvraag-kolommen",
                        )
                    )
            continue
        for row in range(FIRST_ROW, sheet.max_row + 1):
            values = [_text(sheet.cell(row=row, column=i).value) for i in range(1, len(expected_headers) + 1)]
            action_id = values[0]
            if action_id:
                present.setdefault(owner, set()).add(action_id)
            if not any(values[len(FIXED) :]):
                # No answer: the action is "niet aangeleverd".
                continue
            place = _Place(shown, row, {})
            if not action_id:
                report.add(
                    _finding(
                        shown,
                        SHEET,
                        f"A{row}",
                        "actie",
                        "deze rij heeft antwoorden maar geen actie",
                        "voeg geen rijen toe; zet het antwoord in de rij van de actie",
                        "uitvraag-rij",
                    )
                )
                continue
            rows_key = action_id
            if rows_key in rows:
                report.add(
                    _finding(
                        shown,
                        SHEET,
                        f"A{row}",
                        "actie",
                        f"actie {action_id} staat twee keer in de antwoorden (ook in {rows[rows_key][1].file}, "
                        f"rij {rows[rows_key][1].row})",
                        "geef elke actie één rij",
                        "uitvraag-rij",
                    )
                )
                continue
            rows[rows_key] = (_answer(values[len(FIXED) :], columns, place), place)
            rows[rows_key][0]["_owner"] = owner

    peildatum_text = wanted if dates else None
    if peildatum_text is None:
        if report.ok:
            report.add(
                Finding(
                    file="(invoer)",
                    line=0,
                    message="er is geen werkmap ingelezen",
                    hint="geef de werkmappen van de uitvraag op",
                    rule="uitvraag-bestand",
                )
            )
        return RoundResult(report)
    reference = PartialDate.parse(peildatum_text)
    asked, carried = round_actions(plan, reference)
    expected_owner = {a.id: owner for owner, actions in asked.items() for a in actions}
    result = RoundResult(report)
    entries: list[dict[str, Any]] = []
    places: list[_Place | None] = []
    for action_id, (answer, place) in rows.items():
        owner = answer.pop("_owner")
        if action_id not in plan.actions:
            hint = did_you_mean(action_id, plan.actions) or "voeg geen rijen toe en verander het id niet"
            report.add(
                _finding(
                    place.file, SHEET, f"A{place.row}", "actie", f"onbekende actie '{action_id}'", hint, "uitvraag-rij"
                )
            )
        elif plan.actions[action_id].owner != owner:
            real = plan.actions[action_id].owner
            report.add(
                _finding(
                    place.file,
                    SHEET,
                    f"A{place.row}",
                    "actie",
                    f"actie {action_id} is van {plan.organisations[real].name} ({real}), niet van {owner}",
                    f"haal de rij weg; {real} geeft de stand van deze actie zelf",
                    "uitvraag-organisatie",
                )
            )
        elif action_id not in expected_owner:
            report.add(
                _finding(
                    place.file,
                    SHEET,
                    f"A{place.row}",
                    "actie",
                    f"actie {action_id} hoort niet in deze uitvraag (zij was al klaar of begint na de peildatum)",
                    "haal de rij weg",
                    "uitvraag-rij",
                )
            )
    for owner, actions in asked.items():
        not_answered = 0
        for action in actions:
            result.asked += 1
            found = rows.get(action.id)
            if owner in owners and found is None and action.id not in present.get(owner, set()):
                # The workbook of this owner was read but the action's row is gone.
                report.add(
                    Finding(
                        file=owners[owner],
                        line=0,
                        path=f"blad '{SHEET}'",
                        message=f"de rij van actie {action.id} ontbreekt",
                        hint="haal geen rijen weg; laat de rij leeg als u geen stand kunt geven",
                        rule="uitvraag-rij",
                    )
                )
                continue
            if found is None:
                not_answered += 1
                entries.append(not_delivered_entry(plan, action, reference))
                places.append(None)
            else:
                result.answered += 1
                entries.append({"actie": action.id, **found[0]})
                places.append(found[1])
        if not_answered:
            result.missing[owner] = (not_answered, len(actions))
    for status in carried:
        entries.append(carried_entry(status))
        places.append(None)
    if not report.ok:
        return result
    document = progress_document(plan, reference, entries, title=title, illustrative=illustrative)
    # The rows in the order of the file, so a finding about entry n finds its place.
    by_action = {entry["actie"]: place for entry, place in zip(entries, places, strict=True)}
    ordered_places = [by_action[entry["actie"]] for entry in document["acties"]]
    text = progress_text(document)
    target = data_dir / PROGRESS_DIR / f"{reference.iso}.yml"
    if target.exists():
        report.add(
            Finding(
                file=f"data/{PROGRESS_DIR}/{target.name}",
                line=0,
                message="er is al een rapportage met deze peildatum",
                hint="haal het bestand weg of kies een andere peildatum als u opnieuw wilt inlezen",
                rule="uitvraag-bestaat",
            )
        )
        return result
    checked = _validate_with(data_dir, target.name, text)
    for finding in checked.errors:
        report.add(_placed(finding, target.name, ordered_places, columns))
    if report.ok:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        result.written = target
    return result


def _most_common_date(files: list[Path]) -> str:
    """The peildatum most workbooks are for (the latest of equals): the round the others are checked against."""
    from openpyxl import load_workbook

    seen: dict[str, int] = {}
    for path in files:
        try:
            sheet = load_workbook(path, data_only=True)[SHEET]
        except Exception:  # reported when the file is read for its answers
            continue
        date = _text(sheet[PEILDATUM_CELL].value)
        seen[date] = seen.get(date, 0) + 1
    return max(sorted(seen, reverse=True), key=lambda d: seen[d], default="")


def _answer(values: list[str], columns: tuple[AnswerColumn, ...], place: _Place) -> dict[str, Any]:
    """One row's answers as a progress entry. Choices are compared without case; empty cells are left out."""
    entry: dict[str, Any] = {}
    for offset, (column, value) in enumerate(zip(columns, values, strict=True)):
        letter = _column_letter(len(FIXED) + 1 + offset)
        place.columns.setdefault(column.field, letter)
        if not value:
            continue
        if column.shape == "code":
            codes = entry.setdefault(column.field, [])
            if value.lower() not in codes:
                codes.append(value.lower())
                place.columns[f"{column.field}[{len(codes)}]"] = letter
        elif column.shape == "lines":
            entry[column.field] = [line.strip() for line in re.split(r"[\n;]", value) if line.strip()]
        elif column.shape == "choice":
            entry[column.field] = value.lower()
        else:
            entry[column.field] = value
    # The schema's order, so the YAML reads like the files written by hand.
    return {c: entry[c] for c in dict.fromkeys(c.field for c in columns) if c in entry}


def _validate_with(data_dir: Path, name: str, text: str) -> Report:
    """Validate a copy of ``data_dir`` with the new report in it (the data folder itself is not touched)."""
    with tempfile.TemporaryDirectory(prefix="actieplan-inlezen-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(SNAPSHOT_DIR, "schema"))
        snapshots = data_dir / SNAPSHOT_DIR
        if snapshots.is_dir():
            (copy / SNAPSHOT_DIR).symlink_to(snapshots.resolve(), target_is_directory=True)
        (copy / PROGRESS_DIR).mkdir(exist_ok=True)
        (copy / PROGRESS_DIR / name).write_text(text, encoding="utf-8")
        _, report = validate(copy, shown_root=Path(tmp))
    return report


_ENTRY_PATH = re.compile(r"^acties\[(\d+)\](?:\.(\w+)(\[\d+\])?)?")


#: Rules that ask for a value in another column than the one they read: the column to fill in.
_ASKS_FOR = {
    "voortgang-toelichting": "toelichting",
    "voortgang-vertrouwen": "toelichting",
    "voortgang-teruggang": "toelichting",
    "voortgang-bewijs": "bewijs",
}
_ADD_KEY = re.compile(r"voeg '(\w+):' toe")


def _for_sheets(hint: str) -> str:
    """Advice in the words of a spreadsheet: "vul de kolom 'toelichting' in" instead of "voeg 'toelichting:' toe"."""
    return _ADD_KEY.sub(lambda m: f"vul de kolom '{m.group(1)}' in", hint)


def _placed(finding: Finding, name: str, places: list[_Place | None], columns: tuple[AnswerColumn, ...]) -> Finding:
    """A finding about the new report, moved to the file, sheet, row and column the value came from.

    A finding that asks for a missing value points at the column to fill in
    (a delay without explanation: the column toelichting).
    """
    match = _ENTRY_PATH.match(finding.path)
    if not finding.file.endswith(f"{PROGRESS_DIR}/{name}") or not match:
        return finding
    place = places[int(match.group(1)) - 1]
    if place is None:
        return finding
    field = match.group(2) or "actie"
    if finding.rule in _ASKS_FOR:
        field = _ASKS_FOR[finding.rule]
    elif finding.rule == "voortgang-knelpunten":
        field = "toelichting" if field == "knelpunten" else "knelpunten"
    letter = place.columns.get(field + (match.group(3) or ""), place.columns.get(field, "A"))
    if field == "actie":
        letter = "A"
    hint = _for_sheets(finding.hint)
    return _finding(place.file, SHEET, f"{letter}{place.row}", field, finding.message, hint, finding.rule)
