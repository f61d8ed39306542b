"""Dutch notation for amounts, numbers and dates; shared by messages and templates."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["MONTHS_NL", "WEEKDAYS_NL", "date_nl", "euro", "moment_nl", "number_nl", "value_nl"]

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

WEEKDAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def number_nl(value: int | float | Decimal, decimals: int = 0) -> str:
    """``1250000`` → ``1.250.000``; ``2.5`` with one decimal → ``2,5``."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if fraction else text


def euro(value: int | float | Decimal) -> str:
    """``1250000`` → ``€ 1.250.000``; cents are shown only when there are any."""
    amount = Decimal(str(value))
    decimals = 0 if amount == amount.to_integral_value() else 2
    # A non-breaking space keeps the sign with the amount at line ends.
    return "€\u00a0" + number_nl(amount, decimals)


def date_nl(value: dt.date, weekday: bool = False) -> str:
    """``2023-07-03`` → ``3 juli 2023`` (or ``maandag 3 juli 2023``)."""
    text = f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
    return f"{WEEKDAYS_NL[value.weekday()]} {text}" if weekday else text


def moment_nl(value: dt.datetime) -> str:
    """A local moment as Dutch write it: ``vrijdag 4 augustus 2023 om 17.00 uur``."""
    return f"{date_nl(value.date(), weekday=True)} om {value.hour:02d}.{value.minute:02d} uur"


def value_nl(value: Any, kind: str) -> str:
    """A model value as people read it, by its kind in the diff (tekst, lijst, datum, bedrag, ja-nee)."""
    if value is None or value == "" or value == ():
        return "(leeg)"
    if kind == "datum":
        return value.dutch
    if kind == "bedrag":
        return euro(value)
    if kind == "ja-nee":
        return "ja" if value else "nee"
    if kind == "lijst":
        return ", ".join(value)
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"
