"""What goes into the site's search index, and what Material need not parse.

Material's search plugin makes the index from each page's HTML: one entry
per heading, leaving out every element with ``data-search-exclude``. Two
kinds of our pages repeat what record pages already say, and at 1,000
measures parsing them was the largest part of the build:

- a measure or organisation page: it is left out (front matter
  ``search: exclude``) and gets one entry instead, :func:`search_entry`;
- a listing of records on a written page (the step-4 chapter, the measures
  overview, the whole policy chain, the organisations): its template writes
  :data:`SKIP_START` and :data:`SKIP_END` around its outer element, and
  :func:`without_skipped` takes the block out before Material parses the
  page. That element also carries Material's own ``data-search-exclude``,
  but Material 9.8 honours it only up to the first nested element with the
  same tag (its parser compares elements by tag name), so the attribute
  alone would let most of a listing into the index, and parsing it would
  still cost the time.

The hook (macros/hooks.py) calls both, around Material's ``on_page_context``.
"""

from __future__ import annotations

import re

from markupsafe import escape

from macros.model.records import Plan
from macros.site.render import Renderer

__all__ = ["SKIP_END", "SKIP_START", "search_entry", "without_skipped"]

SKIP_START = "<!-- zoekindex:overslaan -->"
SKIP_END = "<!-- /zoekindex:overslaan -->"
_SKIPPED = re.compile(re.escape(SKIP_START) + ".*?" + re.escape(SKIP_END), re.S)


def without_skipped(html: str) -> str:
    """``html`` without the blocks between the markers (those carry ``data-search-exclude``)."""
    return _SKIPPED.sub("", html) if SKIP_START in html else html


def search_entry(r: Renderer, kind: str, record_id: str) -> dict[str, str]:
    """The one search entry of a measure or organisation page.

    Title and text are HTML, escaped like the entries Material makes: the
    search shows them as HTML.
    """
    plan: Plan = r.plan
    if kind == "maatregel":
        measure = plan.measures[record_id]
        title = f"{measure.id}. {measure.title}"
        text = r.render("zoekitem.html.jinja", m=measure, organisations=plan.organisations)
    else:
        org = plan.organisations[record_id]
        title = org.name
        text = r.render(
            "zoekitem.html.jinja",
            org=org,
            organisations=plan.organisations,
            leads=plan.measures_by_owner.get(org.id, ()),
        )
    return {"title": str(escape(title)), "text": " ".join(str(text).split("\n"))}
