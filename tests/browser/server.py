"""The built site on 127.0.0.1 as GitHub Pages serves it, for the browser tests (macros/dev/browser.py serves).

The site lives under the path of ``site_url`` (``/actieplan/``): the 404 page
links its assets absolutely under that path, so serving the folder at the root
would break exactly that page. A missing file gets ``404.html`` with status 404.
Next to the site, ``versions.json`` lists the one served version, as mike
writes it for a versioned site (Material's version selector reads it). The
version has the alias ``latest`` (mkdocs.yml ``extra.version.default``), as
the current version has when it is published: so the pages are audited as
most readers see them, without the banner of an older version (that banner is
tested in tests/browser/test_versions.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.dev import browser

__all__ = ["serve", "site_config"]


def site_config(site: Path) -> dict:
    """The configuration Material gives its scripts (the ``__config`` block of the home page)."""
    match = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        (site / "index.html").read_text(encoding="utf-8"),
        re.S,
    )
    return json.loads(match.group(1)) if match else {}


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` under its published path on a free port of 127.0.0.1; yields the address of its home page."""
    prefix = browser.site_prefix(site)
    extra = {}
    if prefix != "/":
        parent, _, name = prefix.rstrip("/").rpartition("/")
        # The served version is the current one ("latest", mike's default alias), as readers normally see it.
        extra[parent + "/versions.json"] = json.dumps(
            [{"version": name, "title": name, "aliases": ["latest"]}]
        ).encode()
    with browser.serve(site, prefix, no_store=True, extra=extra) as url:
        yield url
