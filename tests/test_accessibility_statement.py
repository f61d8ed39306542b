"""The accessibility statement: the sections of the national model, its status label and the facts behind it.

The facts are ``extra.toegankelijkheid`` in mkdocs.yml, checked against the
model's definitions by :class:`macros.site.accessibility.AccessibilityStatement`;
the page renders them, so the status on the page is the one in mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from lxml import etree

from macros.site.accessibility import STATUSES, AccessibilityStatement, label_alt, label_path, label_svg
from macros.site.settings import BadSettings
from tests.helpers import ROOT, soup

#: The parts of the model statement, as the headings of our page (in this order).
SECTIONS = [
    "Over welke site gaat deze verklaring?",
    "De status van deze site",
    "Wat betekenen de statussen?",
    "Wat we onderzochten",
    "Wat we niet onderzochten",
    "Wat nog niet goed is, en wat we eraan doen",
    "Een probleem melden",
    "Contact",
    "Niet tevreden?",
    "Wie is verantwoordelijk?",
]

NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has !ENV tags; their values do not matter here."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _heading(h) -> str:
    return " ".join(h.get_text().replace("¶", "").split())


def _section(page, title: str) -> str:
    """The text from the h2 ``title`` up to the next h2."""
    start = next(h for h in page.select("article h2") if _heading(h) == title)
    parts = []
    for el in start.find_next_siblings():
        if el.name == "h2":
            break
        parts.append(el.get_text(" "))
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def statement_page(site: Path):
    return soup(site / "over" / "toegankelijkheid" / "index.html")


def test_the_page_has_every_part_of_the_model_in_order(statement_page):
    # One long word would not fit a narrow screen as a heading; the first sentence names the statement.
    assert _heading(statement_page.select_one("article h1")) == "Toegankelijkheid"
    assert "de toegankelijkheidsverklaring van deze site" in statement_page.select_one("article h1 + p").get_text()
    # The page's own headings, then the reaction links every page ends with.
    assert [_heading(h) for h in statement_page.select("article h2")] == [*SECTIONS, "Reageren op deze pagina"]
    # The scope names the site and the downloads, the PDF included.
    scope = _section(statement_page, "Over welke site gaat deze verklaring?")
    assert "https://samen-tegen-mensenhandel.github.io/actieplan/" in scope
    assert "PDF" in scope and "ODT" in scope
    assert "Ministerie van Justitie en Veiligheid" in statement_page.select_one("article").get_text()
    # What was not audited names the full audit and the PDF.
    not_audited = _section(statement_page, "Wat we niet onderzochten")
    assert "WCAG-EM" in not_audited and "PDF" in not_audited
    # The enforcement route: the Nationale ombudsman.
    route = statement_page.find("a", string="Nationale ombudsman")
    assert route is not None and route["href"].startswith("https://www.nationaleombudsman.nl")


def test_the_status_on_the_page_is_the_one_in_mkdocs_yml(statement_page):
    facts = _config()["extra"]["toegankelijkheid"]
    letter = facts["status"]
    block = statement_page.select_one(".ap-toegankelijkheid-status")
    assert block["data-status"] == letter
    text = " ".join(block.get_text().split())
    assert f"De status van deze site is {letter}: {STATUSES[letter].name}." in text
    assert STATUSES[letter].meaning in text
    marked = [
        dt_.get_text()
        for dt_ in statement_page.select("dl.ap-statussen dt")
        if "de status van deze site" in dt_.get_text()
    ]
    assert marked == [f"Status {letter}: {STATUSES[letter].name} (de status van deze site)"]
    assert len(statement_page.select("dl.ap-statussen dt")) == 5
    # The response times come from the same place.
    reporting = _section(statement_page, "Een probleem melden")
    assert f"Binnen {facts['bevestiging_werkdagen']} werkdagen" in reporting
    assert f"Binnen {facts['antwoord_werkdagen']} werkdagen" in reporting


def test_the_label_image_is_local_with_a_text_alternative(statement_page, site: Path):
    letter = _config()["extra"]["toegankelijkheid"]["status"]
    img = statement_page.select_one(".ap-toegankelijkheid-status img")
    assert img["alt"] == label_alt(letter) and f"status {letter}" in img["alt"]
    src = img["src"]
    assert "://" not in src and not src.startswith("//")
    served = (site / "over" / "toegankelijkheid" / src).resolve()
    assert served == (site / label_path(letter)).resolve() and served.is_file()
    assert served.read_bytes() == (ROOT / "overrides" / label_path(letter)).read_bytes()


@pytest.mark.parametrize("letter", "ABCD")
def test_the_stored_labels_are_our_drawing_and_name_their_status(letter):
    stored = (ROOT / "overrides" / label_path(letter)).read_text(encoding="utf-8")
    assert stored == label_svg(letter), "make the file again with label_svg (macros/site/accessibility.py)"
    svg = etree.fromstring(stored.encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.get("role") == "img"
    assert svg.findtext("s:title", namespaces=ns) == label_alt(letter)
    texts = [t.text for t in svg.iterfind(".//s:text", ns)]
    assert texts == [letter, "Toegankelijkheid", f"Status {letter}", STATUSES[letter].name]
    # Nothing from another host: no image, link or font reference at all.
    assert not svg.findall(".//s:image", ns) and "href" not in stored and "url(" not in stored


def _facts(**changes) -> dict:
    facts = {
        "status": "D",
        "opgesteld": dt.date(2026, 12, 2),
        "herzien": dt.date(2026, 12, 2),
        "onderzoek": None,
        "onderzoek_gepland": None,
        "bevestiging_werkdagen": 5,
        "antwoord_werkdagen": 15,
    }
    facts.update(changes)
    return {"extra": {"toegankelijkheid": facts}}


AUDIT = {"datum": "2026-03-01", "door": "Onderzoeksbureau", "rapport": "https://example.org/rapport.pdf"}


def test_the_statement_in_mkdocs_yml_passes_the_rules_of_the_model():
    statement = AccessibilityStatement.from_config(_config(), NOW)
    assert statement.status in "ABCD"


@pytest.mark.parametrize(
    ("changes", "now", "message"),
    [
        ({"status": "A"}, NOW, "status A vraagt een volledig onderzoek"),
        ({"status": "B", "onderzoek": {**AUDIT, "datum": "2022-06-01"}}, NOW, "hooguit 3 jaar oud"),
        ({"status": "A", "onderzoek": AUDIT}, NOW, "status A kan alleen als het onderzoek geen afwijkingen vond"),
        ({"status": "B", "onderzoek": {**AUDIT, "afwijkingen": False}}, NOW, "dan is de status A, niet B"),
        ({"status": "C"}, NOW, "zonder dat is de status D"),
        ({"status": "C", "onderzoek_gepland": "2027-08-01"}, NOW, "binnen 6 maanden"),
        (
            {"status": "C", "onderzoek_gepland": "2027-03-01"},
            dt.datetime(2027, 7, 1, tzinfo=dt.UTC),
            "hooguit 6 maanden",
        ),
        ({"onderzoek_gepland": "2027-03-01"}, NOW, "dan is de status C, niet D"),
        ({"onderzoek": AUDIT}, NOW, "dan is de status A of B, niet D"),
        ({"status": "E"}, NOW, "status E betekent dat er geen verklaring is"),
        ({"status": "F"}, NOW, "A, B, C, D of E"),
        ({"herzien": dt.date(2026, 1, 1)}, NOW, "herzien ligt voor opgesteld"),
        ({"antwoord_werkdagen": 0}, NOW, "aantal werkdagen"),
        ({"onderzoek": {"datum": "2026-03-01"}}, NOW, "datum, door (wie het deed) en rapport"),
        ({"gepland": "2027-01-01"}, NOW, "extra.toegankelijkheid.gepland is onbekend"),
    ],
)
def test_a_status_that_claims_more_than_its_audit_stops_the_build(changes, now, message):
    with pytest.raises(BadSettings, match=message.replace("(", r"\(").replace(")", r"\)")):
        AccessibilityStatement.from_config(_facts(**changes), now)


def test_each_status_holds_with_the_audit_the_model_asks_for():
    a = AccessibilityStatement.from_config(_facts(status="A", onderzoek={**AUDIT, "afwijkingen": False}), NOW)
    b = AccessibilityStatement.from_config(_facts(status="B", onderzoek=AUDIT), NOW)
    c = AccessibilityStatement.from_config(_facts(status="C", onderzoek_gepland="2027-05-31"), NOW)
    d = AccessibilityStatement.from_config(_facts(), NOW)
    assert [s.label.letter for s in (a, b, c, d)] == ["A", "B", "C", "D"]
    assert b.audit is not None and b.audit.date == dt.date(2026, 3, 1) and b.audit.findings
    assert c.audit_planned == dt.date(2027, 5, 31)
