"""The whole plan as one PDF, printed by Debian's chromium from the site's print page.

``mkdocs-print-site-plugin`` (on when ``ACTIEPLAN_PDF=true``) combines the
chapters into ``print_page/`` with a cover and a table of contents; this
module serves the built site on 127.0.0.1 (macros/dev/browser.py), opens that page in chromium via
Playwright and prints it to A4 with page numbers. No browser is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from macros.dev.browser import CHROMIUM, have_browser, launch, serve

__all__ = ["make_reproducible", "render_pdf"]

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
_NODE_ID = re.compile(rb"\(node(\d{8})\)")
#: A leaf of the ID tree: its limits, then its sorted list of (id) object reference pairs.
_ID_TREE = re.compile(rb"/Limits \[(\(node\d{8}\)) (\(node\d{8}\))\]\s*/Names \[([^\]]*)\]")
_ID_PAIR = re.compile(rb"(\(node\d{8}\)) (\d+ \d+ R)")
#: The trailer's file identifier: two hex strings.
_FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def make_reproducible(pdf: Path, epoch: str | None) -> None:
    """Make two prints of one commit byte-identical, so publishing a version twice changes nothing.

    Chromium writes the clock's time as the creation and change dates, and
    names the structure elements of the tagged PDF (``(node00000492)``) after
    DOM nodes, whose numbers and order differ from run to run. The dates
    become the moment ``epoch`` (SOURCE_DATE_EPOCH, seconds; without a valid
    one they stay). The ids are renumbered 1, 2, 3 … in the order the
    structure elements come in the file (outside the ID tree), and the ID
    tree's list is sorted again by the new ids, as a name tree must be. Every
    change keeps the file's length and the place of every object, so the
    offsets in the cross-reference table stay right.
    """
    data = pdf.read_bytes()
    tree = _ID_TREE.search(data)
    outside = data if tree is None else data[: tree.start()] + data[tree.end() :]
    order: dict[bytes, int] = {}
    for node in _NODE_ID.findall(outside):
        order.setdefault(node, len(order) + 1)
    for node in _NODE_ID.findall(data):
        order.setdefault(node, len(order) + 1)
    data = _NODE_ID.sub(lambda m: b"(node%08d)" % order[m.group(1)], data)
    tree = _ID_TREE.search(data)
    if tree is not None:
        pairs = _ID_PAIR.findall(tree.group(3))
        if pairs and b" ".join(b"%s %s" % pair for pair in pairs) == tree.group(3):
            pairs.sort()
            ordered = b" ".join(b"%s %s" % pair for pair in pairs)
            data = (
                data[: tree.start(1)]
                + pairs[0][0]
                + data[tree.end(1) : tree.start(2)]
                + pairs[-1][0]
                + data[tree.end(2) : tree.start(3)]
                + ordered
                + data[tree.end(3) :]
            )
    stamp = b""
    if epoch and epoch.isascii() and epoch.isdigit():
        try:
            stamp = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y%m%d%H%M%S").encode()
        except (OverflowError, ValueError, OSError):
            stamp = b""
    if len(stamp) == 14:
        data = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')", data)
    # The file identifier (a random one from pypdf, see _describe) becomes a digest of the rest
    # of the file, of the same length, so the offsets stay right.
    found = _FILE_ID.search(data)
    if found is not None:
        masked = data[: found.start()] + data[found.end() :]
        digest = hashlib.sha256(masked).hexdigest().upper().encode()
        first, second = found.group(1), found.group(2)
        data = (
            data[: found.start(1)]
            + (digest * 2)[: len(first)]
            + data[found.end(1) : found.start(2)]
            + (digest * 2)[: len(second)]
            + data[found.end(2) :]
        )
    pdf.write_bytes(data)


#: The author in the PDF's metadata (the archive asks for title, author and subject).
AUTHOR = "Programma Samen tegen mensenhandel, Ministerie van Justitie en Veiligheid"


def render_pdf(
    site_dir: Path,
    out: Path,
    browser: Any = None,
    title: str | None = None,
    subject: str | None = None,
    public_url: str | None = None,
) -> Path:
    """Print ``site_dir/print_page/`` to ``out``; returns ``out``.

    ``browser`` is an already running Playwright browser to use (the tests share
    one); without it, chromium is started for this PDF and stopped after.
    ``title`` and ``subject`` go into the PDF's metadata with :data:`AUTHOR`
    (chromium writes only the page's title); the tags, the outline and ``/Lang`` stay.

    ``public_url``: where this version of the site is published (``https://…/2024-06/``).
    Links in the PDF to other files of the site then go there, not to the
    loopback server the page was printed from (whose port changes every time).

    Raises:
        FileNotFoundError: when the site has no print page (built without ACTIEPLAN_PDF=true)
            or chromium is missing.
    """
    if not (site_dir / "print_page" / "index.html").is_file():
        raise FileNotFoundError(site_dir / "print_page" / "index.html")
    if browser is None and not have_browser():
        raise FileNotFoundError(CHROMIUM)
    out.parent.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        _print(browser, site_dir, out, public_url)
        _finish(out, title, subject)
        return out
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = launch(p)
        try:
            _print(own, site_dir, out, public_url)
        finally:
            own.close()
    _finish(out, title, subject)
    return out


#: Links to other files of the site point to ``to`` instead of ``from``; links within the print page stay.
#: Wait until every image is decoded and every font loaded, before and after the switch to print media.
_SETTLED = """async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  await document.fonts.ready;
}"""

_PUBLIC_LINKS = """([from, to]) => {
  for (const a of document.querySelectorAll("a[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.href.startsWith(from) && url.pathname !== location.pathname) a.href = to + url.href.slice(from.length);
  }
}"""


def _finish(out: Path, title: str | None, subject: str | None) -> None:
    """Chromium's print made reproducible, then described, then its new file identifier made reproducible too.

    pypdf writes the objects in the order it finds them, so Chromium's run-dependent structure ids
    are renumbered first; the second pass fixes the dates and the random identifier pypdf adds.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    make_reproducible(out, epoch)
    _describe(out, title, subject)
    make_reproducible(out, epoch)


def _describe(out: Path, title: str | None, subject: str | None) -> None:
    """Add author, subject (and a given title) to the PDF's document information, keeping all else."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(out))
    # Chromium writes no file identifier; archives (PDF/A) and PDF 2.0 ask for one. pypdf's is random,
    # and make_reproducible then makes it a digest of the file.
    writer.generate_file_identifiers()
    info = {"/Author": AUTHOR, "/Creator": "actieplan pdf (chromium)"}
    if title:
        info["/Title"] = title
    if subject:
        info["/Subject"] = subject
    writer.add_metadata(info)
    with out.open("wb") as f:
        writer.write(f)


def _print(browser: Any, site_dir: Path, out: Path, public_url: str | None = None) -> None:
    with serve(site_dir) as base:
        page = browser.new_page()
        try:
            page.goto(base + "print_page/", wait_until="networkidle")
            # The page's own scripts first (images, fonts, the print plugin's links), then the public
            # links: a print once had them on some links and not on others.
            page.evaluate(_SETTLED)
            if public_url:
                page.evaluate(_PUBLIC_LINKS, [base, public_url.rstrip("/") + "/"])
            page.emulate_media(media="print")
            page.evaluate(_SETTLED)
            # Page size, margins and page numbers come from the @page rules of the
            # site's CSS (overrides/assets/actieplan.css), in Dutch.
            page.pdf(path=str(out), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        finally:
            page.close()
