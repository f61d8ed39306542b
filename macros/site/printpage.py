"""The print page's headings nested like the navigation, so the PDF's outline and tags follow the chapters.

mkdocs-print-site-plugin puts every page of the navigation into ``print_page/``
with the page's own ``h1``, and gives each section of the navigation an ``h1``
of its own too. Chromium makes the PDF's bookmarks (and its H1–H6 tags) from
the heading levels, so "Stap 4" came out next to "Opgave Gericht Werken"
instead of under it, and a section whose pages were all left out of the
print (Meedoen, Over deze site) still had an empty title page.

:func:`nest_headings` rewrites the print page after the plugin wrote it
(the hook's ``on_post_build``, which runs after every plugin):

- a page inside a section gets every heading one level lower per section
  around it (``h1`` → ``h2``, ``h2`` → ``h3`` …, never below ``h6``);
- a section whose first page is its index page with the same title
  (``navigation.indexes``) loses its own heading: the index page's ``h1``
  is the chapter, its other pages come under it;
- a section without pages is left out.

The table of contents of the print page links to the sections' ids, which stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["PRINT_PAGE", "nest_headings", "nest_print_page"]

#: The print page of a build with ACTIEPLAN_PDF=true, relative to the site folder.
PRINT_PAGE = Path("print_page") / "index.html"

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: Any) -> str:
    """The visible text of a heading, without its pilcrow link."""
    parts = [el.text or ""]
    for child in el:
        if "headerlink" not in _classes(child):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _is_page(el: Any) -> bool:
    return el.tag == "section" and "print-page" in _classes(el) and "md-section" not in _classes(el)


def _is_section(el: Any) -> bool:
    return el.tag == "section" and {"print-page", "md-section"} <= _classes(el)


def _first_heading(el: Any) -> Any:
    for found in el.iter(*_HEADINGS):
        return found
    return None


def _shift(page: Any, by: int) -> None:
    """Every heading of ``page`` ``by`` levels lower (at most h6)."""
    if by <= 0:
        return
    for heading in list(page.iter(*_HEADINGS)):
        heading.tag = f"h{min(6, int(heading.tag[1]) + by)}"


def _has_pages(section: Any) -> bool:
    return any(_is_page(el) for el in section.iter("section"))


def _nest(container: Any, depth: int) -> None:
    for child in list(container):
        _nest_part(child, depth)


def _nest_part(part: Any, depth: int) -> None:
    """Nest one page or section that sits ``depth`` sections deep."""
    if _is_page(part):
        _shift(part, depth)
        return
    if not _is_section(part):
        return
    if not _has_pages(part):
        part.drop_tree()
        return
    own = next((el for el in part if el.tag == "h1"), None)
    parts = [el for el in part if _is_page(el) or _is_section(el)]
    first = parts[0]
    index_heading = _first_heading(first) if _is_page(first) else None
    if own is not None and index_heading is not None and _text(index_heading) == _text(own):
        # The index page stands for the section: its h1 is the chapter's heading.
        own.drop_tree()
        _shift(first, depth)
        for rest in parts[1:]:
            _nest_part(rest, depth + 1)
        return
    if own is not None:
        own.tag = f"h{min(6, 1 + depth)}"
    for rest in parts:
        _nest_part(rest, depth + 1)


def nest_headings(document: str) -> str:
    """The print page's HTML with its headings nested like the navigation (see the module's docstring)."""
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(document)
    body = tree.get_element_by_id("print-site-page", None)
    if body is None:
        return document
    _nest(body, 0)
    doctype = tree.getroottree().docinfo.doctype
    out: str = lxml_html.tostring(tree, encoding="unicode", doctype=doctype or "<!doctype html>")
    return out


def nest_print_page(site_dir: Path) -> bool:
    """Rewrite ``site_dir/print_page/index.html`` in place; False when the site has no print page."""
    page = site_dir / PRINT_PAGE
    if not page.is_file():
        return False
    page.write_text(nest_headings(page.read_text(encoding="utf-8")), encoding="utf-8")
    return True
