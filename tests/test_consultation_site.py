"""The consultation in the built site: banner on every page only while open, reaction links on every page."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, build_site
from mkdocs.exceptions import Abort

from macros.clock import build_moment
from macros.model.consultation import open_round
from macros.pipeline import load_plan

OPEN_MOMENT = "2023-07-24T10:00"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


@pytest.fixture(scope="module", name="open_site")
def fixture_open_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as it was built during the sample round."""
    previous = os.environ.get("ACTIEPLAN_NU")
    os.environ["ACTIEPLAN_NU"] = OPEN_MOMENT
    try:
        return build_site(tmp_path_factory.mktemp("open") / "site")
    finally:
        if previous is None:
            os.environ.pop("ACTIEPLAN_NU", None)
        else:
            os.environ["ACTIEPLAN_NU"] = previous


WORKING_VERSION = load_plan(ROOT / "data")[0].working_version


def banner(page: Path):
    """The consultation banner (the concept banner of a concept version may stand beside it)."""
    return soup(page).select_one('[data-md-component="announce"] .ap-banner--consultatie')


def test_banner_on_every_page_while_open(open_site):
    pages = [*content_pages(open_site), open_site / "404.html"]
    assert len(pages) >= 16
    for page in pages:
        found = banner(page)
        assert found is not None, page
        text = found.get_text(" ", strip=True)
        assert "Consultatie open" in text and "nog 11 dagen" in text, page
    # The link to the consultation page is relative, so it works in every version folder.
    assert banner(open_site / "ogw/stap-4-maatregelen/index.html").find("a")["href"] == "../../consultatie/"
    assert banner(open_site / "index.html").find("a")["href"] == "consultatie/"


def test_no_banner_when_no_round_is_open(site):
    plan, _ = load_plan(ROOT / "data")
    assert open_round(plan.consultation_rounds.values(), build_moment(os.environ)) is None, (
        "this test needs a moment outside the round"
    )
    for page in [*content_pages(site), site / "404.html"]:
        assert banner(page) is None, page
        # Only the concept banner of the working version remains.
        announce = soup(page).select_one('[data-md-component="announce"]')
        assert [p["class"] for p in announce.select("p.ap-banner")] == [["ap-banner", "ap-banner--concept"]], page


def test_every_page_has_react_and_edit_links(site):
    for page in content_pages(site):
        box = soup(page).select_one("article .ap-reageer")
        assert box is not None, page
        links = {a.get_text(strip=True): a["href"] for a in box.find_all("a")}
        edit = urlsplit(links["Stel een wijziging voor"])
        assert edit.netloc == "github.com" and edit.path.startswith("/samen-tegen-mensenhandel/actieplan/edit/main/"), (
            page
        )
        source = edit.path.removeprefix("/samen-tegen-mensenhandel/actieplan/edit/main/")
        # Written pages open their Markdown; generated pages open the data file they are made from.
        assert source.startswith(("docs/", "data/")) and (ROOT / source).is_file(), (
            f"{page}: edit link to missing {source}"
        )
        query = parse_qs(urlsplit(links["Reageer op deze pagina"]).query)
        assert query["template"] == ["reactie.yml"]
        # The version this build publishes (data/versies.yml: werkversie).
        assert query["versie"] == [WORKING_VERSION]
        relative = page.relative_to(site).parent.as_posix()
        url = "" if relative == "." else relative + "/"
        assert query["pagina"][0].endswith(f"(https://samen-tegen-mensenhandel.github.io/actieplan/{url})"), page


def test_open_site_prefills_the_open_round(open_site):
    box = soup(open_site / "begroting/index.html").select_one(".ap-reageer")
    react = box.find("a", string="Reageer op deze pagina")["href"]
    assert parse_qs(urlsplit(react).query)["ronde"] == ["concept-2023"]


def test_report_page_lists_every_reaction(site):
    parsed: dict[Path, BeautifulSoup] = {}
    plan, _ = load_plan(ROOT / "data")
    html = soup(site / "consultatie/verslag/index.html")
    ids = [li["id"] for li in html.select("li.ap-reactie")]
    assert ids == [f"reactie-{r.lower()}" for r in plan.reactions]
    for reaction in plan.reactions.values():
        item = html.find(id=f"reactie-{reaction.id.lower()}")
        assert f"Besluit: {reaction.decision}." in item.get_text(" ", strip=True)
        assert reaction.reasoning in item.get_text(" ", strip=True)
    # Links to measures and actions point at anchors that exist.
    page = site / "consultatie/verslag/index.html"
    for a in html.select("li.ap-reactie a[href^='../']"):
        target, _, anchor = a["href"].partition("#")
        resolved = (page.parent / target / "index.html").resolve()
        assert resolved.is_file(), a["href"]
        if anchor:
            target_html = parsed.setdefault(resolved, soup(resolved))
            assert target_html.find(id=anchor), a["href"]


def test_no_repo_url_and_no_github_api_in_pages(site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nrepo_url:" not in config and "\nedit_uri:" not in config
    for page in content_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "api.github.com" not in html, page
        assert 'class="md-source"' not in html, page


def test_a_bad_moment_stops_the_build(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    monkeypatch.setenv("ACTIEPLAN_NU", "morgen")
    with pytest.raises(Abort):
        build_site(tmp_path / "site", data)
    assert not (tmp_path / "site" / "index.html").exists()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module", name="browser_page")
def fixture_browser_page(open_site, browser):
    """A page of the session's chromium and the loopback address serving the open site; every request is recorded."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(open_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    requests: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        yield page, base, requests
    finally:
        context.close()
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["ogw/stap-4-maatregelen/", "consultatie/", "consultatie/verslag/"])
def test_browser_makes_no_third_party_requests(browser_page, path):
    page, base, requests = browser_page
    requests.clear()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert "Consultatie open" in page.locator(".ap-banner--consultatie").inner_text()
    assert page.locator(".ap-reageer").is_visible()
    assert requests and all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]


@pytest.mark.browser
def test_reaction_link_is_reachable_with_the_keyboard(browser_page):
    page, base, _ = browser_page
    page.goto(base + "over/privacy/")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Reageer op deze pagina":
            break
    else:
        pytest.fail("de link 'Reageer op deze pagina' is niet met de toets Tab te bereiken")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["consultatie/", "consultatie/verslag/"])
def test_consultation_pages_pass_axe(browser_page, scheme, path):
    from axe_playwright_python.sync_playwright import Axe

    page, base, _ = browser_page
    page.emulate_media(color_scheme=scheme)
    page.goto(base + path)
    # Material keeps the palette of earlier pages in localStorage; start fresh so the media query decides.
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()
