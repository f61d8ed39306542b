"""Rules for data/consultatie.yml: rounds, channels, reactions and decisions.

Each rule is a generator over the catalogue, registered in
:data:`macros.rules.records.RULES`. The docstrings say what passes and what fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from macros.clock import BadMoment, parse_local
from macros.data.catalog import Catalog, RecordRef
from macros.data.findings import Finding, Suggestions

__all__ = ["CONSULTATION_RULES", "FREE_TEXT", "PERSON_SENDERS"]

#: Senders that are a person, never named in the data; their reaction is
#: published only with consent.
PERSON_SENDERS = ("particulier", "ervaringsdeskundige", "anoniem")
#: Decisions that change the plan, so they must point to the change.
_CHANGING = ("overgenomen", "deels overgenomen")


def _rounds(catalog: Catalog) -> dict[str, RecordRef]:
    return {str(r.data["id"]): r for r in catalog.records("consultatieronde")}


def _moment(record: RecordRef, field: str) -> tuple[dt.datetime | None, Finding | None]:
    try:
        return parse_local(record.data[field]), None
    except BadMoment as err:
        return None, record.finding(
            field, str(err), "controleer de datum en de tijd (uren 00 tot 23)", "consultatie-tijd"
        )


def round_times(catalog: Catalog) -> Iterator[Finding]:
    """A round opens and closes at real moments, and closes after it opens.

    Passes: ``opent: 2023-06-26T09:00`` with ``sluit: 2023-08-04T17:00``.
    Fails: ``sluit: 2023-06-31T17:00`` (no such day), or ``sluit`` before ``opent``.
    """
    for record in catalog.records("consultatieronde"):
        opens, problem = _moment(record, "opent")
        if problem:
            yield problem
        closes, problem = _moment(record, "sluit")
        if problem:
            yield problem
        if opens and closes and closes <= opens:
            yield record.finding(
                "sluit",
                f"de ronde sluit ({record.data['sluit']}) niet na de opening ({record.data['opent']})",
                "controleer opent en sluit",
                "consultatie-tijd",
            )


def round_channels(catalog: Catalog) -> Iterator[Finding]:
    """Each round can be reached without GitHub, names each channel once, and numbers its questions once.

    Passes: channels ``pull-request``, ``issueformulier`` and ``e-mail`` with ``adres``.
    Fails: only GitHub channels; an e-mail channel without ``adres``; two questions ``V1``.
    """
    for record in catalog.records("consultatieronde"):
        kinds: list[str] = []
        for index, channel in enumerate(record.data["kanalen"]):
            if channel["soort"] in kinds:
                yield record.finding(
                    ("kanalen", index, "soort"),
                    f"het kanaal '{channel['soort']}' staat twee keer in deze ronde",
                    "noem elk kanaal één keer",
                    "consultatie-kanalen",
                )
            kinds.append(channel["soort"])
            if channel["soort"] == "e-mail" and not channel.get("adres"):
                yield record.finding(
                    ("kanalen", index),
                    "bij het kanaal e-mail ontbreekt het adres",
                    "voeg 'adres:' toe met het e-mailadres",
                    "consultatie-kanalen",
                )
            if channel["soort"] != "e-mail" and channel.get("adres"):
                yield record.finding(
                    ("kanalen", index, "adres"),
                    f"een adres hoort alleen bij het kanaal e-mail, niet bij {channel['soort']}",
                    "haal het adres weg",
                    "consultatie-kanalen",
                )
        if "e-mail" not in kinds:
            yield record.finding(
                "kanalen",
                "deze ronde heeft geen kanaal zonder GitHub",
                "voeg '- soort: e-mail' met een adres toe, zodat ook mensen zonder GitHub-account kunnen reageren",
                "consultatie-kanalen",
            )
        seen: set[str] = set()
        for index, question in enumerate(record.data["vragen"]):
            if question["id"] in seen:
                yield record.finding(
                    ("vragen", index, "id"),
                    f"de vraag '{question['id']}' staat twee keer in deze ronde",
                    "geef elke vraag een eigen id",
                    "uniek-id",
                )
            seen.add(question["id"])


def reaction_references(catalog: Catalog) -> Iterator[Finding]:
    """A reaction names a round, a sender, a subject, a question and a channel that exist.

    Passes: ``ronde: concept-2023``, ``van: COMENSHA``, ``over: M03``, ``vraag: V1``,
    ``kanaal: e-mail`` when the round has those.
    Fails: ``van: COMENSA``, ``over: M99``, ``vraag: V9`` when the round has no V9,
    ``over: ogw/stap-9.md`` when there is a docs/ folder next to the data and it lacks that page.
    """
    rounds = _rounds(catalog)
    organisations = catalog.ids("organisatie")
    measures, actions = catalog.ids("maatregel"), catalog.ids("actie")
    docs = catalog.data_dir.parent / "docs"
    suggest = Suggestions()
    for record in catalog.records("reactie"):
        data = record.data
        round_ = rounds.get(data["ronde"])
        if round_ is None:
            yield record.finding(
                "ronde",
                f"onbekende consultatieronde '{data['ronde']}'",
                suggest(data["ronde"], set(rounds)) or "gebruik een id uit 'rondes' in data/consultatie.yml",
                "verwijzing",
            )
        else:
            questions = {q["id"] for q in round_.data["vragen"]}
            if "vraag" in data and data["vraag"] not in questions:
                yield record.finding(
                    "vraag",
                    f"ronde {data['ronde']} heeft geen vraag '{data['vraag']}'",
                    f"kies uit: {', '.join(sorted(questions))}",
                    "verwijzing",
                )
            channels = [c["soort"] for c in round_.data["kanalen"]]
            if data["kanaal"] not in channels:
                yield record.finding(
                    "kanaal",
                    f"ronde {data['ronde']} heeft geen kanaal '{data['kanaal']}'",
                    f"kies uit: {', '.join(channels)}",
                    "verwijzing",
                )
        sender = data["van"]
        if sender not in PERSON_SENDERS and catalog.complete("organisatie") and sender not in organisations:
            yield record.finding(
                "van",
                f"onbekende organisatie '{sender}'",
                suggest(sender, organisations)
                or "gebruik een id uit data/organisaties.yml, of particulier, ervaringsdeskundige of anoniem",
                "verwijzing",
            )
        subject = data["over"]
        if subject.endswith(".md"):
            if docs.is_dir() and not (docs / subject).is_file():
                yield record.finding(
                    "over",
                    f"de pagina '{subject}' bestaat niet in docs/",
                    "gebruik het pad van een pagina onder docs/, bijvoorbeeld ogw/stap-4-maatregelen.md",
                    "verwijzing",
                )
        elif "-A" in subject:
            if catalog.complete("actie") and subject not in actions:
                yield record.finding(
                    "over",
                    f"onbekende actie '{subject}'",
                    suggest(subject, actions) or "gebruik een id van een actie uit data/maatregelen/",
                    "verwijzing",
                )
        elif catalog.complete("maatregel") and subject not in measures:
            yield record.finding(
                "over",
                f"onbekende maatregel '{subject}'",
                suggest(subject, measures) or "gebruik een id uit data/maatregelen/",
                "verwijzing",
            )


def reaction_consent(catalog: Catalog) -> Iterator[Finding]:
    """A reaction from a person is in this public file only with consent.

    Passes: ``van: particulier`` with ``toestemming_publicatie: true``.
    Fails: ``van: ervaringsdeskundige`` without it, or with ``false``.
    """
    for record in catalog.records("reactie"):
        if record.data["van"] in PERSON_SENDERS and record.data.get("toestemming_publicatie") is not True:
            yield record.finding(
                "toestemming_publicatie" if "toestemming_publicatie" in record.data else "van",
                f"een reactie van een persoon ({record.data['van']}) staat hier zonder toestemming om te publiceren",
                "zet 'toestemming_publicatie: true' als de afzender toestemming gaf; haal de reactie anders uit dit openbare bestand",
                "toestemming",
            )


#: Free text that is published (page, search index, open data), by kind and field, and whether
#: an organisation that gave consent may name its own contact details there. A person's
#: contact details and anyone else's are never allowed: consent covers the sender, not a
#: third party such as a victim named in a summary.
FREE_TEXT: tuple[tuple[str, str, bool], ...] = (
    ("reactie", "samenvatting", True),
    ("reactie", "toelichting", False),
    ("perspectief", "tekst", False),
    ("perspectief", "citaat", False),
    ("rondetafel", "opbrengst", False),
)

#: What looks like personal data, in the order the message names it. Names cannot be
#: recognised reliably; the review checklist asks for them.
_PERSONAL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("een e-mailadres", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("een IBAN-rekeningnummer", re.compile(r"\b[A-Z]{2}[0-9]{2}\s?[A-Z]{4}(?:\s?[0-9]){10}\b")),
    ("een telefoonnummer", re.compile(r"(?<![0-9])(?:\+31|0031|0)[ -]?(?:\(0\))?[ -]?[1-9](?:[ -]?[0-9]){8}(?![0-9])")),
    (
        "een postcode met huisnummer",
        re.compile(r"\b[0-9]{1,5}[a-zA-Z]?,?\s+[1-9][0-9]{3}\s?[A-Z]{2}\b|\b[1-9][0-9]{3}\s?[A-Z]{2}\s+[0-9]{1,5}\b"),
    ),
)


def personal_data(catalog: Catalog) -> Iterator[Finding]:
    """Published free text holds no e-mail address, phone number, postcode with house number or IBAN.

    Passes: the consultation's own address; in a summary, an organisation's own details
    when the reaction has ``toestemming_publicatie: true``.
    Fails: ``samenvatting: "Jan (jan@example.nl, 06-12345678) meldt …"`` from ``particulier``.
    The message names what was found and where, never the text itself (CI logs are public).
    """
    allowed = {
        str(channel.get("adres", "")).lower()
        for round_ in catalog.records("consultatieronde")
        for channel in round_.data["kanalen"]
        if channel.get("adres")
    }
    for kind, field, consent_allows in FREE_TEXT:
        for record in catalog.records(kind):
            text = record.data.get(field)
            if not isinstance(text, str):
                continue
            if (
                consent_allows
                and record.data.get("toestemming_publicatie") is True
                and record.data.get("van") not in PERSON_SENDERS
            ):
                continue
            for what, pattern in _PERSONAL:
                found = next((m for m in pattern.finditer(text) if m.group(0).lower() not in allowed), None)
                if found is not None:
                    yield record.finding(
                        field,
                        f"de tekst bevat iets dat lijkt op {what} (vanaf teken {found.start() + 1})",
                        "haal het weg: deze tekst komt op de openbare site, in de zoekfunctie en in open data, "
                        "en contactgegevens van personen publiceren we nooit; schrijf bijvoorbeeld 'een melder'",
                        "persoonsgegevens",
                    )
                    break


def reaction_decision(catalog: Catalog) -> Iterator[Finding]:
    """A decision comes with its reasons, and a decision that changes the plan points to the change.

    Passes: ``besluit: overgenomen`` with ``toelichting`` and ``wijziging: "#14"``;
    a reaction without ``besluit`` (still being handled) and without both.
    Fails: ``besluit: niet overgenomen`` without ``toelichting``; ``overgenomen`` without
    ``wijziging``; ``toelichting`` or ``wijziging`` without ``besluit``.
    """
    for record in catalog.records("reactie"):
        data = record.data
        decision = data.get("besluit")
        if decision is None:
            for field in ("toelichting", "wijziging"):
                if field in data:
                    yield record.finding(
                        field,
                        f"er staat een {field} maar nog geen besluit",
                        "vul 'besluit:' in, of haal het veld weg",
                        "besluit",
                    )
            continue
        if "toelichting" not in data:
            yield record.finding(
                "besluit",
                f"het besluit '{decision}' heeft geen toelichting",
                "leg in 'toelichting:' uit waarom; dat hoort in het consultatieverslag",
                "besluit",
            )
        if decision in _CHANGING and "wijziging" not in data:
            yield record.finding(
                "besluit",
                f"het besluit '{decision}' noemt de wijziging niet",
                "zet in 'wijziging:' de pull request (#12) of de commit die het plan aanpaste",
                "besluit",
            )


def reaction_dates(catalog: Catalog) -> Iterator[Finding]:
    """A reaction arrives while its round is open (a warning: late reactions may still be used).

    Reported: ``ontvangen: 2023-09-01`` for a round that closed on 4 August 2023.
    """
    rounds = _rounds(catalog)
    for record in catalog.records("reactie"):
        round_ = rounds.get(record.data["ronde"])
        if round_ is None:
            continue
        try:
            received = dt.date.fromisoformat(record.data["ontvangen"])
        except ValueError:
            yield record.finding(
                "ontvangen",
                f"'{record.data['ontvangen']}' is geen bestaande datum",
                "controleer de maand en de dag",
                "datum",
            )
            continue
        try:
            opens, closes = parse_local(round_.data["opent"]).date(), parse_local(round_.data["sluit"]).date()
        except BadMoment:
            continue
        if not opens <= received <= closes:
            yield record.finding(
                "ontvangen",
                f"de reactie kwam op {received.isoformat()}, buiten ronde {record.data['ronde']} "
                f"({opens.isoformat()} tot en met {closes.isoformat()})",
                "controleer de datum; een late reactie mag blijven als het verslag dat zegt",
                "consultatie-tijd",
                severity="waarschuwing",
            )


CONSULTATION_RULES = {
    "consultatie-tijd": round_times,
    "consultatie-kanalen": round_channels,
    "consultatie-verwijzing": reaction_references,
    "toestemming": reaction_consent,
    "persoonsgegevens": personal_data,
    "besluit": reaction_decision,
    "consultatie-datum": reaction_dates,
}
