"""The accessibility statement's facts: its status in the Dutch national model (A–E), dates and audit.

The statement (``docs/over/toegankelijkheid.md``) follows the structure of the
model statement of DigiToegankelijk. Its facts live in one place,
``extra.toegankelijkheid`` in mkdocs.yml, and this module checks them against
the model's definitions before a page shows them, so the status cannot claim
more than the audit behind it:

- **A** and **B** need a WCAG-EM audit of the whole site (the PDF included),
  at most three years old at the build; A also needs that it found nothing;
- **C** needs an audit that is planned within six months of the statement,
  and holds for at most six months after it;
- **D** is a statement without such an audit or plan;
- **E** means there is no statement, so a published statement never has it.

The label image of each status is drawn here (:func:`label_svg`) and stored in
``overrides/assets/toegankelijkheid/`` (``tests/test_accessibility_statement.py``
checks the files against this drawing). It is our own drawing: no Rijkslogo,
no imitation of the Rijkshuisstijl, no image from another host.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from macros.site.settings import BadSettings

__all__ = ["LABEL_DIR", "STATUSES", "AccessibilityStatement", "Audit", "Status", "label_alt", "label_path", "label_svg"]

#: Where the label images are, inside the theme folder (overrides/) and so inside the site.
LABEL_DIR = "assets/toegankelijkheid"


@dataclasses.dataclass(frozen=True)
class Status:
    """One status of the model: its letter, its name and what it means, in plain Dutch."""

    letter: str
    name: str
    meaning: str
    lawful: str


#: The five statuses of the model, in our own words (digitoegankelijk.nl, "De status").
STATUSES: dict[str, Status] = {
    s.letter: s
    for s in (
        Status(
            "A",
            "voldoet volledig",
            "Een volledig onderzoek van minder dan drie jaar oud laat zien dat de site aan alle 50 eisen voldoet.",
            "De site voldoet aan de wet.",
        ),
        Status(
            "B",
            "voldoet gedeeltelijk",
            "Een volledig onderzoek van minder dan drie jaar oud laat zien dat de site nog niet aan alle eisen voldoet.",
            "De site voldoet aan de wet als de verklaring zegt wat we verbeteren, en als het elk jaar beter wordt.",
        ),
        Status(
            "C",
            "eerste maatregelen genomen",
            "Er is nog geen volledig onderzoek. Een onderzoek is gepland, binnen zes maanden.",
            "De site voldoet aan de wet, maar hooguit zes maanden na de datum van de verklaring.",
        ),
        Status(
            "D",
            "voldoet niet",
            "Er is nog geen volledig onderzoek, en er is ook geen onderzoek gepland binnen zes maanden.",
            "De site voldoet nog niet aan de wet.",
        ),
        Status(
            "E",
            "geen verklaring",
            "Er is geen toegankelijkheidsverklaring.",
            "De site voldoet niet aan de wet.",
        ),
    )
}

_AUDIT_YEARS = 3
_PLANNED_MONTHS = 6


@dataclasses.dataclass(frozen=True)
class Audit:
    """A WCAG-EM audit of the whole site: when, by whom, the report, and whether it found anything."""

    date: dt.date
    by: str
    report: str
    findings: bool


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def _date(raw: Any, key: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise BadSettings(f"mkdocs.yml: extra.toegankelijkheid.{key} is geen datum; schrijf JJJJ-MM-DD")


def _days(raw: Any, key: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 60:
        raise BadSettings(f"mkdocs.yml: extra.toegankelijkheid.{key} moet een aantal werkdagen zijn (1 tot 60)")
    return raw


@dataclasses.dataclass(frozen=True)
class AccessibilityStatement:
    """The facts of the statement, checked against the model (see the module's docstring).

    Attributes:
        status: the letter A–D.
        drawn_up: the day the statement was first published.
        revised: the day it was last checked and brought up to date.
        audit: the latest WCAG-EM audit of the whole site, or None.
        audit_planned: the day a WCAG-EM audit is planned, or None.
        acknowledge_days: working days within which a report of a problem is acknowledged.
        answer_days: working days within which the reporter gets an answer.
    """

    status: str
    drawn_up: dt.date
    revised: dt.date
    audit: Audit | None
    audit_planned: dt.date | None
    acknowledge_days: int
    answer_days: int

    @property
    def label(self) -> Status:
        return STATUSES[self.status]

    @classmethod
    def from_config(cls, conf: Mapping[str, Any], now: dt.datetime) -> AccessibilityStatement:
        """Read ``extra.toegankelijkheid`` and check it at the build moment ``now``.

        Raises:
            BadSettings: with a Dutch message, when a value is missing or wrong, or when
                the status claims more than the audit (or its plan) allows.
        """
        raw = (conf.get("extra") or {}).get("toegankelijkheid")
        if not isinstance(raw, Mapping):
            raise BadSettings(
                "mkdocs.yml: extra.toegankelijkheid ontbreekt (de feiten van de toegankelijkheidsverklaring)"
            )
        known = {
            "status",
            "opgesteld",
            "herzien",
            "onderzoek",
            "onderzoek_gepland",
            "bevestiging_werkdagen",
            "antwoord_werkdagen",
        }
        unknown = sorted(set(raw) - known)
        if unknown:
            raise BadSettings(
                f"mkdocs.yml: extra.toegankelijkheid.{unknown[0]} is onbekend; bekend zijn: {', '.join(sorted(known))}"
            )
        status = raw.get("status")
        if status not in STATUSES:
            raise BadSettings("mkdocs.yml: extra.toegankelijkheid.status moet A, B, C, D of E zijn")
        if status == "E":
            raise BadSettings(
                "mkdocs.yml: status E betekent dat er geen verklaring is; een gepubliceerde verklaring heeft A, B, C of D"
            )
        drawn_up = _date(raw.get("opgesteld"), "opgesteld")
        revised = _date(raw.get("herzien", raw.get("opgesteld")), "herzien")
        if revised < drawn_up:
            raise BadSettings("mkdocs.yml: extra.toegankelijkheid.herzien ligt voor opgesteld")
        audit = None
        if raw.get("onderzoek") is not None:
            found = raw["onderzoek"]
            if not isinstance(found, Mapping) or not all(found.get(k) for k in ("datum", "door", "rapport")):
                raise BadSettings(
                    "mkdocs.yml: extra.toegankelijkheid.onderzoek heeft datum, door (wie het deed) en rapport (het adres) nodig"
                )
            audit = Audit(
                _date(found["datum"], "onderzoek.datum"),
                str(found["door"]),
                str(found["rapport"]),
                bool(found.get("afwijkingen", True)),
            )
        planned = None if raw.get("onderzoek_gepland") is None else _date(raw["onderzoek_gepland"], "onderzoek_gepland")
        today = now.date()
        recent = audit is not None and _months_later(audit.date, 12 * _AUDIT_YEARS) >= today
        if status in "AB" and not recent:
            raise BadSettings(
                f"mkdocs.yml: status {status} vraagt een volledig onderzoek (WCAG-EM) van hooguit {_AUDIT_YEARS} jaar oud; "
                "vul onderzoek in, of kies status C (onderzoek gepland) of D"
            )
        if status == "A" and audit is not None and audit.findings:
            raise BadSettings(
                "mkdocs.yml: status A kan alleen als het onderzoek geen afwijkingen vond (afwijkingen: false)"
            )
        if status == "B" and audit is not None and not audit.findings:
            raise BadSettings("mkdocs.yml: het onderzoek vond geen afwijkingen; dan is de status A, niet B")
        if status in "CD" and recent:
            raise BadSettings(f"mkdocs.yml: er is een volledig onderzoek; dan is de status A of B, niet {status}")
        within = planned is not None and planned <= _months_later(drawn_up, _PLANNED_MONTHS)
        if status == "C":
            if not within:
                raise BadSettings(
                    f"mkdocs.yml: status C vraagt een onderzoek dat binnen {_PLANNED_MONTHS} maanden na de verklaring is gepland "
                    "(onderzoek_gepland); zonder dat is de status D"
                )
            if today > _months_later(drawn_up, _PLANNED_MONTHS):
                raise BadSettings(
                    f"mkdocs.yml: status C geldt hooguit {_PLANNED_MONTHS} maanden na de verklaring; werk de status bij"
                )
        if status == "D" and within:
            raise BadSettings("mkdocs.yml: er is een onderzoek gepland binnen zes maanden; dan is de status C, niet D")
        return cls(
            status=status,
            drawn_up=drawn_up,
            revised=revised,
            audit=audit,
            audit_planned=planned,
            acknowledge_days=_days(raw.get("bevestiging_werkdagen"), "bevestiging_werkdagen"),
            answer_days=_days(raw.get("antwoord_werkdagen"), "antwoord_werkdagen"),
        )


def label_path(letter: str) -> str:
    """The site path of the label image of status ``letter``."""
    return f"{LABEL_DIR}/status-{letter.lower()}.svg"


def label_alt(letter: str) -> str:
    """The text alternative of the label: what the image says."""
    return f"Toegankelijkheidslabel: status {letter}, {STATUSES[letter].name}"


def label_svg(letter: str) -> str:
    """Our drawing of the label of status ``letter``: the letter in a circle, the word and the status name.

    Dark blue on white (10.2:1) and white on dark blue, system fonts, no image from elsewhere.
    """
    status = STATUSES[letter]
    title = label_alt(letter)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="112" viewBox="0 0 320 112" '
        'role="img" aria-labelledby="titel">\n'
        f'<title id="titel">{title}</title>\n'
        '<rect x="2" y="2" width="316" height="108" rx="10" fill="#ffffff" stroke="#154273" stroke-width="4"/>\n'
        '<circle cx="58" cy="56" r="38" fill="#154273"/>\n'
        '<text x="58" y="72" text-anchor="middle" font-family="Arial, Verdana, sans-serif" font-size="46" '
        f'font-weight="700" fill="#ffffff">{status.letter}</text>\n'
        '<text x="112" y="44" font-family="Arial, Verdana, sans-serif" font-size="20" font-weight="700" '
        'fill="#1a1a1a">Toegankelijkheid</text>\n'
        '<text x="112" y="70" font-family="Arial, Verdana, sans-serif" font-size="17" '
        f'fill="#1a1a1a">Status {status.letter}</text>\n'
        '<text x="112" y="92" font-family="Arial, Verdana, sans-serif" font-size="15" '
        f'fill="#1a1a1a">{status.name}</text>\n'
        "</svg>\n"
    )
