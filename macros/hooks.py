"""The MkDocs hook (``hooks:`` in mkdocs.yml): adds every generated page.

One way in for generated pages: :func:`macros.record_pages.generated_pages`
lists them (measures, organisations, progress-report annexes), and this hook
adds each as a virtual file and puts those with a place in the navigation
there. MkDocs loads this file by its path, after the plugins, so the plan is
the one the macros plugin already loaded and validated in its ``on_config``
(``define_env`` puts it in ``variables["plan"]``): the data is never read a
second time. Adding a record to data/ adds its page without touching docs/
or mkdocs.yml.

A generated page whose headings all come from a template (a measure, an
organisation) has no Markdown heading, so MkDocs finds no table of contents,
and Material then draws neither the skip link nor "Op deze pagina". The hook
makes that table from the headings the templates wrote (:func:`page_toc`).
"""

from __future__ import annotations

import re
from typing import Any


from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros.record_pages import RecordPage, generated_pages


def _pages(config: Any) -> list[RecordPage]:
    return generated_pages(config.plugins["macros"].variables["plan"])


def add_to_nav(nav: list[Any], pages: list[RecordPage]) -> None:
    """Put each page with a ``nav`` place in its group, at the end of its section (replacing the group if it is there)."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for page in pages:
        if page.nav is not None:
            groups.setdefault((page.nav.section, page.nav.group), []).append({page.nav.title: page.src_uri})
    for (section, group), entries in groups.items():
        for item in nav:
            if isinstance(item, dict) and section in item:
                children = [c for c in item[section] if not (isinstance(c, dict) and group in c)]
                item[section] = [*children, {group: entries}]


def on_config(config: Any) -> Any:
    """Put the generated pages that belong in the navigation there."""
    if config.nav:
        add_to_nav(config.nav, _pages(config))
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add a virtual Markdown file per generated page; a hand-written file in its place stops the build."""
    for page in _pages(config):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(f"docs/{page.src_uri}: deze pagina wordt gemaakt uit de gegevens — "
                              f"haal het bestand weg; pas de tekst aan in data/")
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def page_toc(html: str) -> TableOfContents:
    """The table of contents of rendered HTML: every h1 to h3 with an id, nested by level.

    The titles keep the escaping the template gave them (the theme prints them as they are).
    """
    root: list[AnchorLink] = []
    open_links: list[AnchorLink] = []
    for level, anchor, inner in _HEADING.findall(html):
        link = AnchorLink(_TAG.sub("", inner).strip(), anchor, int(level))
        while open_links and open_links[-1].level >= link.level:
            open_links.pop()
        (open_links[-1].children if open_links else root).append(link)
        open_links.append(link)
    return TableOfContents(root)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Give a generated page without Markdown headings the table of contents of its template's headings."""
    if page.meta.get("bronbestand") and not len(page.toc):
        page.toc = page_toc(html)
    return html
