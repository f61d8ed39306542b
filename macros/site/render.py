"""The Jinja environment for the HTML templates and its filters (the Markdown one is macros.outputs.markdown).

Templates live in ``macros/templates/``. Autoescaping is on for every
template, so any text from the data is escaped; templates never mark data
as safe. Whitespace control keeps the output free of blank lines, so that
Python-Markdown passes each block through as raw HTML untouched.

The templates put each element on a line of its own. Where the HTML has
no white space between two elements (table cells, ``<dt>`` and ``<dd>``), a
line ends in ``{# -#}``: an empty comment whose ``-`` takes out the line
break and the indentation of the next line, so the output is the same as
when everything stood on one line.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from macros.dutch import date_nl, euro, moment_nl, number_nl, value_nl
from macros.model.chain import href as chain_href
from macros.model.records import PartialDate
from macros.site.settings import SiteSettings

__all__ = ["BYTECODE_CACHE", "TEMPLATE_DIR", "MemoryBytecodeCache", "Renderer", "relative_url"]

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"

#: The one word shown for each status, everywhere (a tag: macros/templates/_parts.html.jinja).
STATUS_LABELS = {
    "gepland": "Gepland",
    "lopend": "Lopend",
    "vertraagd": "Vertraagd",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
    "niet-gerapporteerd": "Onbekend",
}


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start or ".")`` for site paths, without its two calls to ``os.getcwd``.

    A page of a measure makes some 70 links; with 1,000 measures the
    standard function was a sixth of the build. Paths with ``.`` or ``..``
    in them go to the standard function.
    """
    to = [part for part in path.split("/") if part]
    here = [part for part in start.split("/") if part]
    if "." in to or ".." in to or "." in here or ".." in here:
        return posixpath.relpath(path, start or ".")
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + to[common:]
    return "/".join(parts) if parts else "."


@functools.lru_cache(maxsize=1 << 16)
def relative_url(page_url: str, target: str) -> str:
    """The link from the page at ``page_url`` to the site path ``target``.

    Both are site-relative, as MkDocs gives them (``ogw/stap-4-maatregelen/``).
    Links stay relative so every version of the site works in its own folder.
    """
    target_path, hash_, fragment = target.partition("#")
    base = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else ""
    rel = _relpath(target_path, base) if target_path else ""
    if target_path.endswith("/") and rel != "." and not rel.endswith("/"):
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (hash_ + fragment if hash_ else "")


def _date_nl(value: PartialDate) -> str:
    return value.dutch


def _status(value: str) -> str:
    return STATUS_LABELS.get(value, value)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, keyed by name and a checksum of the source (Jinja's own keys).

    ``mkdocs serve`` makes a new Renderer, and MkDocs a new theme
    environment, for every build; compiling the same templates again was most
    of a rebuild after an edit. A changed template has another checksum, so it
    is compiled anew; the output is the same either way.
    """

    def __init__(self) -> None:
        # Code objects, not their marshalled bytes: they cannot change, so every environment may run the
        # same one, and loading one is a dictionary lookup instead of unmarshalling it every build.
        self._code: dict[str, CodeType] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = bucket.code

    def clear(self) -> None:
        self._code.clear()


#: One cache for the process: the data templates and the theme's (macros/hooks.py, on_env).
BYTECODE_CACHE = MemoryBytecodeCache()


@jinja2.pass_context
def _reuse(context: Any, name: str, *parts: Any, caller: Any) -> Any:
    """``{% call reuse("name", record.id, ...) %}…{% endcall %}``: the part between, made once and reused
    under serve while nothing it read changed (:func:`macros.site.incremental.reuse`). ``parts`` must say
    everything else the part depends on."""
    from macros.site.incremental import reuse

    return reuse((context.name, context.get("page_url"), name, *parts), caller)


class Renderer:
    """Renders data templates for one plan."""

    def __init__(
        self,
        plan: Any,
        template_dir: Path = TEMPLATE_DIR,
        site: Any = None,
        snapshots: dict[str, Any] | None = None,
        version: Any = None,
        benchmark: Any = None,
        readability: Any = None,
        accessibility: Any = None,
    ) -> None:
        self.plan = plan
        #: The build's SiteSettings (repository, plan version, moment); None in unit tests that need none.
        self.site = site
        #: Plans of released versions, by version id (data/snapshots/).
        self.snapshots = snapshots or {}
        #: The version this build publishes.
        self.version = version
        #: The figures of `make bench` (macros.views.performance.BenchmarkResults), or None when there are none.
        self.benchmark = benchmark
        #: The B1 scores of the pages of docs/ (list of macros.prose.PageScores), or None in unit tests.
        self.readability = readability
        #: The checked facts of the accessibility statement (macros/site/accessibility.py), or None.
        self.accessibility = accessibility
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            # The templates do not change during a build (`mkdocs serve` makes a new
            # Renderer for every build), so no file check on every include.
            auto_reload=False,
            bytecode_cache=BYTECODE_CACHE,
        )
        self.env.filters.update(
            {
                "euro": euro,
                "getal": number_nl,
                "datum": _date_nl,
                "status": _status,
                "dag": date_nl,
                "tijdstip": moment_nl,
                "waarde": value_nl,
            }
        )
        self.env.globals.update({"plan": plan, "keten_href": chain_href, "reuse": _reuse})

    def require_site(self) -> SiteSettings:
        """The build's settings, for views that make links to GitHub or need the moment."""
        if self.site is None:
            raise ValueError("deze weergave heeft de instellingen van de site nodig (Renderer(site=...))")
        return self.site

    def render(self, template: str, page_url: str = "", **context: Any) -> Markup:
        """Render ``template`` for the page at ``page_url``.

        The template gets ``link(target)`` for relative links to site paths.
        Blank lines are dropped so that Markdown keeps the block as raw HTML.
        """
        html = self.env.get_template(template).render(
            link=lambda target: relative_url(page_url, target), page_url=page_url, **context
        )
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))


# Markdown output (the pull-request comment of `actieplan diff`) ------------------
