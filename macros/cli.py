"""The ``actieplan`` command: parse arguments, then call the core.

Each subcommand is a short function that builds its arguments and calls the
same code the site build uses. Messages are Dutch; no traceback reaches the
user for bad data.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .findings import render_github, render_json, render_text
from .plan import validate

__all__ = ["main"]

_FORMATS = {"tekst": render_text, "json": render_json, "github": render_github}


def _cmd_validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or os.environ.get("ACTIEPLAN_DATA") or "data")
    fmt = args.formaat
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "tekst"
    _, report = validate(data_dir, shown_root=Path.cwd())
    output = _FORMATS[fmt](report)
    stream = sys.stdout if report.ok else sys.stderr
    if fmt == "github":
        # Annotations for the diff view, and the readable lines for the log.
        print(output, file=sys.stdout)
        output = render_text(report)
    print(output, file=stream)
    return 0 if report.ok else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="actieplan", description="Hulpmiddelen voor de gegevens van het actieplan Samen tegen mensenhandel.")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.required = True
    validate_parser = sub.add_parser("validate", help="controleer de gegevens en meld alle fouten in één keer")
    validate_parser.add_argument("data_dir", nargs="?", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    validate_parser.add_argument("--formaat", choices=["auto", *_FORMATS], default="auto",
                                 help="uitvoer: tekst, json of github (standaard: github in GitHub Actions, anders tekst)")
    validate_parser.set_defaults(func=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"Kan een bestand niet lezen of schrijven: {err.filename or ''} ({err.strerror})", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
