"""What every Dutch government site carries: the footer links, security.txt (RFC 9116) and the pages behind them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tests.helpers import soup

#: The footer links a government site carries (RVO footer rules), then the colofon; in this order.
FOOTER = [
    ("Contact", "over/contact/"),
    ("Privacy", "over/privacy/"),
    ("Cookies", "over/cookies/"),
    ("Toegankelijkheid", "over/toegankelijkheid/"),
    ("Proclaimer", "over/proclaimer/"),
    ("Kwetsbaarheid melden", "over/kwetsbaarheid-melden/"),
    ("Colofon", "over/colofon/"),
]


def test_every_page_has_the_footer_links_and_they_resolve(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        nav = soup(page).select_one('footer nav[aria-label="Over deze site"]')
        assert nav is not None, page
        links = [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]
        assert [text for text, _ in links] == [text for text, _ in FOOTER], page
        if page.name == "404.html":
            continue  # absolute links from the site root; checked by the link checker
        for (_, href), (_, target) in zip(links, FOOTER, strict=True):
            resolved = (page.parent / href / "index.html").resolve()
            assert resolved == (site / target / "index.html").resolve(), (page, href)
            assert resolved.is_file()


def _fields(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        name, _, value = line.partition(": ")
        assert name and value, line
        assert name not in fields, f"{name} twice"
        fields[name] = value
    return fields


def test_security_txt_follows_rfc_9116(site: Path):
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert text.endswith("\n") and "\r" not in text
    fields = _fields(text)
    assert fields["Contact"] == "https://github.com/samen-tegen-mensenhandel/actieplan/security/advisories/new"
    assert fields["Canonical"] == "https://samen-tegen-mensenhandel.github.io/actieplan/.well-known/security.txt"
    assert fields["Policy"] == "https://samen-tegen-mensenhandel.github.io/actieplan/over/kwetsbaarheid-melden/"
    assert fields["Preferred-Languages"] == "nl, en"
    # Expires: ISO 8601 in UTC, after the build and less than a year after it (RFC 9116 §2.5.5).
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    built = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or expires.timestamp() - 86400), dt.UTC)
    assert built < expires < built + dt.timedelta(days=365)


def test_the_report_page_links_the_private_report_and_security_txt(site: Path):
    page = soup(site / "over" / "kwetsbaarheid-melden" / "index.html")
    hrefs = {a["href"] for a in page.select("article a[href]")}
    assert "https://github.com/samen-tegen-mensenhandel/actieplan/security/advisories/new" in hrefs
    assert "https://samen-tegen-mensenhandel.github.io/actieplan/.well-known/security.txt" in hrefs


def test_the_cookie_page_says_there_are_none(site: Path):
    text = soup(site / "over" / "cookies" / "index.html").select_one("article").get_text(" ", strip=True)
    assert "geen cookies" in text
