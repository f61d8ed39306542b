"""A Markdown extension that passes the HTML of our templates through without parsing it.

A macro's output is an HTML block in the Markdown of a page. Python-Markdown
finds the end of every raw HTML block by running an HTML parser over it
(``md_in_html`` even more so), which costs about as much as building a
whole page for every few dozen table rows: with 1,000 measures, parsing the
overview tables took a third of the build. Our templates' HTML needs none of
that: it is complete, escaped and never contains Markdown.

``Renderer.render`` puts each block between two marker lines; this
preprocessor stores the block in Markdown's HTML stash, exactly where
Markdown itself would have put it after parsing, and Markdown puts it back
unchanged at the end. A marker that is not at the start of a line (inside a
list or an admonition) is left alone, and the block takes the normal way.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

__all__ = ["END", "START", "RawHtmlExtension", "makeExtension", "raw_block"]

START = "<!-- actieplan:html -->"
END = "<!-- /actieplan:html -->"


def raw_block(html: str) -> str:
    """``html`` between the markers, for the Markdown of a page."""
    return f"{START}\n{html}\n{END}"


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if START not in lines:
            return lines
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if line == START:
                try:
                    end = lines.index(END, index + 1)
                except ValueError:
                    out.append(line)
                    index += 1
                    continue
                block = "\n".join(lines[index + 1 : end])
                out.extend(["", self.md.htmlStash.store(block), ""])
                index = end + 1
            else:
                out.append(line)
                index += 1
        return out


class RawHtmlExtension(Extension):
    """Register the preprocessor after fenced code (25, so markers in code stay code) and before the HTML block parser (20)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_StashBlocks(md), "actieplan_raw_html", 22)


def makeExtension(**kwargs: Any) -> RawHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    return RawHtmlExtension(**kwargs)
