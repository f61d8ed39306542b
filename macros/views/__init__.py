"""Page views: each function prepares data for one template and renders it.

Views sort and group; templates only lay out. Every view takes the
:class:`~macros.site.render.Renderer` and the URL of the page it is rendered
on, and returns HTML (escaped by the template engine). ``VIEWS`` is the one
list of page macros; each module contributes its own table.
"""

from __future__ import annotations

from macros.views.accessibility import ACCESSIBILITY_VIEWS
from macros.views.budget import BUDGET_VIEWS
from macros.views.consultation import CONSULTATION_VIEWS
from macros.views.glance import GLANCE_VIEWS
from macros.views.language import LANGUAGE_VIEWS
from macros.views.ogw import (
    aims,
    anthology,
    changes_since,
    exploitation_forms,
    illustrative_note,
    interventions,
    measures,
    ogw_step,
    ogw_steps,
    organisations,
    performance,
    problems,
    programme_lines,
    roundtable,
    timeline,
    versions,
)
from macros.views.open_data import EXPORT_VIEWS
from macros.views.progress import PROGRESS_VIEWS
from macros.views.records import RECORD_VIEWS

__all__ = ["VIEWS"]

#: Macro name (as written in Markdown) → view. The one list of page macros.
VIEWS = {
    "tijdlijn": timeline,
    "rondetafel": roundtable,
    "ogw_stap": ogw_step,
    "ogw_stappen": ogw_steps,
    "bloemlezing": anthology,
    "problemen": problems,
    "interventies": interventions,
    "maatregelen": measures,
    "hoofddoelen": aims,
    "uitbuitingsvormen": exploitation_forms,
    "programmalijnen": programme_lines,
    "organisaties": organisations,
    "illustratief_uitleg": illustrative_note,
    **RECORD_VIEWS,
    **BUDGET_VIEWS,
    **EXPORT_VIEWS,
    # Progress and spending: the Voortgang section (macros/progress_views.py).
    **PROGRESS_VIEWS,
    **CONSULTATION_VIEWS,
    # The plan at a glance on the home page.
    **GLANCE_VIEWS,
    "versies": versions,
    "wijzigingen": changes_since,
    "prestaties": performance,
    **LANGUAGE_VIEWS,
    # The accessibility statement's status and reaction times (page "Toegankelijkheid").
    **ACCESSIBILITY_VIEWS,
}
