"""One pass over every page of a built site in a real browser; the tests read its findings.

Each page is opened once. On that one visit, in this order:

1. keyboard, on one page per template (see ``walk_once_per_template``): press
   Tab from the top until focus leaves the page, noting every stop and whether
   its focus is visible; then list visible controls that Tab never reached (at
   1280 CSS pixels; again at 320 in step 4);
2. accessibility: inject axe-core once and run it with the WCAG 2.0/2.1 A and AA
   tags, in the palette the page opened in;
3. the palette toggle, operated with the keyboard (Enter), then axe again in
   the other palette;
4. reflow: the window is narrowed to 320 CSS pixels and we measure whether
   the page scrolls sideways; then the page is loaded again at that width
   (for the keyboard walk of step 1 on the pages that get one);
5. privacy: every request the page made (and where to), every failed
   request, cookies, and what the page keeps in the browser's storage.

Because the palette choice is remembered between pages, pages alternate
between starting light and starting dark; every page is checked in both.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response

__all__ = [
    "AXE_TAGS",
    "DESKTOP",
    "NARROW",
    "PageAudit",
    "SiteAudit",
    "Violation",
    "Walk",
    "audit_site",
    "new_context",
    "page_url",
    "probe",
    "run_axe",
    "template_of",
    "walk_once_per_template",
]

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
MISSING_PAGE = "bestaat-niet/"
PALETTE_INPUT = "form[data-md-component=palette] input.md-option"

_JS = Path(__file__).parent / "js"


def probe(name: str) -> str:
    """The source of a JavaScript probe in ``js/``."""
    return (_JS / f"{name}.js").read_text(encoding="utf-8")


_AXE_RUN = f"""() => axe.run(document, {{
  runOnly: {{ type: "tag", values: {list(AXE_TAGS)!r} }},
  resultTypes: ["violations"],
}}).then((result) => result.violations.map((v) => ({{
  rule: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 240)),
}})))"""
_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
# Every element could in theory take focus (scrollable boxes do in Chromium); the walk stops long before.
_ELEMENT_COUNT = "() => document.body.getElementsByTagName('*').length"
_STORAGE = "() => [...Object.keys(localStorage), ...Object.keys(sessionStorage).map((k) => 'session:' + k)]"


@dataclasses.dataclass(frozen=True)
class Violation:
    """One axe rule that failed on a page, in one palette."""

    page: str
    palette: str
    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        where = "\n      ".join(self.nodes[:5])
        return f"{self.page} [{self.palette}] {self.rule} ({self.impact}): {self.help}\n      {where}"


@dataclasses.dataclass
class Walk:
    """Tab pressed from the top of a page until focus leaves it, at one window width."""

    width: int
    stops: list[dict] = dataclasses.field(default_factory=list)
    completed: bool = False
    returned_to: str | None = None
    control_count: int = 0
    missed_controls: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class PageAudit:
    """What one visit to one page found (``walks`` is empty on a page whose template was walked on another)."""

    path: str
    url: str
    palettes: list[str] = dataclasses.field(default_factory=list)
    violations: list[Violation] = dataclasses.field(default_factory=list)
    walks: list[Walk] = dataclasses.field(default_factory=list)
    reflow: dict = dataclasses.field(default_factory=dict)
    requests: list[str] = dataclasses.field(default_factory=list)
    failed_requests: list[str] = dataclasses.field(default_factory=list)
    cookies: list[str] = dataclasses.field(default_factory=list)
    storage: list[str] = dataclasses.field(default_factory=list)
    csp: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class SiteAudit:
    """The pass over a whole site: one PageAudit per HTML file, in path order."""

    base: str
    pages: list[PageAudit]
    seconds: float

    @property
    def violations(self) -> list[Violation]:
        return [v for p in self.pages for v in p.violations]


#: The Content-Security-Policy violations the init script recorded on the page (js/init.js).
CSP_VIOLATIONS = "() => window.__apCsp || []"


def page_url(base: str, path: str) -> str:
    """The address of the built file ``path`` (``a/index.html`` → ``BASE/a/``); the 404 page at a missing address."""
    if path == "404.html":
        return base + MISSING_PAGE
    return base + path.removesuffix("index.html")


def new_context(browser: Browser, color_scheme: str = "light") -> BrowserContext:
    """A fresh browser profile: no storage, no cookies, transitions off, focus tracked."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=color_scheme)
    context.add_init_script(probe("init"))
    return context


def template_of(path: str, generated: Collection[str]) -> str:
    """The template a built page is made from: ``maatregelen/*`` for a generated page of that folder, else itself.

    ``generated``: the built paths of the generated record and annex pages (e.g.
    ``maatregelen/m01/index.html``); every other page has its own Markdown source.
    """
    if path in generated:
        return path.rsplit("/", 2)[0] + "/*"
    return path


def walk_once_per_template(site: Path, generated: Collection[str]) -> dict[str, str]:
    """For each template of ``site``, the page whose Tab order is walked: template → path.

    Why one walk per template is enough: what the walk checks (the skip link is the
    first stop, every stop shows its focus, every visible control is reached, and
    focus leaves the page at the end) is decided by the template and the theme's
    CSS and scripts, which all pages of one kind share; pages of one kind differ
    only in their data, i.e. how many rows, links and tables of the same sort
    they have. So per kind the largest page is walked, the one with the most of
    each sort of control. Every hand-written page is its own template and is
    walked. axe (both palettes), reflow and privacy still run on every page.
    """
    chosen: dict[str, tuple[int, str]] = {}
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        template, size = template_of(path, generated), file.stat().st_size
        if template not in chosen or size > chosen[template][0]:
            chosen[template] = (size, path)
    return {template: path for template, (_, path) in chosen.items()}


def audit_site(browser: Browser, base: str, site: Path, walk: Collection[str] | None = None) -> SiteAudit:
    """Visit every HTML page of ``site`` (served at ``base``) once and collect the findings.

    ``walk``: the paths whose Tab order is walked (see ``walk_once_per_template``); None walks every page.
    """
    start = time.monotonic()
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    walked = set(paths if walk is None else walk)
    context = new_context(browser)
    traffic: dict[str, list] = {"request": [], "response": [], "requestfailed": []}
    for event, log in traffic.items():
        context.on(event, lambda item, log=log: log.append(item))
    page = context.new_page()
    found = []
    try:
        for path in paths:
            for log in traffic.values():
                log.clear()
            audit = PageAudit(path=path, url=page_url(base, path))
            _visit(page, audit, walk=path in walked)
            page.wait_for_load_state("load")
            _privacy(page, audit, urlsplit(base).netloc, **traffic)
            found.append(audit)
    finally:
        context.close()
    return SiteAudit(base=base, pages=found, seconds=time.monotonic() - start)


def _privacy(
    page: Page,
    audit: PageAudit,
    host: str,
    request: list[Request],
    response: list[Response],
    requestfailed: list[Request],
) -> None:
    """Requests to other hosts, requests that failed, cookies and stored keys of this visit."""
    audit.requests = [
        r.url
        for r in request
        if urlsplit(r.url).scheme in {"http", "https", "ws", "wss"} and urlsplit(r.url).netloc != host
    ]
    audit.failed_requests = [
        f"{r.status} {r.url}"
        for r in response
        if r.status >= 400 and not (audit.path == "404.html" and r.url == audit.url)
    ]
    # net::ERR_ABORTED is the browser cancelling a request itself (the pass moves on to the
    # next page while the search worker still loads its language file): not a failed request.
    audit.failed_requests += [f"{r.failure} {r.url}" for r in requestfailed if r.failure != "net::ERR_ABORTED"]
    audit.cookies = [f"{c['name']} ({c['domain']})" for c in page.context.cookies()]
    if cookie := page.evaluate("() => document.cookie"):
        audit.cookies.append(f"document.cookie: {cookie}")
    audit.storage = page.evaluate(_STORAGE)
    audit.csp += page.evaluate(CSP_VIOLATIONS)


def _visit(page: Page, audit: PageAudit, walk: bool) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(audit.url, wait_until="load")
    if walk:
        audit.walks.append(_walk(page, DESKTOP["width"]))
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")

    # Evaluated, not added as a <script>: the page's policy would refuse an inline script.
    page.evaluate(AXE_SOURCE + "\n;0")
    _axe(page, audit)
    if page.locator(PALETTE_INPUT).count():
        before = page.evaluate(_SCHEME)
        page.locator(PALETTE_INPUT).first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"(s) => ({_SCHEME})() !== s", arg=before, timeout=5000)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        _axe(page, audit)

    page.set_viewport_size(NARROW)
    audit.reflow = page.evaluate(probe("reflow"))
    audit.csp += page.evaluate(CSP_VIOLATIONS)
    # The keyboard at 320 px: Material's narrow layout (menu button, drawer).
    # A fresh load, so that Tab starts from the top again (and the privacy
    # checks see what the page loads at that width, walked or not).
    page.goto(audit.url, wait_until="load")
    if walk:
        audit.walks.append(_walk(page, NARROW["width"]))


def _walk(page: Page, width: int) -> Walk:
    walk = Walk(width=width)
    limit = page.evaluate(_ELEMENT_COUNT) + 1
    controls = probe("controls")
    page.evaluate(controls, "note")
    focus_stop = probe("focus_stop")
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(focus_stop, "step")
        if stop and "again" not in stop and stop["outline"] is None:
            # Some controls show up only once the page reacts to the focus
            # (the search field on narrow screens opens the search): look again.
            page.wait_for_timeout(200)
            stop = page.evaluate(focus_stop, "look")
        if stop is None:
            walk.completed = True
            break
        if "again" in stop:
            # Back at the first stop: Chromium wraps around instead of leaving the page.
            walk.completed = stop["wrapped"]
            walk.returned_to = stop["again"]
            break
        walk.stops.append(stop)
    found = page.evaluate(controls, "check")
    walk.control_count = found["count"]
    walk.missed_controls = found["missed"]
    return walk


def run_axe(page: Page, name: str) -> tuple[str, list[Violation]]:
    """Run axe-core (injected before) on ``page`` as it is now; the palette it ran in and the violations."""
    palette = page.evaluate(_SCHEME) or "default"
    return palette, [
        Violation(
            page=name,
            palette=palette,
            rule=v["rule"],
            impact=v["impact"] or "",
            help=v["help"],
            nodes=tuple(v["nodes"]),
        )
        for v in page.evaluate(_AXE_RUN)
    ]


def _axe(page: Page, audit: PageAudit) -> None:
    palette, violations = run_axe(page, audit.path)
    audit.palettes.append(palette)
    audit.violations += violations
