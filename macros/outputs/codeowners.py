""".github/CODEOWNERS, generated from the plan, and the teams asked to review a change.

The rule (CONTRIBUTING.md): the programme team approves every change; the
lead organisation (actiehouder) of a changed measure is asked for its review.
GitHub treats the owners on one line as alternatives (any one of them may
approve), and CODEOWNERS cannot say "both". So the programme team is the only
owner on every line: with branch protection "Require review from Code Owners"
nothing is merged without its approval. Each measure's line names its lead
organisation's team in a comment, and ``pr-commentaar.yml`` asks those teams
for a review of the measures a pull request changes (:func:`review_teams`).
GitHub uses the last matching line, so the catch-all ``*`` comes first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import PurePosixPath

from macros.model.records import Plan

__all__ = ["CODEOWNERS_PATH", "PROGRAMME_PATHS", "render_codeowners", "review_teams", "stale_diff"]

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
#
# Het programmateam keurt elke wijziging goed: het is de enige eigenaar op elke
# regel. (Staan er meer teams op een regel, dan mag elk van hen alleen goedkeuren.)
# Het team van de actiehouder van een gewijzigde maatregel krijgt automatisch een
# verzoek om mee te kijken (pr-commentaar.yml); dat team staat hieronder als opmerking.
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
        if org.github_team == programme:
            note = " (het programmateam zelf)"
        elif org.github_team:
            note = f", kijkt mee: {org.github_team}"
        else:
            note = " (heeft nog geen GitHub-team)"
        measures.append((f"/{file}", [programme], f"{measure.id}: actiehouder {org.short_name}{note}"))
    width = max([len(p) for p, _, _ in measures] + [len(p) for p in PROGRAMME_PATHS] + [1])
    lines = [
        _HEADER,
        "# Alles wat hieronder niet staat: het programmateam.",
        _column("*", [programme], width),
        "",
        "# Code, opmaak, tests en workflows: alleen het programmateam.",
    ]
    lines += [_column(p, [programme], width) for p in PROGRAMME_PATHS]
    lines += ["", "# Maatregelen: het programmateam keurt goed; het team van de actiehouder kijkt mee."]
    for path, owners, comment in measures:
        lines += [f"# {comment}", _column(path, owners, width)]
    return "\n".join(lines) + "\n"


def review_teams(measure_ids: Iterable[str], *plans: Plan | None) -> list[str]:
    """The GitHub teams to ask for a review of a change to ``measure_ids``: their lead organisations' teams.

    ``plans`` are the sides of the change (before, after): a measure that
    moves to another lead organisation asks both. The programme team is left
    out (it is the code owner of every file already), and so is an
    organisation without a team. Sorted, each once.
    """
    teams: set[str] = set()
    for plan in plans:
        if plan is None:
            continue
        programme = plan.programme.github_team
        for measure_id in measure_ids:
            measure = plan.measures.get(measure_id)
            org = plan.organisations.get(measure.owner) if measure is not None else None
            if org is not None and org.github_team and org.github_team != programme:
                teams.add(org.github_team)
    return sorted(teams)


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
