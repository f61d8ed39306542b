"""MkDocs hook: one annex page per progress report, at ``voortgang/<peildatum>/``.

Listed under ``hooks:`` in mkdocs.yml. The pages are virtual files built from
the plan that ``define_env`` loaded (mkdocs-macros runs first, hooks run after
the plugins), so adding a report to ``data/voortgang/`` adds its page and its
place in the navigation without touching docs/ or mkdocs.yml.

Each page only calls the macro ``voortgang_bijlage``: the text from the data
is rendered (and escaped) by the template, never parsed as Markdown or Jinja.

MkDocs loads this file by path, not as part of the package, so it imports
from ``macros`` by absolute name, inside the functions (``macros`` is loaded
by then).
"""

from __future__ import annotations

import json

from macros.record_pages import page_source
from typing import Any

#: The nav section the annexes go under, and the name of their group.
NAV_SECTION = "Voortgang"
NAV_GROUP = "Bijlagen per rapportage"


def annex_pages(plan: Any) -> list[tuple[str, str, str]]:
    """Per report, newest first: the file path in docs/, the nav title and the Markdown."""
    pages = []
    for report in reversed(plan.progress_reports):
        date = report.reference_date.dutch
        title = f"Bijlage: stand van de acties op {date}"
        # The heading is made of a checked date; the report's title (data text)
        # only goes into the escaped front matter.
        markdown = page_source(title, f"De stand van alle acties op {date}, uit de rapportage '{report.title}'.",
                               report.file, f"# {title}\n\n{{{{ voortgang_bijlage({json.dumps(report.id)}) }}}}")
        pages.append((f"voortgang/{report.id}.md", f"Bijlage {date}", markdown))
    return pages


def _plan(config: Any) -> Any:
    return config.plugins["macros"].variables["plan"]


def on_config(config: Any) -> Any:
    """Put the annexes in the navigation, under the Voortgang section."""
    pages = annex_pages(_plan(config))
    if not pages or not config.nav:
        return config
    for item in config.nav:
        if isinstance(item, dict) and NAV_SECTION in item:
            children = [c for c in item[NAV_SECTION] if not (isinstance(c, dict) and NAV_GROUP in c)]
            children.append({NAV_GROUP: [{title: path} for path, title, _ in pages]})
            item[NAV_SECTION] = children
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add one virtual Markdown file per report."""
    from mkdocs.structure.files import File

    for path, _, markdown in annex_pages(_plan(config)):
        files.append(File.generated(config, path, content=markdown))
    return files
