"""The annex of each progress report as a spreadsheet: ``bijlage-<peildatum>.xlsx`` and ``.ods``.

One row per action with the same fields as the annex page, including the
new ones (vertrouwen, knelpunten, bewijs) and, for an action without a
status, its last known status with the date. Written next to the annex page
(``site/voortgang/<peildatum>/``).

Both files are zip archives; their entries get a fixed time and the
workbook's dates are the report's publication date, so two builds of the
same data give the same bytes. The ``.ods`` is written by a small writer of
its own (OpenDocument 1.2, one table, text cells): no extra dependency.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from macros.model.progress import last_known
from macros.model.records import Plan, ProgressReport

__all__ = ["ANNEX_COLUMNS", "annex_files", "annex_rows", "ods_bytes", "write_annexes", "xlsx_bytes"]

#: The columns of the annex, in order.
ANNEX_COLUMNS = (
    "actie",
    "titel",
    "maatregel",
    "actiehouder",
    "status",
    "vertrouwen",
    "knelpunten",
    "toelichting",
    "bewijs",
    "laatste_bekende_stand",
)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def annex_files(report: ProgressReport) -> list[tuple[str, str]]:
    """(label, file name) of the annex files of ``report``."""
    return [
        ("Excel (.xlsx)", f"bijlage-{report.id}.xlsx"),
        ("OpenDocument (.ods)", f"bijlage-{report.id}.ods"),
    ]


def annex_rows(plan: Plan, report: ProgressReport) -> list[list[str]]:
    """The header and one row per action of ``report``, in plan order; every value is text."""
    order = {action_id: index for index, action_id in enumerate(plan.actions)}
    rows = [list(ANNEX_COLUMNS)]
    for status in sorted(report.statuses, key=lambda s: order[s.action]):
        action = plan.actions[status.action]
        known = "" if status.reported else _known(plan, report, status.action)
        rows.append(
            [
                action.id,
                action.title,
                action.measure,
                action.owner,
                status.status,
                status.confidence or "",
                ", ".join(status.obstacles),
                status.explanation or "",
                "\n".join(status.evidence),
                known,
            ]
        )
    return rows


def _known(plan: Plan, report: ProgressReport, action_id: str) -> str:
    found = last_known(plan, report, action_id)
    return f"{found[0].status} (peildatum {found[1].reference_date.iso})" if found else ""


def _zip(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[str]], title: str, moment: str) -> bytes:
    """An Excel workbook with one sheet ``Bijlage``; ``moment`` (``JJJJ-MM-DDT00:00:00Z``) is its date."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Bijlage"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the time of saving; the build must not depend on the clock.
    entries = []
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + moment.encode(), data)
            entries.append((name, data))
    return _zip(entries)


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)


def ods_bytes(rows: list[list[str]], title: str, moment: str) -> bytes:
    """An OpenDocument spreadsheet with one table ``Bijlage``; every cell is text (lines as paragraphs)."""
    cells = []
    for row in rows:
        parts = []
        for value in row:
            paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in value.split("\n")) if value else ""
            kind = ' office:value-type="string"' if value else ""
            parts.append(f"<table:table-cell{kind}>{paragraphs}</table:table-cell>")
        cells.append(f"<table:table-row>{''.join(parts)}</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NS}>'
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="Bijlage"><table:table-column table:number-columns-repeated="{len(rows[0])}"/>'
        f"{''.join(cells)}</table:table></office:spreadsheet></office:body></office:document-content>\n"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_ODS_NS}><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><meta:creation-date>{moment[:19]}</meta:creation-date>"
        "</office:meta></office:document-meta>\n"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        f"manifest:media-type={quoteattr('application/vnd.oasis.opendocument.spreadsheet')}/>"
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>\n"
    )
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.encode()),
            ("meta.xml", meta.encode()),
            ("META-INF/manifest.xml", manifest.encode()),
        ],
        stored_first=True,
    )


def write_annexes(plan: Plan, site_dir: Path) -> list[Path]:
    """Write both annex files of every report into ``site_dir/voortgang/<peildatum>/``."""
    written = []
    for report in plan.progress_reports:
        rows = annex_rows(plan, report)
        moment = f"{report.publication_date.first_day.isoformat()}T00:00:00Z"
        title = f"Bijlage: {report.title}"
        folder = site_dir / report.page_path
        folder.mkdir(parents=True, exist_ok=True)
        for (_, name), make in zip(annex_files(report), (xlsx_bytes, ods_bytes), strict=True):
            target = folder / name
            target.write_bytes(make(rows, title, moment))
            written.append(target)
    return written
