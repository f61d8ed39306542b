""".github/CODEOWNERS, generated from the plan.

Each measure file is owned by the GitHub team of its lead organisation
(``github_team`` in data/organisaties.yml) when one is known, together with
the programme team, which decides on every change to the plan. Code, theme
and workflows are owned by the programme team alone. GitHub uses the last
matching line, so the catch-all ``*`` comes first.
"""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from macros.model.records import Plan

__all__ = ["CODEOWNERS_PATH", "PROGRAMME_PATHS", "render_codeowners", "stale_diff"]

CODEOWNERS_PATH = ".github/CODEOWNERS"
#: Paths only the programme team may approve: the code, the theme, the automation.
PROGRAMME_PATHS = (
    "/macros/",
    "/overrides/",
    "/tests/",
    "/.github/",
    "/mkdocs.yml",
    "/pyproject.toml",
    "/requirements.lock",
    "/Makefile",
    "/data/schema/",
)

_HEADER = """\
# Wie een wijziging moet goedkeuren (CODEOWNERS van GitHub).
# Dit bestand is gemaakt met `actieplan codeowners` uit de gegevens in data/.
# Pas het niet met de hand aan: verander github_team in data/organisaties.yml
# of de actiehouder van een maatregel, en draai `actieplan codeowners` opnieuw.
# GitHub gebruikt de laatste regel die bij een bestand past.
"""


def _column(path: str, owners: list[str], width: int) -> str:
    return f"{path.ljust(width)}  {' '.join(owners)}".rstrip()


def render_codeowners(plan: Plan) -> str:
    """The text of .github/CODEOWNERS for ``plan``.

    Measure paths come from ``Measure.file``, which must be relative to the
    repository root (load the plan with ``shown_root`` set to that root).

    Raises:
        ValueError: when the programme has no GitHub team or a measure file lies outside the repository.
    """
    programme = plan.programme.github_team
    if not programme:
        raise ValueError(
            "data/programma.yml: programma.github_team ontbreekt — schrijf het GitHub-team van het programmateam"
        )
    measures = []
    for measure in plan.measures.values():
        file = PurePosixPath(measure.file)
        if file.is_absolute() or ".." in file.parts:
            raise ValueError(
                f"{measure.file}: dit bestand ligt niet in de repository — draai de opdracht in de map van de repository"
            )
        org = plan.organisations[measure.owner]
        owners = list(dict.fromkeys(t for t in (org.github_team, programme) if t))
        note = "" if org.github_team else f"  # {org.short_name} heeft nog geen GitHub-team"
        measures.append((f"/{file}", owners, f"{measure.id}: actiehouder {org.short_name}{note}"))
    width = max([len(p) for p, _, _ in measures] + [len(p) for p in PROGRAMME_PATHS] + [1])
    lines = [
        _HEADER,
        "# Alles wat hieronder niet staat: het programmateam.",
        _column("*", [programme], width),
        "",
        "# Code, opmaak, tests en workflows: alleen het programmateam.",
    ]
    lines += [_column(p, [programme], width) for p in PROGRAMME_PATHS]
    lines += ["", "# Maatregelen: het team van de actiehouder (als dat bekend is) en het programmateam."]
    for path, owners, comment in measures:
        lines += [f"# {comment}", _column(path, owners, width)]
    return "\n".join(lines) + "\n"


def stale_diff(committed: str | None, fresh: str) -> str:
    """A unified diff from the committed file to the fresh one; empty when they are the same."""
    if committed == fresh:
        return ""
    return "".join(
        difflib.unified_diff(
            (committed or "").splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            fromfile=f"{CODEOWNERS_PATH} (nu)",
            tofile=f"{CODEOWNERS_PATH} (uit de gegevens)",
        )
    )
