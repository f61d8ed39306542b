"""The Jinja environment for data templates, and the one place filters are registered.

Templates live in ``macros/templates/``. Autoescaping is on for every
template, so any text from the data is escaped; templates never mark data
as safe. Whitespace control keeps the output free of blank lines, so that
Python-Markdown passes each block through as raw HTML untouched.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .formatting import euro, number_nl
from .model import PartialDate
from .rawhtml import END as RAW_END
from .rawhtml import START as RAW_START

__all__ = ["TEMPLATE_DIR", "Renderer", "relative_url"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

STATUS_LABELS = {
    "gepland": "Gepland",
    "lopend": "Lopend",
    "vertraagd": "Vertraagd",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
}


def relative_url(page_url: str, target: str) -> str:
    """The link from the page at ``page_url`` to the site path ``target``.

    Both are site-relative, as MkDocs gives them (``ogw/stap-4-maatregelen/``).
    Links stay relative so every version of the site works in its own folder.
    """
    target_path, hash_, fragment = target.partition("#")
    base = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else ""
    rel = posixpath.relpath(target_path or page_url or ".", base or ".") if target_path else ""
    if target_path.endswith("/") and rel != "." and not rel.endswith("/"):
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (hash_ + fragment if hash_ else "")


def _date_nl(value: PartialDate) -> str:
    return value.dutch


def _status(value: str) -> str:
    return STATUS_LABELS.get(value, value)


class Renderer:
    """Renders data templates for one plan."""

    def __init__(self, plan: Any, template_dir: Path = TEMPLATE_DIR, benchmark: Any = None) -> None:
        self.plan = plan
        #: The figures of `make bench` (macros.benchmark.BenchmarkResults), or None when there are none.
        self.benchmark = benchmark
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update({"euro": euro, "getal": number_nl, "datum": _date_nl, "status": _status})
        self.env.globals.update({"plan": plan})

    def render(self, template: str, page_url: str = "", **context: Any) -> Markup:
        """Render ``template`` for the page at ``page_url``.

        The template gets ``link(target)`` for relative links to site paths.
        Blank lines are dropped so that Markdown keeps the block as raw HTML.
        """
        html = self.env.get_template(template).render(link=lambda target: relative_url(page_url, target), **context)
        body = "\n".join(line for line in html.splitlines() if line.strip())
        # Between markers, Markdown stores the block as it is instead of parsing it (macros/rawhtml.py).
        return Markup(f"{RAW_START}\n{body}\n{RAW_END}")
