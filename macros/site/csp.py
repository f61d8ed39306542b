"""A Content-Security-Policy for every page, as a ``<meta http-equiv>`` (GitHub Pages sets no headers).

Scripts may come only from the site itself, or be one of the inline scripts
of that very page, named by their sha256 (Material writes a few small inline
scripts, whose text differs by folder depth, so the hashes are worked out per
page after the page is final). No ``'unsafe-inline'`` for scripts, no
``eval``. Styles, images, fonts, requests and workers: the site itself (and
``data:`` images, which Material's icons use). The policy must come before
the first script it governs, so it goes right after ``<meta charset>``.
``frame-ancestors`` cannot be set from a meta tag.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["CSP_MARKER", "add_csp", "csp_for", "inline_scripts"]

CSP_MARKER = '<meta http-equiv="Content-Security-Policy"'

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` that a browser would run (not JSON data, not ``src=``)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _JAVASCRIPT_TYPES:
            found.append(body)
    return found


def csp_for(html: str) -> str:
    """The policy for one page: its own inline scripts by hash, everything else from the site itself."""
    hashes = sorted(
        {
            f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
            for s in inline_scripts(html)
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
            "style-src 'self'",
            # Style attributes only (the widths of the stacked bars on the home page): they cannot run code.
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_csp(html: str) -> str:
    """``html`` with its policy after ``<meta charset>`` (unchanged when it has one, or no charset tag)."""
    if CSP_MARKER in html:
        return html
    match = _CHARSET.search(html)
    if match is None:
        return html
    meta = f'{CSP_MARKER} content="{csp_for(html)}">'
    return html[: match.end()] + "\n" + meta + html[match.end() :]
