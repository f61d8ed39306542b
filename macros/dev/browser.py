"""Debian's chromium and a loopback web server: the one place for both (PDF, benchmark, browser tests).

The browser is ``$CHROMIUM`` or Debian's ``/usr/bin/chromium``, driven by
Playwright for Python; Playwright never downloads a browser here. Playwright is
an optional dependency (the ``test`` extra), so it is imported inside the
functions that need it, never when this module is imported.

``serve()`` puts a built site on a free port of 127.0.0.1: at the root (the PDF
and the benchmark), or under the path the site is published at, with the
site's ``404.html`` for every missing address, as GitHub Pages does (the
browser tests). With ``gzip=True`` text files are sent compressed when the
browser accepts that, as a static host does (the benchmark's transfer sizes).
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import mimetypes
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "have_browser", "launch", "serve", "site_prefix"]

CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
#: Flags for a closed network: without them chromium keeps trying Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-quic",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-pings",
]

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


def have_browser() -> bool:
    """Whether the chromium binary is there and may be run."""
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def launch(playwright: Any, **options: Any) -> Any:
    """Start chromium with our flags from a running Playwright (``sync_playwright()``); returns the browser."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, **options)


def site_prefix(site: Path) -> str:
    """The URL path a built site is published under, read from the canonical link of its home page."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory`` under ``prefix``; quiet; see ``serve()`` for the options."""

    prefix = "/"
    use_gzip = False
    no_store = False
    extra: Mapping[str, bytes] = {}

    def send_head(self) -> Any:
        url_path = urlsplit(self.path).path
        if url_path in self.extra:
            return self._send(200, self.extra[url_path], mimetypes.guess_type(url_path)[0] or "text/plain")
        if self.use_gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in _COMPRESSIBLE and path.is_file():
                return self._send(200, _gzipped(path, path.stat().st_mtime_ns), self.guess_type(str(path)), "gzip")
        return super().send_head()

    def _send(self, status: int, body: bytes, content_type: str, encoding: str | None = None) -> _Body:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.prefix) and url_path + "/" != self.prefix:
            return str(Path(self.directory) / ".missing" / "outside-the-site")
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.prefix == "/" or not page.is_file():
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
        if self.no_store:
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """A response body already in memory, read by ``copyfile`` like an open file."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, _mtime: int) -> bytes:
    return gzip_module.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve(
    site_dir: Path,
    prefix: str | None = None,
    gzip: bool = False,
    *,
    no_store: bool = False,
    extra: Mapping[str, bytes] | None = None,
) -> Iterator[str]:
    """Serve ``site_dir`` on a free port of 127.0.0.1 while the block runs; yields the base URL.

    ``prefix``: the URL path to serve the site under (e.g. ``/actieplan/``); every
    other address, and every missing file, gets the site's ``404.html`` with status
    404, as on GitHub Pages. Without it the site is at ``/`` with a plain 404.
    ``gzip``: compress text files when the browser accepts gzip, as a static host does.
    ``no_store``: tell the browser never to cache, so every visit sees the current build.
    ``extra``: more responses, by absolute URL path (e.g. mike's ``versions.json`` beside the site).
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix and prefix.strip("/") else "/"
    attributes = {"prefix": prefix, "use_gzip": gzip, "no_store": no_store, "extra": dict(extra or {})}
    handler = functools.partial(type("SiteHandler", (_Handler,), attributes), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
