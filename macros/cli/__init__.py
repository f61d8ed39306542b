"""The ``actieplan`` command (console script ``actieplan = macros.cli:run``)."""

from __future__ import annotations

from macros.cli.commands import main, run

__all__ = ["main", "run"]
