"""Dutch notation for amounts, numbers and dates; shared by messages and templates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["euro", "number_nl"]


def number_nl(value: int | float | Decimal, decimals: int = 0) -> str:
    """``1250000`` → ``1.250.000``; ``2.5`` with one decimal → ``2,5``."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
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
