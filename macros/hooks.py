"""The MkDocs hook (``hooks:`` in mkdocs.yml): adds every generated page.

One way in for generated pages: :func:`macros.site.pages.generated_pages`
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

import contextlib
import functools
import html
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros import broken_data, data_dir_for, set_serving
from macros.site import incremental, shell
from macros.site.csp import add_csp
from macros.site.pagefind import IndexStream
from macros.site.pages import RecordPage, generated_pages
from macros.site.rawhtml import raw_block
from macros.site.whitespace import collapse_indentation
from macros.views.records import RECORD_VIEWS

#: The plan of the last call of _pages and its pages: on_config and on_files of one build ask for the same.
_last_pages: list[tuple[Any, list[RecordPage]]] = []


def _pages(config: Any) -> list[RecordPage]:
    if broken_data() is not None:
        return []
    plan = config.plugins["macros"].variables["plan"]
    if not _last_pages or _last_pages[0][0] is not plan:
        _last_pages[:] = [(plan, generated_pages(plan))]
    return _last_pages[0][1]


def on_startup(command: str, dirty: bool) -> None:
    """Under ``mkdocs serve``, bad data shows an error page in the browser instead of stopping the server,
    and what each page reads is noted, so an edit renders only the pages it changed (macros/site/incremental.py)."""
    set_serving(command == "serve")
    if command == "serve":
        incremental.enable()


def watched_roots(config: Any) -> list[Path]:
    """What ``mkdocs serve`` watches: docs/, mkdocs.yml and the ``watch`` folders (data, macros, overrides)."""
    roots = [Path(config.docs_dir), *(Path(item) for item in config.watch)]
    if config.config_file_path:
        roots.append(Path(config.config_file_path))
    return [root for root in dict.fromkeys(r.resolve() for r in roots) if root.exists()]


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Let the server rebuild only what an edit changed (macros/site/incremental.py); anything else, fully."""
    if not incremental.enabled():
        return server
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site.pagefind import write_index
    from macros.site.watch import use_native_events

    config_file, site_dir, serve_url = config.config_file_path, config.site_dir, config.site_url

    def partial() -> None:
        partial_config = load_config(config_file=config_file, site_dir=site_dir)
        partial_config.site_url = serve_url
        with _without_dirty_warning():
            build(partial_config, serve_url=serve_url, dirty=True)

    project = Path(config_file).resolve().parent if config_file else Path.cwd()
    use_native_events(server)
    server.builder = incremental.Rebuilder(
        full=builder,
        partial=partial,
        docs_dir=Path(config.docs_dir),
        data_dirs=[data_dir_for(project)],
        index=lambda: write_index(Path(site_dir)),
    )
    return server


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()


@contextlib.contextmanager
def _without_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build may show a stale navigation; ours renders every page that could
    (and strict mode would count the warning)."""
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(_not_dirty_warning)
    try:
        yield
    finally:
        logger.removeFilter(_not_dirty_warning)


def on_pre_build(config: Any) -> None:
    """Under serve: the watched files as this build sees them, before it reads any (macros/site/incremental.py)."""
    if incremental.enabled():
        incremental.build_started(watched_roots(config))


def error_page(findings: str) -> str:
    """The page every URL shows under ``mkdocs serve`` while the data has errors: the findings, as validate prints them."""
    return raw_block(
        '<div class="admonition failure"><p class="admonition-title">De gegevens bevatten fouten</p>'
        "<p>De site kan nu niet worden gemaakt. Hieronder staat wat er mis is, net als in de terminal. "
        "Verbeter het bestand en sla het op: deze pagina ververst dan vanzelf.</p></div>"
        f"<pre><code>{html.escape(findings)}</code></pre>"
    )


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


@event_priority(100)
def _theme_first(config: Any) -> Any:
    """Before the plugins use the theme: its environments share compiled templates (macros/site/incremental.py)."""
    incremental.wrap_theme(config.theme)
    return config


def _nav_pages(config: Any) -> Any:
    """Put the generated pages that belong in the navigation there."""
    if config.nav:
        add_to_nav(config.nav, _pages(config))
    return config


on_config = CombinedEvent(_theme_first, _nav_pages)


#: src_uri → (kind, id) of every measure and organisation page; set by on_files.
_records: dict[str, tuple[str, str]] = {}


def on_files(files: Files, config: Any) -> Files:
    """Add a virtual Markdown file per generated page; a hand-written file in its place stops the build."""
    pages = _pages(config)
    _records.clear()
    _records.update((page.src_uri, page.record) for page in pages if page.record)
    for page in pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(
                f"docs/{page.src_uri}: deze pagina wordt gemaakt uit de gegevens — "
                f"haal het bestand weg; pas de tekst aan in data/"
            )
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    if incremental.enabled():
        _plan_pages(files, config, pages)
    return files


def _plan_pages(files: Files, config: Any, pages: list[RecordPage]) -> None:
    """Under serve: which pages this build renders (all, or in a partial build those the edit changed)."""
    macros_plugin = config.plugins["macros"]
    theme = config.extra.get("actieplan")
    if broken_data() is not None or theme is None:
        incremental.plan_pages(files, None, None, None, {})
        return
    shared = (
        config.nav,
        theme.site,
        theme.versie,
        theme.pdf,
        theme.downloads,
        macros_plugin.variables.get("programma"),
        macros_plugin.variables.get("links"),
    )
    generated = {page.src_uri: page.markdown for page in pages}
    incremental.plan_pages(files, macros_plugin.variables["plan"], theme.renderer, shared, generated)


@event_priority(100)
def on_pre_page(page: Any, config: Any, files: Files) -> Any:
    """Under serve: note what the page reads while its Markdown renders (until on_page_content)."""
    incremental.page_read_begin(page, "read")
    return page


#: The search index of the build that runs now, made while its pages are written (None in a partial build).
_index_stream: list[IndexStream] = []


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Under serve, in a partial build, the pages not rendered again keep what the last build knew of them.
    In any other build, Pagefind starts indexing the pages as they are written (macros/site/pagefind.py).

    (The theme's environments already share the compiled templates of the process: incremental.wrap_theme.)"""
    if incremental.restore_pages(files):
        # 404.html and sitemap.xml show the navigation and the list of pages, which this build keeps.
        config.theme.static_templates.clear()
    _stop_index_stream()
    if not incremental.partial_build():
        built = InclusionLevel.is_in_serve if incremental.enabled() else InclusionLevel.is_included
        pages = (Path(file.abs_dest_path) for file in files.documentation_pages(inclusion=built))
        _index_stream.append(IndexStream(Path(config.site_dir), pages))
    return env


def _stop_index_stream() -> None:
    while _index_stream:
        _index_stream.pop().abort()


def on_build_error(error: Exception) -> None:
    """A failed build writes no search index."""
    _stop_index_stream()


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


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """The body of a measure or organisation page, from the record's view.

    The same view the macro ``maatregel_pagina``/``organisatie_pagina``
    calls, called directly: the page says ``render_macros: false``, so
    mkdocs-macros does not compile its Markdown into a Jinja template first
    (a thousand compilations cost two seconds at 1,000 measures).
    """
    broken = broken_data()
    if broken is not None:
        page.meta["title"] = "De gegevens bevatten fouten"
        return "# De gegevens bevatten fouten\n\n" + error_page(broken)
    record = _records.get(page.file.src_uri)
    if record is None:
        return markdown
    kind, record_id = record
    # The view behind the macro the page names ("maatregel_pagina", "organisatie_pagina").
    view: Any = RECORD_VIEWS[f"{kind}_pagina"]
    html = view(config.extra["actieplan"].renderer, page.url, record_id)
    if shell.shortcuts():
        page.render = functools.partial(_render_record, page, str(html))
    return raw_block(html)


def _render_record(page: Any, html: str, config: Any, files: Files) -> None:
    """``Page.render`` for a record page: its Markdown is one raw HTML block, and Markdown gives it back as it is.

    Making a Markdown instance with every extension and running it over one
    block cost a millisecond a page. What MkDocs' own render would find in
    that block is nothing: no heading (the table of contents comes from the
    template's headings, on_page_content), no title, no anchor or link it
    checks, because the block is in Markdown's stash before its tree is
    built. tests/test_material_overrides.py builds the site with and without
    this shortcut and compares every page byte for byte.
    """
    page.content = html
    page.toc = TableOfContents([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


#: The attribute that holds a page's HTML while Material's search plugin runs. On the page object
#: itself, so nothing outlives the page (under `mkdocs serve` a build that stops between the two
#: handlers cannot hand one page's HTML to another).
_FULL_CONTENT = "_actieplan_full_content"


@event_priority(100)
def _before_search(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Hand Material's search plugin a page without content: its index is not used.

    The search is Pagefind's (macros/site/pagefind.py), made from the built
    HTML; Material's plugin stays for its search field and result list, and
    its index file keeps only its settings. Parsing every page for that
    index was 40 % of the build at 1,000 measures.
    """
    incremental.page_read_begin(page, "build")
    if page.content:
        setattr(page, _FULL_CONTENT, page.content)
        page.content = ""
    return context


@event_priority(-100)
def _after_search(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Give the page its HTML back."""
    full = getattr(page, _FULL_CONTENT, None)
    if full is not None:
        page.content = full
        delattr(page, _FULL_CONTENT)
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page without the templates' indentation (macros/whitespace.py): a fifth smaller, shown the same;
    then its Content-Security-Policy, with the hashes of its inline scripts as they are now (macros/site/csp.py)."""
    incremental.page_read_end()
    output = add_csp(collapse_indentation(output))
    if _index_stream:
        _index_stream[0].add(Path(page.file.abs_dest_path), output)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages made from a template alone (404.html)."""
    return add_csp(collapse_indentation(output_content)) if template_name.endswith(".html") else output_content


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Give a generated page without Markdown headings the table of contents of its template's headings."""
    if page.meta.get("bronbestand") and not len(page.toc):
        page.toc = page_toc(html)
    incremental.page_read_end()
    return html


@event_priority(-100)
def on_post_build(config: Any) -> None:
    """The search index, made by Pagefind while the pages were written and checked against the finished site
    (macros/site/pagefind.py), after every other step; in a build for the PDF first the print page's headings
    nested like the navigation (macros/site/printpage.py).

    After a partial build under serve the server makes the index once the pages are served (macros/site/incremental.py).
    """
    from macros.site.printpage import nest_print_page

    nest_print_page(Path(config.site_dir))
    if _index_stream:
        stream = _index_stream.pop()
        stream.finish()
    incremental.build_finished()
