"""Validation findings: one object per problem, collected into a report.

A finding names the file, the line, the field path, what is wrong and what
to do, always in Dutch, because contributors read these messages. Findings
are data; printing belongs to the reporter functions at the bottom.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import json
from collections.abc import Iterable, Sequence

__all__ = [
    "MAX_SHOWN",
    "MAX_SUGGESTIONS",
    "Finding",
    "Report",
    "Suggestions",
    "PlanInvalid",
    "did_you_mean",
    "format_path",
    "shorten",
    "render_text",
    "render_json",
    "render_github",
]


#: How alike a word and an option must be (difflib's ratio) for "bedoelt u …?".
CLOSE_ENOUGH = 0.5
#: At most this many options are compared by fuzzy matching for one word.
MAX_CANDIDATES = 200


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """ "bedoelt u 'X'?" for the option closest to ``word``, or None when none is close.

    The one place near misses are found: field names, allowed values and
    references all use it, so every message suggests alike. Also an id whose
    parts (between dashes) are the same in another order: ``concept-2023-06``
    for ``2023-06-concept``.
    """
    ordered = sorted(options)
    parts = sorted(word.split("-"))
    same_parts = [o for o in ordered if sorted(o.split("-")) == parts]
    if not same_parts and len(ordered) > MAX_CANDIDATES:
        # Fuzzy matching costs a millisecond per option with 15,000 action ids: compare only with
        # the options next to the word in sorted order, which start most like it.
        at = bisect.bisect_left(ordered, word)
        half = MAX_CANDIDATES // 2
        ordered = ordered[max(0, at - half) : at + half]
    close = same_parts or difflib.get_close_matches(word, ordered, n=1, cutoff=CLOSE_ENOUGH)
    return f"bedoelt u '{close[0]}'?" if close else None


#: Longer values are cut in messages: a message quotes what is wrong, not a whole megabyte.
SHOWN_CHARS = 60


def shorten(value: object) -> str:
    """``value`` as text for a message: invisible characters written as ``\\n`` or ``U+200B``, cut after SHOWN_CHARS."""
    text = str(value)
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    out = []
    for char in text:
        if char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif not char.isprintable() and char != " ":
            out.append(f"[U+{ord(char):04X}]")
        else:
            out.append(char)
    return "".join(out)


#: Near misses searched per rule run: each search compares with every id, so 25,000 unknown
#: references in a 1 MB file would take minutes; after this many the hint names the file instead.
MAX_SUGGESTIONS = 20


@dataclasses.dataclass
class Suggestions:
    """:func:`did_you_mean` for the first :data:`MAX_SUGGESTIONS` calls, then None (bounded work)."""

    left: int = MAX_SUGGESTIONS

    def __call__(self, word: str, options: Iterable[str]) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        return did_you_mean(word, options)


def format_path(path: Sequence[str | int]) -> str:
    """Render a field path as ``acties[2].actiehouder``.

    Parameters:
        path: keys (str) and list positions (int, counted from 0).

    Returns:
        The dotted path with list positions counted from 1, as people count.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(bestand)"


@dataclasses.dataclass(frozen=True, kw_only=True, order=True)
class Finding:
    """One problem in the data.

    Attributes:
        file: path of the data file, as shown to the user.
        line: 1-based line number (0 when the whole file is meant).
        path: the field path inside the file.
        message: what is wrong, in Dutch.
        hint: what to do about it, in Dutch.
        rule: a short id of the check that found it (for tests and docs).
        severity: ``fout`` (fails the build) or ``waarschuwing``.
    """

    file: str
    line: int
    path: str = ""
    message: str
    hint: str = ""
    rule: str = ""
    severity: str = "fout"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = self.path or "(bestand)"
        text = f"{where}: {field}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        if self.severity != "fout":
            text += f" [{self.severity}]"
        return text


@dataclasses.dataclass
class Report:
    """All findings of one validation run."""

    findings: list[Finding] = dataclasses.field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return sorted(f for f in self.findings if f.severity == "fout")

    @property
    def warnings(self) -> list[Finding]:
        return sorted(f for f in self.findings if f.severity != "fout")

    @property
    def ok(self) -> bool:
        return not self.errors


class PlanInvalid(Exception):
    """Raised when the data cannot be turned into a plan; carries the report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        count = len(report.errors)
        super().__init__(f"De gegevens bevatten {count} {'fout' if count == 1 else 'fouten'}.")


#: At most this many findings are printed (errors first); a count says how many more there are.
MAX_SHOWN = 200


def _shown(report: Report) -> tuple[list[Finding], int]:
    """The findings to print and how many are left out."""
    every = report.errors + report.warnings
    return every[:MAX_SHOWN], max(0, len(every) - MAX_SHOWN)


def render_text(report: Report) -> str:
    """The report as lines ``FILE:LINE: field: message — hint`` plus a summary."""
    shown, rest = _shown(report)
    lines = [str(f) for f in shown]
    if rest:
        lines.append(f"… en nog {rest} {'melding' if rest == 1 else 'meldingen'}; los eerst de meldingen hierboven op.")
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        lines.append(f"{errors} {'fout' if errors == 1 else 'fouten'} gevonden; de site is niet gebouwd.")
    else:
        lines.append("De gegevens zijn in orde.")
    if warnings:
        lines.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}.")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """The report as JSON, for machines."""
    items = [dataclasses.asdict(f) for f in report.errors + report.warnings]
    return json.dumps({"ok": report.ok, "bevindingen": items}, ensure_ascii=False, indent=2)


def render_github(report: Report) -> str:
    """The report as GitHub Actions annotations, so problems show on the diff."""

    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def esc_property(text: str) -> str:
        # A property value also ends at "," and ":" (the workflow-command syntax).
        return esc(text).replace(":", "%3A").replace(",", "%2C")

    shown, rest = _shown(report)
    lines = []
    for f in shown:
        level = "error" if f.severity == "fout" else "warning"
        body = f"{f.path or '(bestand)'}: {f.message}" + (f" — {f.hint}" if f.hint else "")
        lines.append(f"::{level} file={esc_property(f.file)},line={max(f.line, 1)}::{esc(body)}")
    if rest:
        lines.append(f"::error::{esc(f'… en nog {rest} meldingen; los eerst de meldingen hierboven op.')}")
    return "\n".join(lines)
