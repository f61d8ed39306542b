"""Take out the indentation that templates leave in every page, without changing what is shown.

Material's templates are indented for their authors: on a measure page at
1,000 measures, a fifth of the HTML was spaces at the start of lines and
empty lines. In HTML, a run of white space outside preformatted content
shows as one space or nothing, so a line break alone does the same as a
line break plus indentation. :func:`collapse_indentation` keeps one line
break where there were breaks and spaces, and leaves ``<pre>``,
``<textarea>``, ``<script>`` and ``<style>`` exactly as they are.
"""

from __future__ import annotations

import re

__all__ = ["collapse_indentation"]

#: Content whose white space counts (or is code): kept byte for byte.
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)


def collapse_indentation(html: str) -> str:
    """``html`` with every line break plus surrounding spaces and empty lines made one line break."""
    parts = _KEPT.split(html)
    # split() with two groups gives: text, kept block, tag name, text, kept block, tag name, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(_one_break(parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def _one_break(text: str) -> str:
    """Each line break with the spaces, tabs and empty lines around it made one line break.

    Line by line with ``str.strip`` rather than one regular expression: a
    pattern that starts with optional spaces is tried again at every space
    of every indentation, which cost a second per build at 1,000 measures.
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    inner = [line.strip(" \t") for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(" \t"), *[line for line in inner if line], lines[-1].lstrip(" \t")])
