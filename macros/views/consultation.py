"""Consultation on the site: the current round, the banner, the per-page links and the report.

Everything that depends on the moment takes ``now`` as an argument (the
build takes it from :func:`macros.clock.build_moment`), so tests can fix it.
The views here group and count; the templates ``consultatie_*.html.jinja``
and ``reageer.html.jinja`` only lay out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from macros.model.consultation import current_round
from macros.model.records import ConsultationRound, Plan, Reaction, RoundState
from macros.site.render import Renderer
from macros.site.settings import REACTION_FORM, SiteSettings, mailto

__all__ = [
    "CONSULTATION_VIEWS",
    "DECISIONS",
    "PENDING",
    "ChannelLink",
    "CountRow",
    "ReportRow",
    "RoundReport",
    "build_report",
]

#: The decisions on a reaction, in the order the report shows them.
DECISIONS = ("overgenomen", "deels overgenomen", "niet overgenomen", "al verwerkt")
#: The column for reactions that have no decision yet.
PENDING = "nog geen besluit"

SENDER_TYPE_LABELS = {
    "ministerie": "Ministerie",
    "uitvoeringsorganisatie": "Uitvoeringsorganisatie",
    "opsporing": "Opsporing en vervolging",
    "ngo": "Maatschappelijke organisatie",
    "gemeente": "Gemeenten",
    "kennisinstituut": "Kennisinstituut",
    "onafhankelijk": "Onafhankelijk orgaan",
    "samenwerkingsverband": "Samenwerkingsverband",
    "particulier": "Particulier",
    "ervaringsdeskundige": "Ervaringsdeskundige",
    "anoniem": "Anoniem",
}
CHANNEL_LABELS = {
    "pull-request": "Wijziging voorstellen op GitHub",
    "issueformulier": "Reactieformulier op GitHub",
    "e-mail": "E-mail",
}
#: The site path of the consultation page; the report page is its sibling.
CONSULTATION_PAGE = "consultatie/"
REPORT_PAGE = "consultatie/verslag/"


@dataclasses.dataclass(frozen=True)
class ChannelLink:
    """One way to react, with the link that starts it."""

    kind: str
    label: str
    href: str
    address: str | None = None
    #: True for an address at example.org: the page says it is not a real address yet.
    placeholder: bool = False


@dataclasses.dataclass(frozen=True)
class ReportRow:
    """One reaction as the report shows it."""

    reaction: Reaction
    sender: str
    sender_type: str
    subject: str
    subject_href: str
    question: str | None
    change_href: str | None
    change_label: str | None


@dataclasses.dataclass(frozen=True)
class CountRow:
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclasses.dataclass(frozen=True)
class RoundReport:
    """The consultation report of one round: every reaction, and counts."""

    round: ConsultationRound
    state: RoundState
    rows: tuple[ReportRow, ...]
    #: Column headings of the count table: the four decisions, plus PENDING when any reaction is undecided.
    columns: tuple[str, ...]
    by_decision: CountRow
    by_sender_type: tuple[CountRow, ...]

    @property
    def total(self) -> int:
        return len(self.rows)


def _sender(plan: Plan, reaction: Reaction) -> tuple[str, str]:
    org = plan.organisations.get(reaction.sender)
    if org is None:
        return SENDER_TYPE_LABELS[reaction.sender], SENDER_TYPE_LABELS[reaction.sender]
    return org.name, SENDER_TYPE_LABELS.get(org.type, org.type)


def subject_target(plan: Plan, reaction: Reaction) -> tuple[str, str]:
    """What a reaction is about, as a label and a site path (the one place these links are made)."""
    if reaction.subject_kind == "pagina":
        path = reaction.subject.removesuffix(".md")
        path = path.removesuffix("index")
        site_path = path + "/" if path and not path.endswith("/") else path
        return f"pagina {reaction.subject.removesuffix('.md')}", site_path or "./"
    if reaction.subject_kind == "actie":
        action = plan.actions[reaction.subject]
        return f"actie {action.id}: {action.title}", action.page_path
    measure = plan.measures[reaction.subject]
    return f"maatregel {measure.id}: {measure.title}", measure.page_path


def _change(site: SiteSettings, change: str | None) -> tuple[str | None, str | None]:
    if not change:
        return None, None
    if change.startswith("#"):
        label = f"pull request {change}"
    elif change.startswith("https://"):
        label = "de wijziging"
    else:
        label = f"commit {change[:7]}"
    return site.change_url(change), label


def build_report(plan: Plan, round_: ConsultationRound, now: dt.datetime, site: SiteSettings) -> RoundReport:
    """Every reaction of ``round_`` with its decision, and the counts per decision and per sender type."""
    reactions = plan.reactions_by_round.get(round_.id, ())
    questions = {q.id: q.text for q in round_.questions}
    rows = []
    for reaction in reactions:
        sender, sender_type = _sender(plan, reaction)
        subject, subject_href = subject_target(plan, reaction)
        change_href, change_label = _change(site, reaction.change)
        rows.append(
            ReportRow(
                reaction=reaction,
                sender=sender,
                sender_type=sender_type,
                subject=subject,
                subject_href=subject_href,
                question=questions.get(reaction.question or ""),
                change_href=change_href,
                change_label=change_label,
            )
        )
    columns = DECISIONS + ((PENDING,) if any(r.decision is None for r in reactions) else ())

    def counts(subset: Iterable[Reaction]) -> tuple[int, ...]:
        tally = Counter(r.decision or PENDING for r in subset)
        return tuple(tally[c] for c in columns)

    types = sorted({row.sender_type for row in rows})
    by_type = tuple(CountRow(t, counts(row.reaction for row in rows if row.sender_type == t)) for t in types)
    return RoundReport(
        round=round_,
        state=round_.state(now),
        rows=tuple(rows),
        columns=columns,
        by_decision=CountRow("Totaal", counts(reactions)),
        by_sender_type=by_type,
    )


def channel_links(round_: ConsultationRound, site: SiteSettings) -> tuple[ChannelLink, ...]:
    """How to react to ``round_`` through each of its channels."""
    links = []
    for channel in round_.channels:
        if channel.kind == "pull-request":
            href = site.file_url("CONTRIBUTING.md")
        elif channel.kind == "issueformulier":
            href = site.issue_form_url(
                REACTION_FORM, f"Reactie op: {round_.title}", {"ronde": round_.id, "versie": round_.plan_version}
            )
        else:
            href = mailto(channel.address or "", f"Reactie op: {round_.title}")
        links.append(
            ChannelLink(
                kind=channel.kind,
                label=CHANNEL_LABELS[channel.kind],
                href=href,
                address=channel.address,
                placeholder=bool(channel.address and channel.address.endswith("@example.org")),
            )
        )
    return tuple(links)


def consultation(r: Renderer, page_url: str) -> Markup:
    """The current round: its state at build time, the questions, and how to react."""
    site = r.require_site()
    round_ = current_round(r.plan.consultation_rounds.values(), site.now)
    if round_ is None:
        return r.render("consultatie_ronde.html.jinja", page_url, round=None)
    return r.render(
        "consultatie_ronde.html.jinja",
        page_url,
        round=round_,
        state=round_.state(site.now),
        days_left=round_.days_left(site.now),
        channels=channel_links(round_, site),
        reactions=len(r.plan.reactions_by_round.get(round_.id, ())),
        report_page=REPORT_PAGE,
    )


def consultation_rounds(r: Renderer, page_url: str) -> Markup:
    """Every round, newest first, with its state and the number of reactions."""
    site = r.require_site()
    rounds = sorted(r.plan.consultation_rounds.values(), key=lambda x: x.opens, reverse=True)
    rows = [(x, x.state(site.now), len(r.plan.reactions_by_round.get(x.id, ()))) for x in rounds]
    return r.render("consultatie_rondes.html.jinja", page_url, rows=rows, report_page=REPORT_PAGE)


def consultation_reports(r: Renderer, page_url: str) -> Markup:
    """The consultation report of every round that has opened, newest first."""
    site = r.require_site()
    rounds = sorted(r.plan.consultation_rounds.values(), key=lambda x: x.opens, reverse=True)
    reports = [build_report(r.plan, x, site.now, site) for x in rounds if x.state(site.now) != "aangekondigd"]
    return r.render("consultatie_verslag.html.jinja", page_url, reports=reports)


#: Macro name → view, merged into :data:`macros.views.ogw.VIEWS`.
CONSULTATION_VIEWS = {
    "consultatie": consultation,
    "consultatierondes": consultation_rounds,
    "consultatieverslagen": consultation_reports,
}
