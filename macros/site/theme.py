"""What the theme asks a build for: the version it publishes, the banners, the per-page links and the PDF.

The build puts one :class:`ThemeParts` in ``config.extra.actieplan``;
``overrides/main.html``, the footer and the PDF cover read it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from markupsafe import Markup

from macros.model.consultation import open_round
from macros.model.records import PartialDate, Version
from macros.site.render import Renderer
from macros.site.settings import ERROR_FORM, REACTION_FORM

__all__ = ["SEARCH_KINDS", "BuildVersion", "Download", "ThemeParts", "download"]

#: The kinds of page the search can be narrowed to (ThemeParts.search_filters), in the order the
#: search window lists them (overrides/assets/zoekfilters.js has the same order).
SEARCH_KINDS = ("Maatregel", "Organisatie", "Voortgang", "Hoofdstuk")


@dataclasses.dataclass(frozen=True)
class Download:
    """A document of this version to download, described as GOV.UK's attachment pattern asks: type, size, pages."""

    #: Site path (``pdf/actieplan-2024-06.pdf``).
    path: str
    #: What the reader gets ("Het hele actieplan als PDF").
    label: str
    #: The file type as readers know it ("PDF", "ODT").
    kind: str
    size: int
    #: Number of pages; None for a document without fixed pages (an ODT is laid out by the editor).
    pages: int | None = None

    @property
    def details(self) -> str:
        """``PDF, 1,2 MB, 48 pagina's``."""
        from macros.dutch import number_nl

        size = (
            f"{number_nl(self.size / 1_000_000, 1)} MB"
            if self.size >= 100_000
            else f"{max(1, round(self.size / 1000))} kB"
        )
        parts = [self.kind, size]
        if self.pages is not None:
            parts.append(f"{self.pages} pagina's" if self.pages != 1 else "1 pagina")
        return ", ".join(parts)


def download(docs_dir: Any, path: str, label: str) -> Download | None:
    """The download at ``docs_dir/path`` with its type, size and (for a PDF) pages; None when it is not there."""
    from pathlib import Path

    file = Path(docs_dir) / path
    if not file.is_file():
        return None
    kind = file.suffix.lstrip(".").upper()
    pages = None
    if kind == "PDF":
        from pypdf import PdfReader

        pages = len(PdfReader(file).pages)
    return Download(path, label, kind, file.stat().st_size, pages)


class ThemeParts:
    """Parts of every page that the theme (overrides/main.html) asks for.

    The build puts one instance in ``config.extra.actieplan``; the theme passes
    the page and links made with its own ``url`` filter, so the links work in
    every page and every version folder.
    """

    def __init__(
        self,
        renderer: Renderer,
        version: dict[str, str] | None = None,
        pdf: str | None = None,
        downloads: tuple[Download, ...] = (),
    ) -> None:
        self.renderer = renderer
        self.site = renderer.require_site()
        #: The version this build publishes, as plain values (``BuildVersion.for_theme``):
        #: the concept banner, the footer and the PDF cover read them.
        self.versie = version or {}
        #: Site path of this version's PDF, when `make pdf` made one.
        self.pdf = pdf
        #: The documents of this version (the PDF; the ODT for a concept), for the footer.
        self.downloads = downloads
        #: Site path → id of the measure or organisation with that page (search_filters), made on first use.
        self._measures_by_path: dict[str, str] | None = None
        self._organisations_by_path: dict[str, str] = {}

    def version_banner(self) -> Markup:
        """The concept banner when this build publishes a concept; empty otherwise."""
        version = self.renderer.version
        if version is None or version.status != "concept":
            return Markup("")
        return self.renderer.render("versie_banner.html.jinja", version=version)

    def banner(self, consultation_href: str) -> Markup:
        """The banner while a round is open; empty otherwise (then Material shows no banner at all)."""
        round_ = open_round(self.renderer.plan.consultation_rounds.values(), self.site.now)
        if round_ is None:
            return Markup("")
        return self.renderer.render(
            "consultatie_banner.html.jinja",
            round=round_,
            days_left=round_.days_left(self.site.now),
            href=consultation_href,
        )

    def search_filters(self, page: Any) -> Markup:
        """What the search filters file ``page`` under: its kind and, for a measure, its status and actiehouder.

        The kinds are :data:`SEARCH_KINDS`; Pagefind reads them from the page (macros/site/pagefind.py)
        and the search window offers them (overrides/assets/zoekfilters.js).
        """
        url = str(getattr(page, "url", "") or "")
        plan = self.renderer.plan
        if self._measures_by_path is None:
            self._measures_by_path = {m.page_path: m.id for m in plan.measures.values()}
            self._organisations_by_path = {o.page_path: o.id for o in plan.organisations.values()}
        status = owner = None
        if url in self._measures_by_path:
            measure = plan.measures[self._measures_by_path[url]]
            kind, status = "Maatregel", measure.status
            lead = plan.organisations[measure.owner]
            short = lead.abbreviation
            owner = f"{lead.name} ({short})" if short and short not in lead.name else lead.name
        elif url in self._organisations_by_path:
            kind = "Organisatie"
        elif url.startswith("voortgang/"):
            kind = "Voortgang"
        else:
            kind = "Hoofdstuk"
        return self.renderer.render("zoekfilters.html.jinja", kind=kind, status=status, owner=owner)

    def page_actions(self, page: Any, consultation_href: str) -> Markup:
        """ "Reageer op deze pagina" and "Stel een wijziging voor", filled in for ``page``."""
        title = str(getattr(page, "title", "") or "")
        address = self.site.page_url(page.url)
        round_ = open_round(self.renderer.plan.consultation_rounds.values(), self.site.now)
        fields = {
            "pagina": f"{title} ({address})",
            "versie": self.site.plan_version,
            "ronde": round_.id if round_ else "",
        }
        return self.renderer.render(
            "reageer.html.jinja",
            react_href=self.site.issue_form_url(REACTION_FORM, f"Reactie op: {title}", fields),
            # A generated page names its data file; a written page is its Markdown in docs/.
            edit_href=self.site.edit_url(page.meta.get("bronbestand") or f"docs/{page.file.src_uri}"),
            error_href=self.site.issue_form_url(ERROR_FORM, f"Fout op: {title}", {"pagina": fields["pagina"]}),
            email_href=consultation_href + "#zo-reageert-u",
            round=round_,
        )


@dataclasses.dataclass(frozen=True)
class BuildVersion:
    """The version a build publishes, with what the theme templates need to show it."""

    version: Version

    def for_theme(self) -> dict[str, str]:
        """Plain values for ``config.extra.actieplan.versie`` (read by overrides/main.html)."""
        v = self.version
        return {
            "id": v.id,
            "titel": v.title,
            "status": v.status,
            "status_label": v.status_label,
            "datum": PartialDate(v.date.year, v.date.month, v.date.day).dutch if v.date else "",
        }
