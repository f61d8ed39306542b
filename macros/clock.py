"""The moment "now" for one build, and local times in Europe/Amsterdam.

Whether a consultation round is announced, open or closed depends on the
moment the site is built. That moment comes from, in this order:

1. ``ACTIEPLAN_NU``, a local time such as ``2023-06-01T12:00`` (tests, and
   anyone who wants to see the site as it looked at that moment);
2. ``SOURCE_DATE_EPOCH``, seconds since 1970 (reproducible builds: the same
   commit gives the same site, so the clock is never read);
3. the clock.

Consultation times in the data are local times without an offset
(``2023-07-14T17:00``); they always mean Dutch time, summer or winter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from zoneinfo import ZoneInfo

__all__ = ["AMSTERDAM", "NOW_VARIABLE", "BadMoment", "build_moment", "parse_local"]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW_VARIABLE = "ACTIEPLAN_NU"
_LOCAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")


class BadMoment(ValueError):
    """A moment in the environment or the data that cannot be read; the message is Dutch."""


def parse_local(text: str) -> dt.datetime:
    """``2023-07-14T17:00`` as an aware datetime in Europe/Amsterdam.

    Raises:
        BadMoment: when the text has another shape or names a time that does not exist.
    """
    match = _LOCAL.match(text)
    if not match:
        raise BadMoment(f"'{text}' is geen tijdstip als JJJJ-MM-DDTUU:MM")
    year, month, day, hour, minute = (int(part) for part in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)
    except ValueError:
        raise BadMoment(f"'{text}' is geen bestaand tijdstip") from None


def build_moment(environ: Mapping[str, str], clock: Callable[[], dt.datetime] | None = None) -> dt.datetime:
    """The moment this build stands for, in Europe/Amsterdam.

    Parameters:
        environ: the environment (``os.environ``), read for ``ACTIEPLAN_NU`` and ``SOURCE_DATE_EPOCH``.
        clock: returns the current aware time; only used when neither variable is set.

    Raises:
        BadMoment: when a variable is set but cannot be read.
    """
    fixed = environ.get(NOW_VARIABLE, "").strip()
    if fixed:
        try:
            return parse_local(fixed)
        except BadMoment as err:
            raise BadMoment(f"{NOW_VARIABLE}: {err} — gebruik bijvoorbeeld {NOW_VARIABLE}=2023-06-01T12:00") from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        # ASCII digits only (str.isdigit also takes Arabic-Indic digits), and a moment a date can hold.
        moment = None
        if epoch.isascii() and epoch.isdigit() and len(epoch) <= 12:
            try:
                moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).astimezone(AMSTERDAM)
            except (OverflowError, ValueError, OSError):
                moment = None
        if moment is None:
            raise BadMoment(
                f"SOURCE_DATE_EPOCH: '{epoch[:40]}' is geen aantal seconden sinds 1970 — gebruik bijvoorbeeld de tijd van de commit: git log -1 --format=%ct"
            )
        return moment
    now = clock() if clock else dt.datetime.now(dt.UTC)
    return now.astimezone(AMSTERDAM)
