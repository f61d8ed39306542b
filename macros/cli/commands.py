"""The ``actieplan`` command: parse arguments, then call the core.

Each subcommand is a short function that builds its arguments and calls the
same code the site build uses. Messages are Dutch; no traceback reaches the
user for bad data.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from macros.data.findings import PlanInvalid, render_github, render_json, render_text
from macros.outputs.codeowners import CODEOWNERS_PATH, render_codeowners, stale_diff
from macros.pipeline import data_dir, load_plan, validate

# The commands that need Jinja, git or the diff import them when they run:
# `actieplan validate` starts a tenth of a second sooner without them.

__all__ = ["main"]

_FORMATS = {"tekst": render_text, "json": render_json, "github": render_github}


def _cmd_validate(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    fmt = args.formaat
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "tekst"
    catalog, report = validate(folder, shown_root=Path.cwd())
    output = _FORMATS[fmt](report)
    stream = sys.stdout if report.ok else sys.stderr
    if fmt == "github":
        # Annotations for the diff view, and the readable lines for the log.
        print(output, file=sys.stdout)
        output = render_text(report)
    print(output, file=stream)
    del catalog
    return 0 if report.ok else 1


def _cmd_codeowners(args: argparse.Namespace) -> int:
    try:
        plan, _ = load_plan(data_dir(args.gegevens), shown_root=Path.cwd())
        fresh = render_codeowners(plan)
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    target = Path(args.bestand)
    if args.check:
        committed = target.read_text(encoding="utf-8") if target.is_file() else None
        changes = stale_diff(committed, fresh)
        if not changes:
            print(f"{target} klopt met de gegevens.")
            return 0
        state = "bestaat niet" if committed is None else "is verouderd"
        print(f"{target} {state} — draai `actieplan codeowners` en commit het resultaat.", file=sys.stderr)
        print(changes, file=sys.stderr, end="")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(fresh, encoding="utf-8")
    print(f"{target} is bijgewerkt.")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from macros.history.diff import diff_plans, render_diff_json, render_diff_markdown
    from macros.history.revisions import RevisionError, resolve_side
    from macros.pipeline import load_plan_lenient

    repo = Path(args.repo)
    lenient = args.ook_ongeldig and args.formaat == "markdown"
    findings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="actieplan-diff-") as tmp:
        plans = []
        for name, spec in (("basis", args.basis), ("nieuw", args.nieuw)):
            workdir = Path(tmp) / name
            workdir.mkdir()
            try:
                side = resolve_side(spec, repo, workdir)
                if lenient and name == "nieuw":
                    lenient_plan, report = load_plan_lenient(side.data_dir, shown_root=side.shown_root)
                    findings = [str(f) for f in report.errors]
                    plans.append((lenient_plan, side.label))
                    continue
                plan, _ = load_plan(side.data_dir, shown_root=side.shown_root)
            except RevisionError as err:
                print(f"{name}: {err}", file=sys.stderr)
                return 1
            except PlanInvalid as invalid:
                print(f"De gegevens van {side.label} ({name}) zijn niet geldig:", file=sys.stderr)
                print(render_text(invalid.report), file=sys.stderr)
                return 1
            plans.append((plan, side.label))
    (base, base_label), (head, head_label) = plans
    assert base is not None
    diff = diff_plans(base, head, base_label, head_label) if head is not None else None
    if args.formaat == "json":
        assert diff is not None
        output = render_diff_json(diff)
    else:
        output = render_diff_markdown(diff, findings, base_label, head_label)
    if args.uitvoer:
        Path(args.uitvoer).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    if args.teams:
        from macros.outputs.codeowners import review_teams

        measures = set()
        for change in diff.records if diff is not None else ():
            if change.kind == "maatregel":
                measures.add(change.id)
            elif change.kind == "actie":
                for plan_side in (base, head):
                    action = plan_side.actions.get(change.id) if plan_side is not None else None
                    if action is not None:
                        measures.add(action.measure)
        teams = review_teams(sorted(measures), base, head)
        Path(args.teams).write_text("".join(f"{team}\n" for team in teams), encoding="utf-8")
    if findings:
        print(
            f"De gegevens van {head_label} (nieuw) zijn niet geldig: {len(findings)} fout(en), zie de uitvoer.",
            file=sys.stderr,
        )
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from macros.history.snapshots import freeze_snapshot

    target, report = freeze_snapshot(data_dir(args.data), args.versie, shown_root=Path.cwd())
    if target is None:
        print(render_text(report), file=sys.stderr)
        return 1
    print(f"Versie {args.versie} is vastgelegd in {target}. Voeg deze map toe aan git.")
    return 0


def _cmd_version_title(args: argparse.Namespace) -> int:
    plan, _ = load_plan(data_dir(args.data), shown_root=Path.cwd())
    if args.versie not in plan.versions:
        print(f"Onbekende versie '{args.versie}'; bekend zijn: {', '.join(plan.versions)}.", file=sys.stderr)
        return 1
    print(plan.versions[args.versie].title)
    return 0


def _cmd_working_version(args: argparse.Namespace) -> int:
    try:
        plan, _ = load_plan(data_dir(args.data), shown_root=Path.cwd())
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    print(plan.working_version)
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from macros.dev.pdf import render_pdf
    from macros.history.snapshots import current_version

    site = Path(args.site)
    try:
        plan, _ = load_plan(data_dir(None), shown_root=Path.cwd())
        version = current_version(plan).version
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    try:
        out = render_pdf(
            site,
            Path(args.uitvoer),
            title=f"{plan.programme.full_name}: {version.title}",
            subject=f"{plan.programme.full_name}, versie {version.title} ({version.status_label})",
            public_url=args.adres,
        )
    except ModuleNotFoundError as missing:
        if missing.name != "playwright" and not str(missing.name).startswith("playwright."):
            raise
        print(
            "Kan de PDF niet maken: Playwright is niet geïnstalleerd. "
            "Installeer het met: pip install 'actieplan-mensenhandel[pdf]' (make pdf doet dat zelf).",
            file=sys.stderr,
        )
        return 1
    except FileNotFoundError as missing:
        print(
            f"Kan de PDF niet maken: {missing.args[0]} ontbreekt. Bouw de site met ACTIEPLAN_PDF=true "
            "(make pdf doet dat) en controleer of chromium is geïnstalleerd.",
            file=sys.stderr,
        )
        return 1
    print(f"De PDF staat in {out}.")
    return 0


def _cmd_odt(args: argparse.Namespace) -> int:
    from macros.dev.odt import render_odt
    from macros.history.snapshots import current_version

    try:
        plan, _ = load_plan(data_dir(args.data), shown_root=Path.cwd())
        version = current_version(plan).version
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    if version.status != "concept" and not args.altijd:
        print(f"Geen ODT: versie '{version.id}' is geen concept (een ODT is er om een concept te bewerken).")
        return 0
    try:
        out = render_odt(
            Path(args.site),
            Path(args.uitvoer),
            title=f"{plan.programme.full_name}: {version.title}",
            subject=f"{plan.programme.full_name}, versie {version.title} ({version.status_label})",
        )
    except FileNotFoundError as missing:
        print(
            f"Kan het ODT-bestand niet maken: {missing.args[0]} ontbreekt. Bouw de site met ACTIEPLAN_PDF=true "
            "(make pdf doet dat).",
            file=sys.stderr,
        )
        return 1
    print(f"Het ODT-bestand staat in {out}.")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config

    from macros.outputs.publish import write_outputs

    try:
        plan, _ = load_plan(data_dir(args.data), shown_root=Path.cwd())
    except PlanInvalid as invalid:
        print(render_text(invalid.report), file=sys.stderr)
        return 1
    config = load_config(args.config)
    site = Path(args.site)
    written = write_outputs(plan, site, config["site_url"] or "", config["site_name"])
    print(f"{len(written)} bestanden met open data, de feed en de schema's geschreven in {site}.")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from macros.dev.generate import Size, write_plan  # only this command needs the generator

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
        print(
            f"actieplan genereer: de map {target} bestaat al en is niet leeg — kies een nieuwe of lege map",
            file=sys.stderr,
        )
        return 2
    actions = sum(len(v["acties"]) for k, v in files.items() if k.startswith("maatregelen/"))
    print(
        f"{size.measures} maatregelen met {actions} acties, {size.projects} projecten en {size.organisations} organisaties "
        f"geschreven naar {target} (seed {args.seed}). Alles is illustratief."
    )
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
    parser = argparse.ArgumentParser(
        prog="actieplan", description="Hulpmiddelen voor de gegevens van het actieplan Samen tegen mensenhandel."
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    sub.required = True
    validate_parser = sub.add_parser("validate", help="controleer de gegevens en meld alle fouten in één keer")
    validate_parser.add_argument(
        "data_dir", nargs="?", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)"
    )
    validate_parser.add_argument(
        "--formaat",
        choices=["auto", *_FORMATS],
        default="auto",
        help="uitvoer: tekst, json of github (standaard: github in GitHub Actions, anders tekst)",
    )
    validate_parser.set_defaults(func=_cmd_validate)

    owners = sub.add_parser("codeowners", help=f"maak {CODEOWNERS_PATH} uit de gegevens (wie wijzigingen goedkeurt)")
    owners.add_argument("--gegevens", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    owners.add_argument(
        "--bestand", metavar="BESTAND", default=CODEOWNERS_PATH, help=f"het bestand (standaard: {CODEOWNERS_PATH})"
    )
    owners.add_argument(
        "--check", action="store_true", help="schrijf niets; geef een fout als het bestand niet klopt met de gegevens"
    )
    owners.set_defaults(func=_cmd_codeowners)

    diff = sub.add_parser(
        "diff",
        help="wat verandert er in het plan tussen twee versies",
        description="Vergelijk twee versies van het plan: maatregelen, acties, projecten en organisaties die erbij "
        "komen, weggaan of veranderen, en de begroting per jaar. Elke kant is een map met gegevens "
        "of een git-revisie (branch, tag of commit). Beide kanten moeten geldig zijn.",
    )
    diff.add_argument(
        "basis", metavar="BASIS", help="de oude versie: een map met gegevens of een git-revisie, bijvoorbeeld main"
    )
    diff.add_argument("nieuw", metavar="NIEUW", help="de nieuwe versie, bijvoorbeeld HEAD")
    diff.add_argument(
        "--teams",
        metavar="BESTAND",
        help="schrijf de GitHub-teams van de actiehouders van de gewijzigde maatregelen in BESTAND (een per regel)",
    )
    diff.add_argument(
        "--ook-ongeldig",
        action="store_true",
        help="ook als de gegevens van NIEUW niet geldig zijn: toon wat te vergelijken is en de fouten (alleen markdown)",
    )
    diff.add_argument(
        "--formaat",
        choices=["markdown", "json"],
        default="markdown",
        help="markdown voor mensen (standaard), json voor programma's",
    )
    diff.add_argument("--uitvoer", metavar="BESTAND", help="schrijf naar dit bestand in plaats van naar het scherm")
    diff.add_argument(
        "--repo", metavar="MAP", default=".", help="de git-repository voor revisies (standaard: de huidige map)"
    )
    diff.set_defaults(func=_cmd_diff)

    release = sub.add_parser("release", help="leg de gegevens van een versie vast in data/snapshots/VERSIE")
    release.add_argument("versie", metavar="VERSIE", help="id van de versie uit data/versies.yml, bijvoorbeeld 2023-10")
    release.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    release.set_defaults(func=_cmd_release)

    title = sub.add_parser("versie-titel", help="toon de titel van een versie (voor de versiekeuze)")
    title.add_argument("versie", metavar="VERSIE")
    title.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    title.set_defaults(func=_cmd_version_title)

    working = sub.add_parser("werkversie", help="toon het id van de versie waaraan nu wordt gewerkt (data/versies.yml)")
    working.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    working.set_defaults(func=_cmd_working_version)

    pdf = sub.add_parser("pdf", help="maak de PDF van het hele plan uit een site die met ACTIEPLAN_PDF=true is gebouwd")
    pdf.add_argument("site", metavar="SITE", help="map met de gebouwde site")
    pdf.add_argument("uitvoer", metavar="PDF", help="het PDF-bestand dat wordt gemaakt")
    pdf.add_argument(
        "--adres",
        metavar="URL",
        help="waar deze versie van de site staat (bijvoorbeeld https://…/2024-06/); links in de PDF gaan daarheen",
    )
    pdf.set_defaults(func=_cmd_pdf)

    odt = sub.add_parser(
        "odt", help="maak het concept als ODT (OpenDocument) uit een site die met ACTIEPLAN_PDF=true is gebouwd"
    )
    odt.add_argument("site", metavar="SITE", help="map met de gebouwde site")
    odt.add_argument("uitvoer", metavar="ODT", help="het ODT-bestand dat wordt gemaakt")
    odt.add_argument("--altijd", action="store_true", help="ook voor een versie die geen concept is")
    odt.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    odt.set_defaults(func=_cmd_odt)

    export = sub.add_parser(
        "exporteer",
        help="schrijf de open data, feed.xml en de schema's in een gebouwde site (ook zonder de bouw van MkDocs)",
    )
    export.add_argument("site", metavar="SITE", help="map van de gebouwde site, bijvoorbeeld site")
    export.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    export.add_argument(
        "--config", metavar="BESTAND", default="mkdocs.yml", help="de instellingen van de site (standaard: mkdocs.yml)"
    )
    export.set_defaults(func=_cmd_export)

    generate_parser = sub.add_parser(
        "genereer",
        help="maak een geldige set voorbeeldgegevens van een gekozen grootte (voor metingen en tests)",
        description="Schrijft een complete, geldige set gegevens met dezelfde bestanden als data/. "
        "Alles is illustratief. Dezelfde grootte en seed geven steeds precies dezelfde bestanden.",
    )
    generate_parser.add_argument("--maatregelen", type=_positive, required=True, metavar="N", help="aantal maatregelen")
    generate_parser.add_argument(
        "--projecten",
        type=_positive,
        metavar="M",
        help="aantal projecten (standaard: een tiende van het aantal maatregelen, minstens 2)",
    )
    generate_parser.add_argument(
        "--organisaties",
        type=_positive,
        metavar="K",
        help="aantal organisaties (standaard: een tiende van het aantal maatregelen, minstens 8)",
    )
    generate_parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="startgetal voor het toeval (standaard: 1)"
    )
    generate_parser.add_argument("map", metavar="MAP", help="nieuwe of lege map waarin de gegevens komen")
    generate_parser.set_defaults(func=_cmd_generate)

    request = sub.add_parser(
        "uitvraag",
        help="maak per actiehouder een Excel-werkmap om de voortgang op een peildatum te vragen",
        description="Schrijft één .xlsx per actiehouder met de acties die op de peildatum liepen. "
        "De kolommen komen uit het schema van de voortgang.",
    )
    request.add_argument("--peildatum", type=_peildatum, required=True, metavar="JJJJ-MM-DD", help="de peildatum")
    request.add_argument("uitmap", metavar="UITMAP", help="map waarin de werkmappen komen")
    request.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    request.set_defaults(func=_cmd_request)

    read_back = sub.add_parser(
        "inlezen",
        help="lees ingevulde werkmappen van de uitvraag in en schrijf data/voortgang/<peildatum>.yml",
        description="Controleert de antwoorden zoals 'actieplan validate' en schrijft alleen als alles klopt. "
        "Lege rijen worden 'niet aangeleverd'.",
    )
    read_back.add_argument("bestanden", nargs="+", metavar="BESTAND.xlsx", help="de ingevulde werkmappen")
    read_back.add_argument("--peildatum", type=_peildatum, metavar="JJJJ-MM-DD", help="controleer deze peildatum")
    read_back.add_argument("--titel", help="titel van de rapportage (standaard: 'Stand van zaken <peildatum>')")
    read_back.add_argument("--illustratief", action="store_true", help="markeer de rapportage als illustratief")
    read_back.add_argument("--data", metavar="MAP", help="map met gegevens (standaard: data, of $ACTIEPLAN_DATA)")
    read_back.set_defaults(func=_cmd_read_back)
    return parser


def _peildatum(text: str) -> str:
    from macros.model.records import PartialDate

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum als JJJJ-MM-DD")
    try:
        PartialDate.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen bestaande datum") from None
    return text


def _cmd_request(args: argparse.Namespace) -> int:
    from macros.dev.progress_round import write_requests
    from macros.model.records import PartialDate
    from macros.outputs.progress_file import round_actions

    plan, _ = load_plan(data_dir(args.data), shown_root=Path.cwd())
    peildatum = PartialDate.parse(args.peildatum)
    written = write_requests(plan, peildatum, Path(args.uitmap))
    asked, carried = round_actions(plan, peildatum)
    count = sum(len(a) for a in asked.values())
    print(f"{len(written)} werkmappen geschreven in {args.uitmap}, met {count} acties (peildatum {peildatum.dutch}).")
    for path in written:
        print(f"  {path.name}")
    if carried:
        print(f"{len(carried)} acties waren al afgerond of gestopt; die worden overgenomen en niet gevraagd.")
    return 0


def _cmd_read_back(args: argparse.Namespace) -> int:
    from macros.dev.progress_round import read_answers
    from macros.model.records import PartialDate

    folder = data_dir(args.data)
    plan, _ = load_plan(folder, shown_root=Path.cwd())
    peildatum = PartialDate.parse(args.peildatum) if args.peildatum else None
    files = [Path(f) for f in args.bestanden]
    result = read_answers(plan, folder, files, peildatum, title=args.titel, illustrative=args.illustratief)
    if not result.report.ok:
        print(render_text(result.report).replace("de site is niet gebouwd", "er is niets geschreven"), file=sys.stderr)
        return 1
    books = "werkmap" if len(files) == 1 else "werkmappen"
    print(f"Ingelezen: {len(files)} {books}, {result.answered} van de {result.asked} acties beantwoord.")
    if result.missing:
        print("Niet aangeleverd (de site toont de laatste bekende stand):")
        for owner, (missing, asked) in result.missing.items():
            name = plan.organisations[owner].name
            print(f"  {name} ({owner}): {missing} van de {asked} acties")
    else:
        print("Alle actiehouders hebben geantwoord.")
    print(f"Geschreven: {result.written}")
    return 0


def run() -> None:
    """The ``actieplan`` command (console script): :func:`main`, then the process ends at once.

    The output is flushed first; skipping the interpreter's teardown saves the
    time of freeing every loaded module one by one. Tests call :func:`main`.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
