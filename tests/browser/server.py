"""Serve a built site on 127.0.0.1 the way GitHub Pages does, for the browser tests.

The site lives under the path of ``site_url`` (``/actieplan/``): the 404 page
links its assets absolutely under that path, so serving the folder at the root
would break exactly that page. A missing file gets ``404.html`` with status 404.
Next to the site, ``versions.json`` lists the one served version, as mike
writes it for a versioned site (Material's version selector reads it). The
version has the alias ``latest`` (mkdocs.yml ``extra.version.default``), as
the current version has when it is published: so the pages are audited as
most readers see them, without the banner of an older version (that banner is
tested in tests/test_versions.py).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["site_config", "site_prefix", "serve"]


def site_config(site: Path) -> dict:
    """The configuration Material gives its scripts (the ``__config`` block of the home page)."""
    match = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        (site / "index.html").read_text(encoding="utf-8"),
        re.S,
    )
    return json.loads(match.group(1)) if match else {}


def site_prefix(site: Path) -> str:
    """The URL path the site is published under, read from the canonical link of its home page."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory`` under ``prefix``; quiet; 404.html for anything missing."""

    prefix = "/"

    def do_GET(self) -> None:
        versions = self.prefix.rstrip("/").rpartition("/")[0] + "/versions.json"
        if self.prefix != "/" and urlsplit(self.path).path == versions:
            name = self.prefix.rstrip("/").rpartition("/")[2]
            # The served version is the current one ("latest", mike's default alias), as
            # readers normally see it; the outdated banner of older versions is tested
            # in tests/test_versions.py on a real mike deployment.
            body = json.dumps([{"version": name, "title": name, "aliases": ["latest"]}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix) and url_path + "/" != self.prefix:
            return str(Path(self.directory) / ".missing" / "outside-the-site")
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        # Every test visit sees the current build, never a cached asset.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yields the address of its home page."""
    prefix = site_prefix(site)
    handler = functools.partial(type("SiteHandler", (_Handler,), {"prefix": prefix}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
