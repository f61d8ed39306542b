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
#: A line break with the spaces, tabs and empty lines around it.
_BREAK = re.compile(r"[ \t]*\n[ \t\n]*")


def collapse_indentation(html: str) -> str:
    """``html`` with every line break plus surrounding spaces and empty lines made one line break."""
    parts = _KEPT.split(html)
    # split() with two groups gives: text, kept block, tag name, text, kept block, tag name, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BREAK.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
