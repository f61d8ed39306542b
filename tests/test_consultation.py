"""Consultation: round state at fixed moments, the banner, the per-page links and the report."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.clock import AMSTERDAM, BadMoment, build_moment, parse_local
from macros.model.consultation import current_round, open_round
from macros.model.records import ConsultationChannel, ConsultationQuestion, ConsultationRound, Provenance
from macros.pipeline import load_plan
from macros.site.render import Renderer
from macros.site.settings import SiteSettings
from macros.site.theme import ThemeParts
from macros.views.consultation import PENDING, build_report, consultation, consultation_reports, consultation_rounds
from tests.helpers import FIXTURE_DATA, ROOT, edit

OPENS, CLOSES = "2023-06-26T09:00", "2023-08-04T17:00"


def make_round(rid: str = "r", opens: str = OPENS, closes: str = CLOSES) -> ConsultationRound:
    return ConsultationRound(
        id=rid,
        title=f"Ronde {rid}",
        plan_version="concept",
        introduction=None,
        opens=parse_local(opens),
        closes=parse_local(closes),
        questions=(ConsultationQuestion(id="V1", text="Vraag?"),),
        channels=(ConsultationChannel(kind="e-mail", address="a@example.org"),),
        publication_policy="Samenvatting met naam van de organisatie.",
        provenance=Provenance(illustrative=True),
    )


def at(text: str) -> dt.datetime:
    return parse_local(text)


def settings(now: str) -> SiteSettings:
    return SiteSettings(
        repository="samen-tegen-mensenhandel/actieplan",
        site_url="https://example.test/actieplan/",
        plan_version="2024-versterkt",
        now=at(now),
    )


@pytest.fixture(scope="module", name="plan")
def fixture_plan():
    plan, _ = load_plan(FIXTURE_DATA)
    return plan


# --- round state -------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state", "days"),
    [
        ("2023-06-01T12:00", "aangekondigd", 64),
        ("2023-06-26T08:59", "aangekondigd", 39),
        ("2023-06-26T09:00", "open", 39),
        ("2023-07-24T10:00", "open", 11),
        ("2023-08-03T23:59", "open", 1),
        ("2023-08-04T16:59", "open", 0),
        ("2023-08-04T17:00", "gesloten", 0),
        ("2024-01-01T00:00", "gesloten", 0),
    ],
)
def test_round_state_at_fixed_moments(now, state, days):
    round_ = make_round()
    assert round_.state(at(now)) == state
    assert round_.days_left(at(now)) == days


def test_state_uses_dutch_time_whatever_the_zone_of_now():
    round_ = make_round()
    # 07:30 UTC on 26 June is 09:30 in Amsterdam (summer time): open.
    assert round_.state(dt.datetime(2023, 6, 26, 7, 30, tzinfo=dt.UTC)) == "open"
    assert round_.state(dt.datetime(2023, 6, 26, 6, 59, tzinfo=dt.UTC)) == "aangekondigd"
    # 22:30 UTC on 3 August is already 4 August in Amsterdam: the last day.
    assert round_.days_left(dt.datetime(2023, 8, 3, 22, 30, tzinfo=dt.UTC)) == 0


def test_current_round_prefers_open_then_next_then_last():
    old = make_round("oud", "2022-01-10T09:00", "2022-02-10T17:00")
    now_open = make_round("nu", "2023-06-26T09:00", "2023-08-04T17:00")
    later = make_round("later", "2024-03-01T09:00", "2024-04-01T17:00")
    rounds = [old, now_open, later]
    assert current_round(rounds, at("2023-07-01T12:00")).id == "nu"
    assert current_round(rounds, at("2023-09-01T12:00")).id == "later"
    assert current_round(rounds, at("2025-01-01T12:00")).id == "later"
    assert current_round([old], at("2025-01-01T12:00")).id == "oud"
    assert current_round([], at("2025-01-01T12:00")) is None
    assert open_round(rounds, at("2023-09-01T12:00")) is None


# --- the moment of the build ---------------------------------------------------


def _no_clock() -> dt.datetime:
    raise AssertionError("the clock must not be read")


def test_moment_from_actieplan_nu():
    assert build_moment({"ACTIEPLAN_NU": "2023-06-01T12:00"}, _no_clock) == dt.datetime(
        2023, 6, 1, 12, 0, tzinfo=AMSTERDAM
    )


def test_moment_from_source_date_epoch_never_reads_the_clock():
    moment = build_moment({"SOURCE_DATE_EPOCH": "1690000000"}, _no_clock)
    assert moment == dt.datetime(2023, 7, 22, 4, 26, 40, tzinfo=dt.UTC)
    assert (moment.hour, moment.tzinfo) == (6, AMSTERDAM)


def test_actieplan_nu_wins_over_source_date_epoch():
    assert build_moment({"ACTIEPLAN_NU": "2023-06-01T12:00", "SOURCE_DATE_EPOCH": "1"}, _no_clock).year == 2023


def test_moment_from_the_clock_is_dutch_time():
    moment = build_moment({}, lambda: dt.datetime(2023, 1, 1, 12, 0, tzinfo=dt.UTC))
    assert moment.utcoffset() == dt.timedelta(hours=1)
    assert moment.hour == 13


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"ACTIEPLAN_NU": "1 juni 2023"},
            "ACTIEPLAN_NU: '1 juni 2023' is geen tijdstip als JJJJ-MM-DDTUU:MM — gebruik bijvoorbeeld ACTIEPLAN_NU=2023-06-01T12:00",
        ),
        ({"ACTIEPLAN_NU": "2023-02-30T12:00"}, "ACTIEPLAN_NU: '2023-02-30T12:00' is geen bestaand tijdstip"),
        ({"SOURCE_DATE_EPOCH": "gisteren"}, "SOURCE_DATE_EPOCH: 'gisteren' is geen aantal seconden"),
        # Audit L1: a huge number overflowed, and Arabic-Indic digits were read as seconds.
        ({"SOURCE_DATE_EPOCH": "99999999999999"}, "SOURCE_DATE_EPOCH: '99999999999999' is geen aantal seconden"),
        ({"SOURCE_DATE_EPOCH": "9" * 5000}, "SOURCE_DATE_EPOCH: '" + "9" * 40 + "' is geen aantal seconden"),
        ({"SOURCE_DATE_EPOCH": "\u0661\u0666\u0669\u0660"}, "SOURCE_DATE_EPOCH: '\u0661\u0666\u0669\u0660' is geen"),
    ],
)
def test_bad_moments_give_dutch_messages(environ, message):
    with pytest.raises(BadMoment) as err:
        build_moment(environ, _no_clock)
    assert str(err.value).startswith(message)


# --- banner and per-page links -----------------------------------------------


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        ("2023-06-01T12:00", False),
        ("2023-06-26T09:00", True),
        ("2023-08-04T16:59", True),
        ("2023-08-04T17:00", False),
    ],
)
def test_banner_only_while_open(plan, now, shown):
    parts = ThemeParts(Renderer(plan, site=settings(now)))
    banner = parts.banner("../consultatie/")
    if not shown:
        assert banner == ""
        return
    html = BeautifulSoup(banner, "lxml")
    text = html.get_text(" ", strip=True)
    assert "Consultatie op het concept-actieplan" in text
    assert "vrijdag 4 augustus 2023 om 17.00 uur" in text
    assert html.find("a")["href"] == "../consultatie/"


def test_banner_counts_the_days_left(plan):
    assert "nog 11 dagen" in ThemeParts(Renderer(plan, site=settings("2023-07-24T10:00"))).banner("x/")
    assert "nog 1 dag)" in ThemeParts(Renderer(plan, site=settings("2023-08-03T10:00"))).banner("x/")
    assert "vandaag is de laatste dag" in ThemeParts(Renderer(plan, site=settings("2023-08-04T10:00"))).banner("x/")


def test_page_actions_prefill_the_form_and_link_the_editor(plan):
    page = SimpleNamespace(
        title="Stap 4: maatregelen & acties",
        url="ogw/stap-4-maatregelen/",
        meta={},
        file=SimpleNamespace(src_uri="ogw/stap-4-maatregelen.md"),
    )
    html = BeautifulSoup(
        ThemeParts(Renderer(plan, site=settings("2023-07-01T12:00"))).page_actions(page, "../../consultatie/"), "lxml"
    )
    links = {a.get_text(strip=True): a["href"] for a in html.find_all("a")}
    react = urlsplit(links["Reageer op deze pagina"])
    assert (react.scheme, react.netloc, react.path) == (
        "https",
        "github.com",
        "/samen-tegen-mensenhandel/actieplan/issues/new",
    )
    query = {k: v[0] for k, v in parse_qs(react.query).items()}
    assert query == {
        "template": "reactie.yml",
        "title": "Reactie op: Stap 4: maatregelen & acties",
        "pagina": "Stap 4: maatregelen & acties (https://example.test/actieplan/ogw/stap-4-maatregelen/)",
        "versie": "2024-versterkt",
        "ronde": "concept-2023",
    }
    assert (
        links["Stel een wijziging voor"]
        == "https://github.com/samen-tegen-mensenhandel/actieplan/edit/main/docs/ogw/stap-4-maatregelen.md"
    )
    generated = SimpleNamespace(
        title="M01. Informatiepunt",
        url="maatregelen/m01/",
        meta={"bronbestand": "data/maatregelen/M01.yml"},
        file=SimpleNamespace(src_uri="maatregelen/m01.md"),
    )
    html = BeautifulSoup(
        ThemeParts(Renderer(plan, site=settings("2023-07-01T12:00"))).page_actions(generated, "../../consultatie/"),
        "lxml",
    )
    edit = next(a["href"] for a in html.find_all("a") if a.get_text(strip=True) == "Stel een wijziging voor")
    assert edit == "https://github.com/samen-tegen-mensenhandel/actieplan/edit/main/data/maatregelen/M01.yml"
    assert parse_qs(urlsplit(links["Meld een fout"]).query)["template"] == ["fout-melden.yml"]
    assert links["Reageer per e-mail"] == "../../consultatie/#zo-reageert-u"


def test_page_actions_leave_out_the_round_when_none_is_open(plan):
    page = SimpleNamespace(title="Home", url="", meta={}, file=SimpleNamespace(src_uri="index.md"))
    html = ThemeParts(Renderer(plan, site=settings("2024-01-01T12:00"))).page_actions(page, "consultatie/")
    react = BeautifulSoup(html, "lxml").find("a")["href"]
    assert "ronde" not in parse_qs(urlsplit(react).query)
    assert "is open" not in html


# --- the current round on the consultation page --------------------------------


@pytest.mark.parametrize(
    ("now", "state", "says"),
    [
        ("2023-06-01T12:00", "aangekondigd", "Deze ronde opent op maandag 26 juni 2023 om 09.00 uur"),
        ("2023-07-24T10:00", "open", "Nog 11 dagen."),
        (
            "2023-09-01T12:00",
            "gesloten",
            "Deze ronde is gesloten sinds vrijdag 4 augustus 2023 om 17.00 uur. Er kwamen 3 reacties binnen.",
        ),
    ],
)
def test_consultation_page_shows_state_questions_and_channels(plan, now, state, says):
    html = BeautifulSoup(consultation(Renderer(plan, site=settings(now)), "consultatie/"), "lxml")
    text = html.get_text(" ", strip=True)
    assert html.select_one(".ap-ronde__stand .ap-label").get_text() == state
    assert says in text
    assert [li.get_text(" ", strip=True) for li in html.select(".ap-vragen li")] == [
        "V1. Mist u een maatregel?",
        "V2. Kloppen de actiehouders?",
    ]
    hrefs = [a["href"] for a in html.select(".ap-kanalen a")]
    assert hrefs[0] == "https://github.com/samen-tegen-mensenhandel/actieplan/blob/main/CONTRIBUTING.md"
    assert parse_qs(urlsplit(hrefs[1]).query) == {
        "template": ["reactie.yml"],
        "title": ["Reactie op: Consultatie op het concept-actieplan"],
        "ronde": ["concept-2023"],
        "versie": ["2023-06-concept"],
    }
    assert (
        hrefs[2]
        == "mailto:actieplan-mensenhandel@example.org?subject=Reactie%20op%3A%20Consultatie%20op%20het%20concept-actieplan"
    )
    assert "example.org is een voorbeeld" in text


def test_a_round_names_its_version_by_title_with_a_link(plan):
    """planversie is the id of a version in versies.yml; the pages show that version's title and link its row."""
    renderer = Renderer(plan, site=settings("2023-09-01T12:00"))
    version = plan.versions[plan.consultation_rounds["concept-2023"].plan_version]
    for view, page in (
        (consultation, "consultatie/"),
        (consultation_rounds, "consultatie/"),
        (consultation_reports, "consultatie/verslag/"),
    ):
        html = BeautifulSoup(view(renderer, page), "lxml")
        link = html.find("a", string=version.title)
        assert link is not None, view.__name__
        assert link["href"] == ("../" if page == "consultatie/" else "../../") + f"versies/#versie-{version.id}"
        assert version.id not in html.get_text(" "), view.__name__


# --- the report -----------------------------------------------------------------


def test_report_lists_every_reaction_with_its_decision(plan):
    site = settings("2023-09-01T12:00")
    report = build_report(plan, plan.consultation_rounds["concept-2023"], site.now, site)
    assert [row.reaction.id for row in report.rows] == ["RE01", "RE02", "RE03"]
    assert report.columns == ("overgenomen", "deels overgenomen", "niet overgenomen", "al verwerkt", PENDING)
    assert report.by_decision.counts == (1, 0, 0, 1, 1)
    assert {row.label: row.counts for row in report.by_sender_type} == {
        "Gemeenten": (0, 0, 0, 0, 1),
        "Maatschappelijke organisatie": (1, 0, 0, 0, 0),
        "Particulier": (0, 0, 0, 1, 0),
    }
    first = report.rows[0]
    assert (first.sender, first.subject, first.subject_href) == (
        "Coördinatiecentrum tegen Mensenhandel",
        "maatregel M01: Informatiepunt mensenhandel",
        "maatregelen/m01/",
    )
    assert (first.change_href, first.change_label) == (
        "https://github.com/samen-tegen-mensenhandel/actieplan/pull/3",
        "pull request #3",
    )
    assert report.rows[1].subject_href == "maatregelen/m02/#actie-m02-a1"
    assert report.rows[2].subject_href == "./"


def test_report_page_shows_every_reaction_decision_and_reason(plan):
    html = BeautifulSoup(
        consultation_reports(Renderer(plan, site=settings("2023-09-01T12:00")), "consultatie/verslag/"), "lxml"
    )
    section = html.find("section", id=None, attrs={"aria-labelledby": "verslag-concept-2023"})
    items = section.select("li.ap-reactie")
    assert [li["id"] for li in items] == ["reactie-re01", "reactie-re02", "reactie-re03"]
    decisions = [li.select_one(".ap-besluit").get_text(strip=True) for li in items]
    assert decisions == ["Besluit: overgenomen.", "Besluit: al verwerkt.", "Besluit: nog geen besluit."]
    assert "Toegevoegd aan de omschrijving." in items[0].get_text()
    assert items[0].find("a", string="pull request #3")
    assert items[0].find("a", string="maatregel M01: Informatiepunt mensenhandel")["href"] == "../../maatregelen/m01/"
    table = section.find("table")
    assert table.caption and all(th.get("scope") for th in table.find_all("th"))
    assert [td.get_text() for td in table.tfoot.find_all("td")] == ["1", "0", "0", "1", "1", "3"]
    # A person's name never appears: only the kind of sender.
    assert "Particulier" in items[1].get_text()


def test_report_leaves_out_rounds_that_have_not_opened(plan):
    html = consultation_reports(Renderer(plan, site=settings("2023-06-01T12:00")), "consultatie/verslag/")
    assert "Er is nog geen consultatieronde geweest." in html


def test_real_data_has_a_plausible_illustrative_round():
    plan, report = load_plan(ROOT / "data", shown_root=ROOT)
    assert report.ok
    (round_,) = plan.consultation_rounds.values()
    assert round_.provenance.illustrative
    assert round_.channel("e-mail").address == "actieplan-mensenhandel@example.org"
    reactions = plan.reactions_by_round[round_.id]
    assert len(reactions) >= 10
    assert all(r.provenance.illustrative and r.decision and r.reasoning for r in reactions)
    assert {r.sender for r in reactions} & {"particulier", "ervaringsdeskundige"}
    assert all(r.consent for r in reactions if r.sender not in plan.organisations)
    assert {r.decision for r in reactions} == {"overgenomen", "deels overgenomen", "niet overgenomen", "al verwerkt"}


# --- rules that need more than the corpus ----------------------------------------


def test_reaction_about_a_page_is_checked_against_docs_next_to_the_data(project_copy):
    from macros.pipeline import validate

    consultation_file = project_copy / "data" / "consultatie.yml"
    edit(consultation_file, "over: index.md", "over: ogw/stap-9.md")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    assert report.ok, "without a docs/ folder next to the data, pages are not checked"
    (project_copy / "docs" / "ogw").mkdir(parents=True)
    (project_copy / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    assert [str(f) for f in report.errors] == [
        "data/consultatie.yml:48: reacties[3].over: de pagina 'ogw/stap-9.md' bestaat niet in docs/ — "
        "gebruik het pad van een pagina onder docs/, bijvoorbeeld ogw/stap-4-maatregelen.md"
    ]
    (project_copy / "docs" / "ogw" / "stap-9.md").write_text("# Stap 9\n", encoding="utf-8")
    assert validate(project_copy / "data", shown_root=project_copy)[1].ok


def test_a_late_reaction_is_a_warning(project_copy):
    from macros.pipeline import validate

    consultation_file = project_copy / "data" / "consultatie.yml"
    edit(consultation_file, "ontvangen: 2023-08-01", "ontvangen: 2023-09-01")
    _, report = validate(project_copy / "data", shown_root=project_copy)
    assert report.ok
    assert [str(f) for f in report.warnings] == [
        "data/consultatie.yml:45: reacties[3].ontvangen: de reactie kwam op 2023-09-01, buiten ronde concept-2023 "
        "(2023-06-26 tot en met 2023-08-04) — controleer de datum; een late reactie mag blijven als het verslag dat zegt [waarschuwing]"
    ]


def test_mailto_is_built_from_parts():
    """Audit M2: whatever the address holds, the only header of the link is the subject."""
    from macros.site.settings import mailto

    link = mailto("a@example.org?bcc=meelezer@evil.example&x=a.org", "Reactie op: X & Y")
    assert (
        link == "mailto:a@example.org%3Fbcc%3Dmeelezer@evil.example%26x%3Da.org?subject=Reactie%20op%3A%20X%20%26%20Y"
    )
    assert link.count("?") == 1 and "&" not in link


def test_personal_data_allowed_only_where_the_rule_allows_it(tmp_path):
    """Audit M8: the consultation's own address always; an organisation's own details with consent, in a summary."""
    from macros.pipeline import validate
    from tests.helpers import copy_fixture_data, edit

    data = copy_fixture_data(tmp_path / "data")
    consultation = data / "consultatie.yml"
    edit(
        consultation,
        "samenvatting: Noem ook de zorgcoördinatoren.",
        'samenvatting: "Mail ons op info@comensha.example."',
    )
    _, report = validate(data, shown_root=tmp_path)
    assert [f.rule for f in report.errors] == ["persoonsgegevens"]  # COMENSHA gave no consent
    edit(consultation, "    van: COMENSHA\n", "    van: COMENSHA\n    toestemming_publicatie: true\n")
    edit(
        consultation,
        "toelichting: Dat doet de actie al.",
        "toelichting: Gemeld via actieplan-mensenhandel@example.org.",
    )
    _, report = validate(data, shown_root=tmp_path)
    assert report.ok, [str(f) for f in report.errors]
