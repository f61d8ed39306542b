"""MkDocs hooks (``hooks:`` in mkdocs.yml): add the generated record pages.

MkDocs loads this file by its path, after the plugins, so the ``on_files``
here runs when the macros plugin has already loaded and validated the plan
in its ``on_config`` (``define_env`` puts it in ``variables["plan"]``). The
plan is taken from there: the data is never read a second time.
"""

from __future__ import annotations

import html.parser
from typing import Any

from markupsafe import escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from macros.record_pages import record_pages


def on_files(files: Files, config: Any) -> Files:
    """Add a virtual Markdown file per measure and per organisation."""
    plan = config.plugins["macros"].variables["plan"]
    for page in record_pages(plan):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(f"docs/{page.src_uri}: deze pagina wordt gemaakt uit de gegevens — "
                              f"haal het bestand weg; pas de tekst aan in data/")
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


class _Headings(html.parser.HTMLParser):
    """The h2 and h3 elements with an id, and their text, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ids = [value for name, value in attrs if name == "id" and value]
        if tag in ("h2", "h3") and ids:
            self._open = {"level": int(tag[1]), "id": ids[0], "name": "", "children": []}

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["name"] += data

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == f"h{self._open['level']}":
            self.found.append(self._open)
            self._open = None


def on_page_content(html_text: str, page: Any, config: Any, files: Files) -> str:
    """Give a generated page the table of contents its template's headings make.

    Their headings are HTML from templates, which MkDocs does not read for the
    table of contents; without one, Material leaves out the skip link
    ("Ga naar inhoud"), and keyboard users would tab through the whole header.
    """
    if page.meta.get("bronbestand") and not list(page.toc):
        parser = _Headings()
        parser.feed(html_text)
        tokens: list[dict[str, Any]] = []
        for heading in parser.found:
            # The theme prints the name as it is: escape the text (it can come from the data).
            heading["name"] = str(escape(" ".join(heading["name"].split())))
            if heading["level"] == 3 and tokens:
                tokens[-1]["children"].append(heading)
            else:
                tokens.append(heading)
        page.toc = get_toc(tokens)
    return html_text
