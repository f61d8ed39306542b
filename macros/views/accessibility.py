"""The page "Toegankelijkheid": the statement's status with its label, and how fast we react to a report.

The facts come from ``extra.toegankelijkheid`` in mkdocs.yml, read and checked
once per build by :class:`macros.site.accessibility.AccessibilityStatement`
and handed to the :class:`~macros.site.render.Renderer`.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.site.accessibility import STATUSES, AccessibilityStatement, label_alt, label_path
from macros.site.render import Renderer

__all__ = ["ACCESSIBILITY_VIEWS", "accessibility_reporting", "accessibility_status", "accessibility_statuses"]


def _statement(r: Renderer) -> AccessibilityStatement:
    statement = r.accessibility
    if not isinstance(statement, AccessibilityStatement):
        raise ValueError("deze weergave heeft de toegankelijkheidsverklaring nodig (Renderer(accessibility=...))")
    return statement


def accessibility_status(r: Renderer, page_url: str) -> Markup:
    """The label image, the status with its meaning, the audit (or its plan) and the dates."""
    statement = _statement(r)
    return r.render(
        "toegankelijkheid_status.html.jinja",
        page_url,
        statement=statement,
        status=statement.label,
        label_src=label_path(statement.status),
        label_alt=label_alt(statement.status),
    )


def accessibility_statuses(r: Renderer, page_url: str) -> Markup:
    """The five statuses of the model with what each means, this site's marked."""
    return r.render(
        "toegankelijkheid_statussen.html.jinja",
        page_url,
        statuses=list(STATUSES.values()),
        current=_statement(r).status,
    )


def accessibility_reporting(r: Renderer, page_url: str) -> Markup:
    """Within how many working days a report is acknowledged and answered."""
    return r.render("toegankelijkheid_melden.html.jinja", page_url, statement=_statement(r))


ACCESSIBILITY_VIEWS = {
    "toegankelijkheid_status": accessibility_status,
    "toegankelijkheid_statussen": accessibility_statuses,
    "toegankelijkheid_melden": accessibility_reporting,
}
