"""Every generated page: one per measure, per organisation and per progress report.

No page is written by hand per record. For each record this module makes a
tiny Markdown source: front matter (title, description) and one macro call,
such as ``{{ maatregel_pagina("M01") }}``. Annex pages run that call through
mkdocs-macros; measure and organisation pages say ``render_macros: false``,
and the hook calls the view behind the same macro name itself (the call in
their source documents what is rendered). All HTML comes from the templates
behind that macro, so no text from the data is ever parsed as Markdown or
Jinja. The one MkDocs hook, :mod:`macros.hooks`, adds every page of
:func:`generated_pages` as a virtual file, and puts those with a
:class:`NavPlace` in the navigation.

Measure and organisation pages stay out of the navigation (``not_in_nav`` in
mkdocs.yml), so the build grows linearly with the number of records (every
page renders the whole navigation, see ARCHITECTURE.md). The annex of each
progress report (a handful) is in the navigation, under Voortgang.
"""

from __future__ import annotations

import dataclasses
import json

from markupsafe import escape

from macros.model.records import Plan

__all__ = ["NavPlace", "RecordPage", "annex_pages", "generated_pages", "meta_text", "page_source", "record_pages"]


@dataclasses.dataclass(frozen=True)
class NavPlace:
    """Where a generated page goes in the navigation: a group inside a section of mkdocs.yml's nav."""

    section: str
    group: str
    title: str


@dataclasses.dataclass(frozen=True)
class RecordPage:
    """A generated page: where it pretends to live in docs/, its Markdown, and its place in the navigation (if any).

    ``record`` is the (kind, id) of the record the page shows, for a measure
    or organisation page: the hook renders its body with the record's view
    (see macros/hooks.py). None leaves the page to mkdocs-macros, as written
    pages are.
    """

    src_uri: str
    markdown: str
    nav: NavPlace | None = None
    record: tuple[str, str] | None = None


def meta_text(text: str) -> str:
    """``text`` made safe for a front matter field that the theme prints without escaping.

    Material writes ``page.meta.title`` and ``page.meta.description`` into
    the HTML as they are, and mkdocs-macros renders a title that contains
    ``{{``. So the text is HTML-escaped here, and braces become character
    references: the reader sees the text exactly as written in the data.
    """
    return str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")


def page_source(
    title: str,
    description: str,
    data_file: str,
    body: str,
    rendered_by_hook: bool = False,
    feed: str | None = None,
    wide: bool = False,
) -> str:
    """The Markdown of a generated page: front matter and a body of macro calls.

    ``bronbestand`` names the data file the page is made from, so that "Stel
    een wijziging voor" on the page opens that file instead of a Markdown
    file that does not exist. A page ``rendered_by_hook`` is left alone by
    mkdocs-macros and by Material's search: the hook renders the body (the
    macro call says which view) and adds the record's own search entry.
    ``feed`` is the site path of the page's own Atom feed (a measure's status
    changes), which the theme links in the page head.
    macro call says which view). A ``wide`` page (its tables need the width)
    has no right-hand contents column (Material's ``hide: [toc]``).
    """
    # json.dumps gives a double-quoted YAML string (JSON is valid YAML).
    return (
        f"---\ntitle: {json.dumps(meta_text(title), ensure_ascii=False)}\n"
        f"description: {json.dumps(meta_text(description), ensure_ascii=False)}\n"
        f"bronbestand: {json.dumps(data_file)}\n"
        + (f"feed: {json.dumps(feed)}\n" if feed else "")
        + ("render_macros: false\nsearch:\n  exclude: true\n" if rendered_by_hook else "")
        + ("hide:\n  - toc\n" if wide else "")
        + f"---\n\n{body}\n"
    )


def _src_uri(page_path: str) -> str:
    return page_path.rstrip("/") + ".md"


def generated_pages(plan: Plan) -> list[RecordPage]:
    """Every generated page of the site: what the hook adds."""
    return record_pages(plan) + annex_pages(plan)


#: The navigation group of the annexes.
ANNEX_NAV = ("Voortgang", "Bijlagen per rapportage")


def annex_pages(plan: Plan) -> list[RecordPage]:
    """The annex of every progress report at ``voortgang/<peildatum>/``, newest first."""
    pages = []
    for report in reversed(plan.progress_reports):
        date = report.reference_date.dutch
        title = f"Bijlage: stand van de acties op {date}"
        # The heading is made of a checked date; the report's title (data text)
        # only goes into the escaped front matter.
        markdown = page_source(
            title,
            f"De stand van alle acties op {date}, uit de rapportage '{report.title}'.",
            report.file,
            f"# {title}\n\n{{{{ voortgang_bijlage({json.dumps(report.id)}) }}}}",
            wide=True,
        )
        pages.append(RecordPage(_src_uri(report.page_path), markdown, NavPlace(*ANNEX_NAV, f"Bijlage {date}")))
    return pages


def record_pages(plan: Plan) -> list[RecordPage]:
    """The generated page of every measure and every organisation (outside the navigation).

    The macro argument is a record id; the schema limits ids to capitals,
    digits and dashes, so it is safe inside the Jinja call.
    """
    pages = [
        RecordPage(
            _src_uri(m.page_path),
            page_source(
                f"{m.id}. {m.title}",
                m.summary,
                m.file,
                f'{{{{ maatregel_pagina("{m.id}") }}}}',
                rendered_by_hook=True,
                feed=m.feed_path,
            ),
            record=("maatregel", m.id),
        )
        for m in plan.measures.values()
    ]
    pages += [
        RecordPage(
            _src_uri(o.page_path),
            page_source(
                o.name,
                f"Wat {o.short_name} doet in het actieplan Samen tegen mensenhandel.",
                "data/organisaties.yml",
                f'{{{{ organisatie_pagina("{o.id}") }}}}',
                rendered_by_hook=True,
            ),
            record=("organisatie", o.id),
        )
        for o in sorted(plan.organisations.values(), key=lambda o: o.id)
    ]
    return pages
