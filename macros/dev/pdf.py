"""The whole plan as one PDF, printed by Debian's chromium from the site's print page.

``mkdocs-print-site-plugin`` (on when ``ACTIEPLAN_PDF=true``) combines the
chapters into ``print_page/`` with a cover and a table of contents; this
module serves the built site on 127.0.0.1 (macros/dev/browser.py), opens that page in chromium via
Playwright and prints it to A4 with page numbers. No browser is downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.dev.browser import CHROMIUM, have_browser, launch, serve

__all__ = ["render_pdf"]


#: The author in the PDF's metadata (the archive asks for title, author and subject).
AUTHOR = "Programma Samen tegen mensenhandel, Ministerie van Justitie en Veiligheid"


def render_pdf(
    site_dir: Path, out: Path, browser: Any = None, title: str | None = None, subject: str | None = None
) -> Path:
    """Print ``site_dir/print_page/`` to ``out``; returns ``out``.

    ``browser`` is an already running Playwright browser to use (the tests share
    one); without it, chromium is started for this PDF and stopped after.
    ``title`` and ``subject`` go into the PDF's metadata with :data:`AUTHOR`
    (chromium writes only the page's title); the tags, the outline and ``/Lang`` stay.

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
        _print(browser, site_dir, out)
    else:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = launch(p)
            try:
                _print(own, site_dir, out)
            finally:
                own.close()
    _describe(out, title, subject)
    return out


def _describe(out: Path, title: str | None, subject: str | None) -> None:
    """Add author, subject (and a given title) to the PDF's document information, keeping all else."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(out))
    info = {"/Author": AUTHOR, "/Creator": "actieplan pdf (chromium)"}
    if title:
        info["/Title"] = title
    if subject:
        info["/Subject"] = subject
    writer.add_metadata(info)
    with out.open("wb") as f:
        writer.write(f)


def _print(browser: Any, site_dir: Path, out: Path) -> None:
    with serve(site_dir) as base:
        page = browser.new_page()
        try:
            page.goto(base + "print_page/", wait_until="networkidle")
            page.emulate_media(media="print")
            # Page size, margins and page numbers come from the @page rules of the
            # site's CSS (overrides/assets/actieplan.css), in Dutch.
            page.pdf(path=str(out), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        finally:
            page.close()
