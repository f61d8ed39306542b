"""Differential rebuilds under ``mkdocs serve``: after an edit, render and write only the pages it changed.

The dependency map is not written by hand: it is what each page really read
while it rendered. Under ``mkdocs serve`` (:func:`enable`), every record of
the model (:class:`macros.model.records._Record`), every attribute of the
:class:`~macros.model.records.Plan` and the inputs of the
:class:`~macros.site.render.Renderer` note each read into the set of the page
being rendered, in the two windows MkDocs renders a page in: its Markdown
(``on_pre_page`` … ``on_page_content``) and its template (``on_page_context``
… ``on_post_page``). A view that lists every measure reads every measure; a
measure page reads its measure, its actions, its organisations and whatever
else it shows, whichever view or template did the reading.

After an edit, :class:`Rebuilder` (the server's builder) looks at which files
changed since the last good build:

- only YAML in the data folder and Markdown in ``docs/``: a *partial* build,
  MkDocs' own ``build(dirty=True)``, in which :func:`plan_pages` (from the
  hook's ``on_files``) compares the new plan with the previous one and marks
  as modified only the pages whose reads meet a changed record, plan
  attribute or renderer input, whose generated Markdown changed, or whose
  file in ``docs/`` was edited. Every other page keeps its file in ``site/``
  and, in memory, what the previous build knew of it (title, contents,
  anchors) for the navigation and the link checks (:func:`restore_pages`);
  a changed page title makes every page render again (the navigation shows
  it);
- anything else (configuration, templates, CSS, Python, snapshots, static
  files, a file added or removed) and any change in what every page shares
  (the navigation, the theme's parts, the plain variables, the list of
  records or pages): the full build MkDocs would do, which also cleans
  ``site/``. So does bad data, which turns every page into the error page,
  and the first good build after it.

Validation stays complete: the partial build loads the plan through the same
cache as a full one, which validates the whole folder again when any file in
it changed.

The search index (Pagefind, over every page) is made again after a partial
build in a thread of its own, so the edited page is served as soon as it is
written; the next build, and :meth:`Rebuilder.wait`, wait for it.
``tests/test_incremental.py`` checks with random edits that ``site/`` is then
byte for byte what a clean full build makes.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import functools
import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from macros.model.records import Plan, _Record
from macros.site.render import BYTECODE_CACHE, Renderer

__all__ = [
    "RENDERER_SOURCES",
    "FullBuildNeeded",
    "Rebuilder",
    "disable",
    "enable",
    "enabled",
    "suspended",
    "wrap_theme",
    "page_read_begin",
    "page_read_end",
    "plan_pages",
    "restore_pages",
    "reuse",
]

log = logging.getLogger("mkdocs.plugins.actieplan")

T = TypeVar("T")

#: A thing a page can read: ("record", class name, id, field), ("plan", attribute, "", "") or
#: ("renderer", attribute, "", "").
Key = tuple[str, str, str, str]

#: The inputs of a Renderer besides its plan that pages read: compared by value between builds.
RENDERER_SOURCES = frozenset({"site", "snapshots", "version", "benchmark", "readability", "accessibility"})

#: The reads of the page being rendered now, or None outside a page (nothing is noted then).
_current: set[Key] | None = None


def _record_getattribute(self: Any, name: str) -> Any:
    reads = _current
    if reads is not None and not name.startswith("__"):
        reads.add(("record", type(self).__name__, object.__getattribute__(self, "id"), name))
    return object.__getattribute__(self, name)


def _plan_getattribute(self: Any, name: str) -> Any:
    reads = _current
    if reads is not None and not name.startswith("_"):
        reads.add(("plan", name, "", ""))
    return object.__getattribute__(self, name)


def _renderer_getattribute(self: Any, name: str) -> Any:
    reads = _current
    if reads is not None and name in RENDERER_SOURCES:
        reads.add(("renderer", name, "", ""))
    return object.__getattribute__(self, name)


_TRACKED: tuple[tuple[type, Callable[[Any, str], Any]], ...] = (
    (_Record, _record_getattribute),
    (Plan, _plan_getattribute),
    (Renderer, _renderer_getattribute),
)


def enable() -> None:
    """Note what pages read from now on (``on_startup`` of ``mkdocs serve``); :func:`disable` undoes it."""
    for cls, getattribute in _TRACKED:
        # On the base class: every record kind inherits it. Only while serving, so `mkdocs build`
        # pays nothing for it.
        cls.__getattribute__ = getattribute  # type: ignore[method-assign,assignment]
    _memoize_git_info()
    _state.enabled = True


def disable() -> None:
    """Stop noting reads and forget every build (tests)."""
    global _current
    for cls, _ in _TRACKED:
        if "__getattribute__" in vars(cls):
            delattr(cls, "__getattribute__")
    _current = None
    _state.__init__()  # type: ignore[misc]


def enabled() -> bool:
    return _state.enabled


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Within it, builds neither note reads nor touch the state of the partial builds (a reference build in a test)."""
    was, _state.enabled = _state.enabled, False
    try:
        yield
    finally:
        _state.enabled = was


def wrap_theme(theme: Any) -> None:
    """Every Jinja environment of the theme shares the compiled templates of the process
    (:data:`macros.site.render.BYTECODE_CACHE`); under serve, a partial build reuses the list of
    the theme's files that the last build made (no file was added or removed, or it would be a
    full build), which walks thousands of files."""
    original = theme.get_env
    if getattr(original, "_actieplan", False):
        return

    def get_env() -> Any:
        from macros.site.shell import shared_part

        env = original()
        env.bytecode_cache = BYTECODE_CACHE
        # One per environment, so one per build: the navigation it reuses belongs to that build.
        env.globals["shared_part"] = shared_part()
        if _state.enabled:
            listing = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                # Keyed by the filter's code: MkDocs passes a new closure of the same function every build.
                key = repr((extensions, getattr(filter_func, "__code__", filter_func)))
                if _state.partial is None or key not in _state.theme_files:
                    _state.theme_files[key] = list(listing(extensions=extensions, filter_func=filter_func))
                return list(_state.theme_files[key])

            env.list_templates = list_templates
        return env

    get_env._actieplan = True  # type: ignore[attr-defined]
    theme.get_env = get_env


def _memoize_git_info() -> None:
    """mkdocs-macros runs git twelve times on every build for its ``git`` variable, which no page may
    read (macros/site/sandbox.py allows only plain variables): under serve, once is enough."""
    try:
        from mkdocs_macros import context
    except ImportError:  # pragma: no cover - the plugin is a dependency
        return
    original = getattr(context, "get_git_info", None)
    if original is not None and not getattr(original, "_actieplan", False):
        memo = functools.cache(original)
        memo._actieplan = True  # type: ignore[attr-defined]
        context.get_git_info = memo


class FullBuildNeeded(Exception):
    """Raised inside a partial build when the edit changed something every page shares."""


# --- what changed between two builds ----------------------------------------------------------


def _shape(value: Any) -> Any:
    """``value`` with every record replaced by its kind and id: a plan attribute as a list of records.

    A record's own contents are compared on their own (the pages that read
    it); an attribute changes when records are added, removed, reordered or
    regrouped. Methods are left out: what they read is noted as they read it.
    """
    if isinstance(value, _Record):
        return ("record", type(value).__name__, value.id)
    if isinstance(value, dict):
        return ("dict", tuple((key, _shape(item)) for key, item in value.items()))
    if isinstance(value, (tuple, list)):
        return ("seq", tuple(_shape(item) for item in value))
    if callable(value) and not dataclasses.is_dataclass(value):
        return ("callable",)
    return value


def _value(record: Any, field: str) -> Any:
    value = getattr(record, field, None)
    return ("callable",) if callable(value) else value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names


def record_index(plan: Plan) -> dict[tuple[str, str], Any]:
    """Every record of ``plan`` (also those inside another, such as the actions of a measure) by kind and id."""
    index: dict[tuple[str, str], Any] = {}

    def visit(value: Any) -> None:
        if isinstance(value, _Record):
            kind = type(value)
            key = (kind.__name__, object.__getattribute__(value, "id"))
            if key in index:
                return
            index[key] = value
            for name in _field_names(kind):
                inner = object.__getattribute__(value, name)
                if isinstance(inner, (tuple, list, dict)):
                    visit(inner)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, (tuple, list)):
            for item in value:
                visit(item)

    for field in dataclasses.fields(plan):
        visit(getattr(plan, field.name))
    return index


@dataclasses.dataclass
class _Sources:
    """What the pages of one build read from: its plan, the renderer's inputs, and what every page shares."""

    plan: Plan
    renderer: Renderer
    records: dict[tuple[str, str], Any]
    #: Changed → every page renders again: the navigation, the theme's parts, the plain variables.
    shared: Any
    #: The set of pages (every documentation page's src_uri).
    pages: tuple[str, ...]
    #: src_uri → Markdown of every generated page.
    generated: dict[str, str]

    #: Plan attribute → its :func:`_shape`, worked out once (this build's is the next build's old one).
    shapes: dict[str, Any] = dataclasses.field(default_factory=dict)

    def shape(self, name: str) -> Any:
        if name not in self.shapes:
            self.shapes[name] = _shape(getattr(self.plan, name, None))
        return self.shapes[name]

    def changed_keys(self, old: _Sources, readers: dict[Key, set[str]]) -> Iterator[Key]:
        """The keys pages read whose value differs between ``old`` and this build.

        Records first: one comparison each (records are frozen values, their
        properties derived from their own fields), then only for a record
        that differs, the fields, properties and methods pages read of it.
        """
        fields_read: dict[tuple[str, str], list[Key]] = {}
        for key in readers:
            kind, name, ident, _ = key
            if kind == "record":
                fields_read.setdefault((name, ident), []).append(key)
            elif kind == "plan":
                if old.shape(name) != self.shape(name):
                    yield key
            elif getattr(old.renderer, name, None) != getattr(self.renderer, name, None):
                yield key
        for record, keys in fields_read.items():
            before, now = old.records.get(record), self.records.get(record)
            if before is None or now is None:
                if before is not now:
                    yield from keys
                continue
            if before is now or before == now:
                continue
            for key in keys:
                if _value(before, key[3]) != _value(now, key[3]):
                    yield key


@dataclasses.dataclass
class _PageState:
    """What a build knew of a page that the next partial build keeps when it does not render the page again."""

    meta: dict[str, Any]
    markdown: str | None
    content: str | None
    toc: Any
    title: str | None
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    read_reads: frozenset[Key]
    build_reads: frozenset[Key]


@dataclasses.dataclass
class _State:
    enabled: bool = False
    #: The sources and pages of the last good build, None before the first or after bad data.
    sources: _Sources | None = None
    pages: dict[str, _PageState] = dataclasses.field(default_factory=dict)
    #: What the pages of the last good build read, the other way round: each key with the pages that read it.
    readers: dict[Key, set[str]] = dataclasses.field(default_factory=dict)
    #: Files and their (time, size) at the start of the last good build, and of the build running now.
    files: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    files_now: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    #: What a build watches (given by the hook's on_pre_build from mkdocs.yml).
    roots: tuple[Path, ...] = ()
    #: The files as the Rebuilder found them just before this build.
    taken: dict[str, tuple[int, int]] | None = None
    #: Set by the Rebuilder before a partial build: the src_uris of the edited Markdown files.
    partial: frozenset[str] | None = None
    #: The pages a partial build renders; None in a full build (all of them).
    modified: set[str] | None = None
    new_sources: _Sources | None = None
    #: Reads of each page in this build, by phase.
    reads: dict[str, dict[str, frozenset[Key]]] = dataclasses.field(default_factory=dict)
    open_page: str | None = None
    open_phase: str | None = None
    files_of_build: Any = None
    #: What a partial build left to do after its pages are served (:func:`defer`).
    deferred: Callable[[], object] | None = None
    #: The keys whose value this partial build changed (None in a full build): see :func:`reuse`.
    changed: frozenset[Key] | None = None
    #: Fragments of templates (:func:`reuse`): those of the last good build, and those this build used.
    fragments: dict[tuple[Any, ...], tuple[Any, frozenset[Key]]] = dataclasses.field(default_factory=dict)
    fragments_now: dict[tuple[Any, ...], tuple[Any, frozenset[Key]]] = dataclasses.field(default_factory=dict)
    #: The theme's files as the last full build listed them (:func:`wrap_theme`).
    theme_files: dict[str, list[str]] = dataclasses.field(default_factory=dict)


_state = _State()


# --- the windows in which a page reads ---------------------------------------------------------


def page_read_begin(page: Any, phase: str) -> None:
    """Start noting the reads of ``page`` in ``phase`` ("read": its Markdown; "build": its template)."""
    global _current
    if not _state.enabled:
        return
    _state.open_page, _state.open_phase = page.file.src_uri, phase
    _current = set()


def page_read_end() -> None:
    """Stop noting; keep what the open page read."""
    global _current
    if not _state.enabled or _current is None or _state.open_page is None or _state.open_phase is None:
        return
    _state.reads.setdefault(_state.open_page, {})[_state.open_phase] = frozenset(_current)
    _current = None
    _state.open_page = _state.open_phase = None


def reuse(key: tuple[Any, ...], render: Callable[[], T]) -> T:
    """``render()``, or under serve what it gave in the last build when nothing it read has changed since.

    For the parts of an overview that repeat per record (a row, a card): with
    1,000 measures an edit of one changes one row of a page of a thousand.
    ``key`` names the part on its page; what the part reads is noted while it
    renders, like a page's reads (and added to the page's), and a partial
    build lists the keys it changed (:func:`plan_pages`): a part is reused
    only when none of its reads is among them. Everything else the part
    depends on must be in ``key``: the page, the record's id, and any value
    that is not read from a record (a number worked out in Python, a chain
    node). Outside a page's window, in a full build and with tracking off,
    it renders.
    """
    global _current
    outer = _current
    if not _state.enabled or outer is None:
        return render()
    hit = _state.fragments.get(key)
    changed = _state.changed
    if hit is not None and changed is not None and hit[1].isdisjoint(changed):
        outer.update(hit[1])
        _state.fragments_now[key] = hit
        return hit[0]
    _current = set()
    try:
        value = render()
    finally:
        reads = frozenset(_current)
        _current = outer
    outer.update(reads)
    _state.fragments_now[key] = (value, reads)
    return value


# --- the build ---------------------------------------------------------------------------------


def build_started(roots: Iterable[Path]) -> None:
    """``on_pre_build``: the files as this build sees them, before it reads any."""
    if not _state.enabled:
        return
    roots = tuple(roots)
    taken = _state.taken
    _state.taken = None
    # A partial build sees the files the Rebuilder just looked at (same roots), so they are not walked twice.
    _state.files_now = taken if taken is not None and roots == _state.roots else files_snapshot(roots)
    _state.roots = roots
    _state.reads = {}
    _state.modified = None
    _state.new_sources = None
    _state.changed = None
    _state.fragments_now = {}


def plan_pages(
    files: Any, plan: Plan | None, renderer: Renderer | None, shared: Any, generated: dict[str, str]
) -> None:
    """``on_files`` (last): in a partial build, mark the pages to render again; else note the sources.

    Raises :class:`FullBuildNeeded` when the edit changed what every page
    shares, the records or the pages themselves, or when the data is bad.
    """
    if not _state.enabled:
        return
    doc_files = list(files.documentation_pages())
    if plan is None or renderer is None:
        _state.new_sources = None
        if _state.partial is not None:
            raise FullBuildNeeded("de gegevens bevatten fouten")
        return
    new = _Sources(
        plan=plan,
        renderer=renderer,
        records=record_index(plan),
        shared=shared,
        pages=tuple(sorted(f.src_uri for f in doc_files)),
        generated=generated,
    )
    _state.new_sources = new
    if _state.partial is None:
        return
    old = _state.sources
    if old is None:
        raise FullBuildNeeded("nog geen eerdere bouw")
    if old.pages != new.pages:
        raise FullBuildNeeded("er zijn pagina's bijgekomen of weggegaan")
    if old.records.keys() != new.records.keys():
        raise FullBuildNeeded("er zijn gegevens bijgekomen of weggegaan")
    if old.shared != new.shared:
        which = [i for i, (a, b) in enumerate(zip(old.shared, new.shared, strict=True)) if a != b]
        raise FullBuildNeeded(f"iets dat op elke pagina staat is veranderd ({which})")
    modified = set(_state.partial)
    for src_uri in _state.pages:
        if old.generated.get(src_uri) != new.generated.get(src_uri):
            modified.add(src_uri)
    changed = frozenset(new.changed_keys(old, _state.readers))
    for key in changed:
        modified.update(_state.readers[key])
    _state.changed = changed
    missing = set(new.pages) - _state.pages.keys()
    if missing:
        raise FullBuildNeeded("de vorige bouw kende niet elke pagina")
    _state.modified = modified
    for file in doc_files:
        file.is_modified = _modified_check(file.src_uri)


def _modified_check(src_uri: str) -> Callable[[], bool]:
    def is_modified() -> bool:
        return _state.modified is None or src_uri in _state.modified

    return is_modified


def restore_pages(files: Any) -> bool:
    """``on_env``: give every page this partial build did not render what the previous build knew of it.

    A page that did render and changed its title (or front matter) makes every
    page render again, since the navigation shows it.

    Returns True when the pages' shared frame stays as the last build left it
    (a partial build that does not render every page): then the theme's own
    pages (404.html, sitemap.xml), made from that frame and the list of pages
    alone, need not be written again.
    """
    if not _state.enabled:
        return False
    _state.files_of_build = files
    modified = _state.modified
    if modified is None:
        return False
    by_uri = {f.src_uri: f for f in files.documentation_pages()}
    every = False
    for src_uri, file in by_uri.items():
        page, state = file.page, _state.pages[src_uri]
        if src_uri in modified:
            # Pages out of the navigation (records) show their title only on themselves.
            if not file.inclusion.is_not_in_nav() and (page.title != state.title or page.meta != state.meta):
                every = True
            continue
        page.meta = state.meta
        page.markdown = state.markdown
        page.content = state.content
        page.toc = state.toc
        page._title_from_render = state.title_from_render
        page.present_anchor_ids = state.present_anchor_ids
        if state.links_to_anchors is not None:
            page.links_to_anchors = {
                by_uri[uri]: links for uri, links in state.links_to_anchors.items() if uri in by_uri
            }
    if every:
        log.info("Een paginatitel is veranderd: alle pagina's worden opnieuw gemaakt (het menu toont de titels).")
        _state.modified = set(by_uri)
        return False
    return True


def build_finished() -> None:
    """``on_post_build`` (last): keep this build's sources, page states and reads for the next one."""
    if not _state.enabled:
        return
    new = _state.new_sources
    files = _state.files_of_build
    if new is None or files is None:
        # Bad data: the next build is a full one.
        _state.sources = None
        _state.pages = {}
        _state.readers = {}
        _state.fragments = {}
        _state.files = _state.files_now
        _state.partial = None
        return
    pages: dict[str, _PageState] = {}
    for file in files.documentation_pages():
        page = file.page
        old = _state.pages.get(file.src_uri)
        reads = _state.reads.get(file.src_uri, {})
        read_reads = reads.get("read", old.read_reads if old else frozenset())
        build_reads = reads.get("build", old.build_reads if old else frozenset())
        links = getattr(page, "links_to_anchors", None)
        pages[file.src_uri] = _PageState(
            meta=page.meta,
            markdown=page.markdown,
            content=page.content,
            toc=page.toc,
            title=page.title,
            title_from_render=page._title_from_render,
            present_anchor_ids=page.present_anchor_ids,
            links_to_anchors={f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
            read_reads=read_reads,
            build_reads=build_reads,
        )
    _state.readers = _readers(pages, _state.pages, _state.readers, partial=_state.modified is not None)
    _state.sources = new
    _state.pages = pages
    # Only the fragments this build used: one that is not used now is made again when it is needed.
    _state.fragments = _state.fragments_now
    _state.fragments_now = {}
    _state.files = _state.files_now
    _state.partial = None
    _state.files_of_build = None


def _readers(
    pages: dict[str, _PageState], before: dict[str, _PageState], readers: dict[Key, set[str]], partial: bool
) -> dict[Key, set[str]]:
    """The index key → pages for ``pages``: made anew after a full build, after a partial one mended
    for the pages whose reads changed."""
    if not partial:
        readers = {}
        for src_uri, state in pages.items():
            for key in state.read_reads | state.build_reads:
                readers.setdefault(key, set()).add(src_uri)
        return readers
    for src_uri, state in pages.items():
        old = before.get(src_uri)
        if old is not None and old.read_reads is state.read_reads and old.build_reads is state.build_reads:
            continue
        was = old.read_reads | old.build_reads if old is not None else frozenset()
        now = state.read_reads | state.build_reads
        for key in was - now:
            users = readers.get(key)
            if users is not None:
                users.discard(src_uri)
                if not users:
                    del readers[key]
        for key in now - was:
            readers.setdefault(key, set()).add(src_uri)
    return readers


def outputs_current() -> bool:
    """True in a partial build whose plan is the previous build's: the open data need not be written again."""
    return (
        _state.enabled
        and _state.modified is not None
        and _state.sources is not None
        and _state.new_sources is not None
        and _state.new_sources.plan is _state.sources.plan
    )


def defer(job: Callable[[], object]) -> bool:
    """In a partial build: run ``job`` (writing the open data) after the pages are served, before the
    search index, and return True; otherwise return False (the caller runs it now)."""
    if not partial_build():
        return False
    _state.deferred = job
    return True


def partial_build() -> bool:
    """True while a partial build runs."""
    return _state.enabled and _state.modified is not None


# --- the files -------------------------------------------------------------------------------


def files_snapshot(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``roots`` (folders or files) with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        # The root resolved once; below it the paths as walked (a symlinked folder is not entered).
        top = os.path.realpath(root)
        if os.path.isfile(top):
            stat = os.stat(top)
            found[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except FileNotFoundError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclasses.dataclass(frozen=True)
class Edit:
    """What changed since the last good build: the edited Markdown pages, or why it takes a full build."""

    docs: frozenset[str]
    data: bool
    full_because: str | None


def classify(
    before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]], docs_dir: Path, data_dirs: Iterable[Path]
) -> Edit:
    """Sort the changed files: Markdown in docs/ and YAML in a data folder allow a partial build; all else does not."""
    if before.keys() != now.keys():
        return Edit(frozenset(), False, "er is een bestand bijgekomen of weggegaan")
    docs_root = os.fspath(docs_dir.resolve()) + os.sep
    data_roots = [os.fspath(d.resolve()) + os.sep for d in data_dirs]
    docs: set[str] = set()
    data = False
    for path, stamp in now.items():
        if before[path] == stamp:
            continue
        if path.startswith(docs_root) and path.endswith(".md"):
            docs.add(path[len(docs_root) :].replace(os.sep, "/"))
        elif (
            any(path.startswith(root) for root in data_roots)
            and path.endswith(".yml")
            and "snapshots" not in Path(path).parts
        ):
            data = True
        else:
            return Edit(frozenset(), False, f"{path} is veranderd")
    return Edit(frozenset(docs), data, None)


def _release_memory() -> None:
    """After a rebuild and its index, in the background: collect what the last build left in cycles and
    give freed memory back to the system (glibc keeps it otherwise), so a long session under serve stays
    at the size of one build instead of its highest peak."""
    gc.collect()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (macOS, Windows, musl): the collection alone
        return
    libc.malloc_trim(0)


class Rebuilder:
    """The builder of ``mkdocs serve`` (set in the hook's ``on_serve``): a partial build when it can, else a full one.

    ``full`` is the server's own builder (a clean, complete build);
    ``partial`` builds with ``dirty=True`` (see :func:`partial_mkdocs_build`).
    """

    def __init__(
        self,
        full: Callable[[], None],
        partial: Callable[[], None],
        docs_dir: Path,
        data_dirs: Iterable[Path],
        index: Callable[[], object] | None = None,
    ) -> None:
        self.full = full
        self.partial = partial
        self.docs_dir = docs_dir
        self.data_dirs = tuple(data_dirs)
        self.index = index
        self._indexing: threading.Thread | None = None
        self._again = False
        self._lock = threading.Lock()
        self.last: str = "geen"

    def wait(self) -> None:
        """Wait until the search index is written for the last build."""
        while True:
            with self._lock:
                thread = self._indexing
            if thread is None:
                return
            thread.join()

    def _index_later(self) -> None:
        """Make the search index again in a thread of its own, after the one that runs now (if any)."""
        with self._lock:
            if self._indexing is not None:
                self._again = True
                return
            self._indexing = threading.Thread(target=self._index_loop, name="zoekindex", daemon=True)
            self._indexing.start()

    def _index_loop(self) -> None:
        assert self.index is not None
        while True:
            with self._lock:
                job, _state.deferred = _state.deferred, None
            try:
                if job is not None:
                    job()
                self.index()
            except Exception as err:  # the server keeps serving; the next build tries again
                log.error("De open data of de zoekindex konden niet worden gemaakt: %s", err)
            with self._lock:
                again = self._again
            if not again:
                _release_memory()
            with self._lock:
                if not self._again:
                    self._indexing = None
                    return
                self._again = False

    def __call__(self, config: Any = None) -> None:
        started = time.perf_counter()
        if _state.sources is None:
            edit = Edit(frozenset(), False, "nog geen eerdere bouw")
        else:
            _state.taken = files_snapshot(_state.roots)
            edit = classify(_state.files, _state.taken, self.docs_dir, self.data_dirs)
        if edit.full_because is None:
            _state.partial = edit.docs
            try:
                self.partial()
            except FullBuildNeeded as why:
                _state.partial = None
                log.info("Alles opnieuw bouwen: %s.", why)
            else:
                count = len(_state.pages) if _state.modified is None else len(_state.modified)
                self.last = "deels"
                log.info(
                    "Alleen wat veranderde is opnieuw gemaakt: %d pagina's in %.2f s.",
                    count,
                    time.perf_counter() - started,
                )
                if self.index is not None:
                    self._index_later()
                return
            finally:
                _state.partial = None
        else:
            log.info("Alles opnieuw bouwen: %s.", edit.full_because)
        self.last = "alles"
        # A full build cleans site/ and makes the index itself: no index of an older build may land in it.
        self.wait()
        self.full()
