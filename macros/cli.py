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


def _cmd_generate(args: argparse.Namespace) -> int:
    from .generate import Size, write_plan  # only this command needs the generator

    size = Size.proportional(args.maatregelen, args.projecten, args.organisaties)
    problems = size.problems()
    if problems:
        for problem in problems:
            print(f"actieplan genereer: {problem}", file=sys.stderr)
        return 2
    target = Path(args.map)
    try:
        files = write_plan(target, size, args.seed)
    except FileExistsError:
        print(f"actieplan genereer: de map {target} bestaat al en is niet leeg — kies een nieuwe of lege map", file=sys.stderr)
        return 2
    actions = sum(len(v["acties"]) for k, v in files.items() if k.startswith("maatregelen/"))
    print(f"{size.measures} maatregelen met {actions} acties, {size.projects} projecten en {size.organisations} organisaties "
          f"geschreven naar {target} (seed {args.seed}). Alles is illustratief.")
    print(f"Controleren: actieplan validate {target}   Bouwen: ACTIEPLAN_DATA={target} mkdocs build")
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen heel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is te klein; geef 1 of meer")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="actieplan", description="Hulpmiddelen voor de gegevens van het actieplan Samen tegen mensenhandel.")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.required = True
    validate_parser = sub.add_parser("validate", help="controleer de gegevens en meld alle fouten in één keer")
    validate_parser.add_argument("data_dir", nargs="?", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    validate_parser.add_argument("--formaat", choices=["auto", *_FORMATS], default="auto",
                                 help="uitvoer: tekst, json of github (standaard: github in GitHub Actions, anders tekst)")
    validate_parser.set_defaults(func=_cmd_validate)
    generate_parser = sub.add_parser(
        "genereer", help="maak een geldige set voorbeeldgegevens van een gekozen grootte (voor metingen en tests)",
        description="Schrijft een complete, geldige set gegevens met dezelfde bestanden als data/. "
                    "Alles is illustratief. Dezelfde grootte en seed geven steeds precies dezelfde bestanden.")
    generate_parser.add_argument("--maatregelen", type=_positive, required=True, metavar="N", help="aantal maatregelen")
    generate_parser.add_argument("--projecten", type=_positive, metavar="M",
                                 help="aantal projecten (standaard: een tiende van het aantal maatregelen, minstens 2)")
    generate_parser.add_argument("--organisaties", type=_positive, metavar="K",
                                 help="aantal organisaties (standaard: een tiende van het aantal maatregelen, minstens 8)")
    generate_parser.add_argument("--seed", type=int, default=1, metavar="S", help="startgetal voor het toeval (standaard: 1)")
    generate_parser.add_argument("map", metavar="MAP", help="nieuwe of lege map waarin de gegevens komen")
    generate_parser.set_defaults(func=_cmd_generate)
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
