"""Which consultation round is open, or is the one to show, at a moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from macros.model.records import ConsultationRound

__all__ = ["current_round", "open_round"]


def open_round(rounds: Iterable[ConsultationRound], now: dt.datetime) -> ConsultationRound | None:
    """The round that is open at ``now``; with several, the one that closes first."""
    candidates = [r for r in rounds if r.state(now) == "open"]
    return min(candidates, key=lambda r: r.closes) if candidates else None


def current_round(rounds: Iterable[ConsultationRound], now: dt.datetime) -> ConsultationRound | None:
    """The round to show: the open one, else the next announced one, else the last closed one."""
    rounds = list(rounds)
    found = open_round(rounds, now)
    if found:
        return found
    announced = [r for r in rounds if r.state(now) == "aangekondigd"]
    if announced:
        return min(announced, key=lambda r: r.opens)
    return max(rounds, key=lambda r: r.closes) if rounds else None
