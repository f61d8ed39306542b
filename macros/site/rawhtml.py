"""A Markdown extension that passes the HTML of our templates through without parsing it.

A macro's output is an HTML block in the Markdown of a page. Python-Markdown
finds the end of every raw HTML block by running an HTML parser over it
(``md_in_html`` even more so), which costs about as much as building a
whole page for every few dozen table rows: with 1,000 measures, parsing the
overview tables took a third of the build. Our templates' HTML needs none of
that: it is complete, escaped and never contains Markdown.

``Renderer.render`` puts each block between two marker lines; the first
preprocessor takes the block out of the text before any other runs, and the
second stores it in Markdown's HTML stash, exactly where Markdown itself
would have put it after parsing; Markdown puts it back unchanged at the end.
A marker that is not at the start of a line (inside a list or an
admonition), or that is inside fenced code, is left alone, and the block
takes the normal way.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

__all__ = ["END", "START", "RawHtmlExtension", "makeExtension", "raw_block"]

START = "<!-- actieplan:html -->"
END = "<!-- /actieplan:html -->"


def raw_block(html: str) -> str:
    """``html`` between the markers, for the Markdown of a page."""
    return f"{START}\n{html}\n{END}"


_FENCE = re.compile(r"(`{3,}|~{3,})")
_HELD = "<!-- actieplan:block {} -->"


class _HoldBlocks(Preprocessor):
    """First of all preprocessors: each marked block out of the text, a short line in its place."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.blocks: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.blocks = []
        if START not in lines:
            return lines
        out: list[str] = []
        index = 0
        fence = ""  # the fence of fenced code open at the start of a line, if any: markers in it stay code
        while index < len(lines):
            line = lines[index]
            opened = _FENCE.match(line)
            if opened and not fence:
                fence = opened.group(1)
            elif fence and line.rstrip() and set(line.rstrip()) == {fence[0]} and len(line.rstrip()) >= len(fence):
                fence = ""
            elif line == START and not fence:
                try:
                    end = lines.index(END, index + 1)
                except ValueError:
                    end = -1
                if end > 0:
                    out.extend(["", _HELD.format(len(self.blocks)), ""])
                    self.blocks.append("\n".join(lines[index + 1 : end]))
                    index = end + 1
                    continue
            out.append(line)
            index += 1
        return out


class _StashBlocks(Preprocessor):
    """After fenced code (25), before the HTML block parser (20): each held block into Markdown's HTML stash."""

    def __init__(self, md: Markdown, held: _HoldBlocks) -> None:
        super().__init__(md)
        self.held = held

    def run(self, lines: list[str]) -> list[str]:
        blocks = self.held.blocks
        if not blocks:
            return lines
        lookup = {_HELD.format(number): block for number, block in enumerate(blocks)}
        return [self.md.htmlStash.store(lookup[line]) if line in lookup else line for line in lines]


class RawHtmlExtension(Extension):
    """Two preprocessors: one before every other (Markdown's whitespace clean-up is 30), one before the
    HTML block parser (20).

    The other preprocessors then see one short line instead of the block:
    cleaning up the whitespace of a page of 1,000 table rows, and looking for
    fenced code in it, was a tenth of a rebuild under serve. Our HTML needs
    neither (it has no tabs, no carriage returns, no lines of only spaces).
    The block reaches the stash only after the clean-up, which removes the
    characters of the stash's placeholders.
    """

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        held = _HoldBlocks(md)
        md.preprocessors.register(held, "actieplan_hold_html", 30.5)
        md.preprocessors.register(_StashBlocks(md, held), "actieplan_raw_html", 22)


def makeExtension(**kwargs: Any) -> RawHtmlExtension:  # noqa: N802 (Python-Markdown's name)
    return RawHtmlExtension(**kwargs)
