"""Markdown output (the pull-request comment of ``actieplan diff``): text from the data made safe for Markdown."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2

from macros.dutch import euro, number_nl, value_nl
from macros.site.render import TEMPLATE_DIR

__all__ = ["markdown_environment", "markdown_text"]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


# Breaks and runs of spaces, but not the no-break space that keeps "€ 250.000" together.
_LINE_BREAKS = re.compile(r"[ \t\r\n\v\f\x85\u2028\u2029]+")


def markdown_text(value: Any) -> str:
    """Text from the data, safe inside a Markdown line or table cell.

    Line breaks become spaces and every character that Markdown (or the HTML
    GitHub allows in it) would read as markup gets a backslash, so a value
    can never add a link, an image, a heading or a table column. A word
    joiner after ``@`` keeps a team name in the data (``@org/team``) from
    notifying that team when the text is posted on GitHub.
    """
    one_line = _LINE_BREAKS.sub(" ", str(value)).strip(" ")
    return _MD_SPECIAL.sub(r"\\\1", one_line).replace("@", "@\u2060")


@functools.cache
def markdown_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The Jinja environment for Markdown templates: every ``{{ }}`` is escaped for Markdown, as autoescape does for HTML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=markdown_text,
    )
    env.filters.update({"euro": euro, "getal": number_nl, "waarde": value_nl})
    return env
