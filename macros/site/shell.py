"""The parts of a page's frame that are the same on many pages, rendered once per build.

The navigation on a page that is not in it (every measure and organisation
page) marks no entry as the current one: what Material draws there differs
between those pages only in its links, which are relative to the page's
folder. So it is rendered once for each folder of such pages
(``maatregelen/``, ``organisaties/``) and reused; with 1,000 measures that
was a sixth of the build.

Material still draws it: ``overrides/base.html`` wraps Material's include in
``{% call shared_part("nav") %}``, and this module only decides when the
first rendering may stand for the next. A page in the navigation, or a page
with an entry of the navigation below its own address (whose relative links
would differ), always renders its own. ``tests/test_build.py`` builds the
site with and without the reuse and compares every page byte for byte, so an
upgrade of Material that makes the navigation depend on more than that is
noticed.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from typing import Any

import jinja2

__all__ = ["REUSE_VARIABLE", "shared_part", "shortcuts"]

#: Set to "0" to render every page the standard way: its own frame, and its Markdown through Markdown
#: (the test that compares both ways, tests/test_material_overrides.py).
REUSE_VARIABLE = "ACTIEPLAN_SHARED_FRAME"


def shortcuts() -> bool:
    """False when :data:`REUSE_VARIABLE` says every page takes the standard way."""
    return os.environ.get(REUSE_VARIABLE, "1") != "0"


def shared_part() -> Callable[..., Any]:
    """The Jinja global ``shared_part(name)`` for one build's theme environment (``on_env``)."""
    reuse = shortcuts()
    rendered: dict[tuple[str, str], Any] = {}
    below: dict[str, bool] = {}
    nav_urls: list[str] = []  # the addresses of the navigation's pages, once per build

    @jinja2.pass_context
    def shared_part(context: Any, name: str, caller: Callable[[], Any]) -> Any:
        page, nav = context.get("page"), context.get("nav")
        if not reuse or page is None or nav is None or getattr(page, "file", None) is None:
            return caller()
        if not page.file.inclusion.is_not_in_nav():
            return caller()
        url = page.url
        if not nav_urls:
            nav_urls.extend(entry.url for entry in nav.pages)
        if url not in below:
            below[url] = any(target.startswith(url) for target in nav_urls) if url else True
        if below[url]:
            return caller()
        key = (name, posixpath.dirname(url.rstrip("/")))
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = caller()
        return html

    return shared_part
