"""An offline link checker for a built site: every internal link and anchor must resolve.

A link is internal when it points into the site: a relative address, an
absolute path under the site's path (``/actieplan/...``), or a full address
under ``site_url``. It resolves when the file exists in ``site/`` (a folder
means its ``index.html``) and, when it has a fragment, that file has an element
with that id. Links to other sites are not followed (no network in tests).

One link points above the site on purpose: "Ga naar de actuele versie" in
Material's outdated banner. mike publishes each version in a folder of its
own, and that link goes to the folder of all versions, one level above this
build (which redirects to the current version). It must point exactly there;
on the 404 page, whose links are absolute from the site's path, to that path.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html

__all__ = ["Broken", "SiteLinks"]

# Every attribute in HTML that loads or links to an address.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}


@dataclasses.dataclass(frozen=True, order=True)
class Broken:
    """A link that does not resolve: on which page, the link as written, and why."""

    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} — {self.reason}"


class SiteLinks:
    """Checks the links of the site built in ``site`` and published at ``site_url``."""

    def __init__(self, site: Path, site_url: str) -> None:
        self.site = site
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self._root = urlsplit(self.site_url)

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def check_all(self) -> list[Broken]:
        """Every link on every page, every location in the search index, every address in the sitemap."""
        found = [b for page in self.pages() for b in self.check_page(page)]
        return sorted(found + self.check_search_index() + self.check_sitemap())

    def check_page(self, page: str) -> list[Broken]:
        tree = html.parse(str(self.site / page))
        base = self.site_url + page
        broken = []
        versions_root = urljoin(self.site_url, "../")
        for banner in tree.xpath('//*[@data-md-component="outdated"]'):
            for link in self.links(banner):
                target = urljoin(base, link.strip())
                if target != versions_root and not (link.startswith("/") and target == self.site_url):
                    broken.append(Broken(page, link, f"moet naar de map met alle versies wijzen ({versions_root})"))
            banner.getparent().remove(banner)
        return broken + [b for link in self.links(tree) if (b := self.resolve(page, base, link))]

    def check_search_index(self) -> list[Broken]:
        index = self.site / "search" / "search_index.json"
        if not index.is_file():
            return []
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        return [b for doc in docs if (b := self.resolve("search/search_index.json", self.site_url, doc["location"]))]

    def check_sitemap(self) -> list[Broken]:
        sitemap = self.site / "sitemap.xml"
        if not sitemap.is_file():
            return []
        locations = etree.parse(str(sitemap)).iterfind(".//{*}loc")
        return [b for loc in locations if (b := self.resolve("sitemap.xml", self.site_url, loc.text.strip()))]

    def resolve(self, page: str, base: str, link: str) -> Broken | None:
        """Why ``link``, written on ``page`` (at address ``base``), does not resolve; None when it does."""
        address = urlsplit(urljoin(base, link.strip()))
        if address.scheme not in {"http", "https"}:
            return None  # mailto:, tel:, data: ...
        if address.netloc != self._root.netloc:
            return None  # another site: not checked here
        if not address.path.startswith(self._root.path):
            return Broken(page, link, f"wijst buiten de site ({address.path})")
        relative = PurePosixPath(unquote(address.path[len(self._root.path) :]))
        if ".." in relative.parts:
            return Broken(page, link, "wijst buiten de site")
        target = self.site / relative
        if address.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return Broken(page, link, f"bestand ontbreekt: {target.relative_to(self.site).as_posix()}")
        fragment = unquote(address.fragment)
        if fragment and target.suffix == ".html" and fragment not in self._ids(target):
            return Broken(page, link, f"anker #{fragment} ontbreekt in {target.relative_to(self.site).as_posix()}")
        return None

    @staticmethod
    def links(tree: etree._ElementTree) -> Iterator[str]:
        """Every address written in the page, as written."""
        for element in tree.iter(*URL_ATTRIBUTES):
            for attribute in URL_ATTRIBUTES[element.tag]:
                value = element.get(attribute)
                if value is None:
                    continue
                if attribute == "srcset":
                    yield from (part.split()[0] for part in value.split(",") if part.strip())
                else:
                    yield value

    @functools.cache  # noqa: B019 - one SiteLinks per built site, kept for the whole run: the cache cannot outlive it
    def _ids(self, target: Path) -> frozenset[str]:
        tree = html.parse(str(target))
        return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))
