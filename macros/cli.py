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
from .findings import PlanInvalid
from .plan import load_plan, validate
from .versions import freeze_snapshot

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


def _cmd_release(args: argparse.Namespace) -> int:
    data_dir = Path(args.data or os.environ.get("ACTIEPLAN_DATA") or "data")
    target, report = freeze_snapshot(data_dir, args.versie, shown_root=Path.cwd())
    if target is None:
        print(render_text(report), file=sys.stderr)
        return 1
    print(f"Versie {args.versie} is vastgelegd in {target}. Voeg deze map toe aan git.")
    return 0


def _cmd_version_title(args: argparse.Namespace) -> int:
    plan, _ = load_plan(Path(args.data or os.environ.get("ACTIEPLAN_DATA") or "data"), shown_root=Path.cwd())
    if args.versie not in plan.versions:
        print(f"Onbekende versie '{args.versie}'; bekend zijn: {', '.join(plan.versions)}.", file=sys.stderr)
        return 1
    print(plan.versions[args.versie].title)
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from .pdf import render_pdf

    site = Path(args.site)
    try:
        out = render_pdf(site, Path(args.uitvoer))
    except FileNotFoundError as missing:
        print(f"Kan de PDF niet maken: {missing.args[0]} ontbreekt. Bouw de site met ACTIEPLAN_PDF=true "
              "(make pdf doet dat) en controleer of chromium is geïnstalleerd.", file=sys.stderr)
        return 1
    print(f"De PDF staat in {out}.")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="actieplan", description="Hulpmiddelen voor de gegevens van het actieplan Samen tegen mensenhandel.")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.required = True
    validate_parser = sub.add_parser("validate", help="controleer de gegevens en meld alle fouten in één keer")
    validate_parser.add_argument("data_dir", nargs="?", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    validate_parser.add_argument("--formaat", choices=["auto", *_FORMATS], default="auto",
                                 help="uitvoer: tekst, json of github (standaard: github in GitHub Actions, anders tekst)")
    validate_parser.set_defaults(func=_cmd_validate)

    release = sub.add_parser("release", help="leg de gegevens van een versie vast in data/snapshots/VERSIE")
    release.add_argument("versie", metavar="VERSIE", help="id van de versie uit data/versies.yml, bijvoorbeeld 2023-10")
    release.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data)")
    release.set_defaults(func=_cmd_release)

    title = sub.add_parser("versie-titel", help="toon de titel van een versie (voor de versiekeuze)")
    title.add_argument("versie", metavar="VERSIE")
    title.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data)")
    title.set_defaults(func=_cmd_version_title)

    pdf = sub.add_parser("pdf", help="maak de PDF van het hele plan uit een site die met ACTIEPLAN_PDF=true is gebouwd")
    pdf.add_argument("site", metavar="SITE", help="map met de gebouwde site")
    pdf.add_argument("uitvoer", metavar="PDF", help="het PDF-bestand dat wordt gemaakt")
    pdf.set_defaults(func=_cmd_pdf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"Kan een bestand niet lezen of schrijven: {err.filename or ''} ({err.strerror})", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
