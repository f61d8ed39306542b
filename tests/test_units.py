"""Small pure functions: formatting, dates and relative links."""

from __future__ import annotations

import posixpath
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.data.findings import Finding, Report, format_path, render_github, render_text
from macros.dutch import euro, number_nl
from macros.model.records import PartialDate
from macros.site.render import _relpath, relative_url


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2000000, "€\u00a02.000.000"),
        (Decimal("1250.5"), "€\u00a01.250,50"),
        (0, "€\u00a00"),
        (999, "€\u00a0999"),
        (Decimal("-1500"), "€\u00a0-1.500"),
    ],
)
def test_euro(value, text):
    assert euro(value) == text


def test_number_nl():
    assert number_nl(1234567) == "1.234.567"
    assert number_nl(Decimal("2.5"), 1) == "2,5"


def test_partial_dates():
    assert PartialDate.parse("2023-04").dutch == "april 2023"
    assert PartialDate.parse("2022-10-05").dutch == "5 oktober 2022"
    assert PartialDate.parse("2024-02").last_day.isoformat() == "2024-02-29"
    assert PartialDate.parse("2023-12").last_day.isoformat() == "2023-12-31"
    with pytest.raises(ValueError):
        PartialDate.parse("2023-02-30")


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("", "ogw/", "ogw/"),
        ("ogw/stap-4-maatregelen/", "organisaties/", "../../organisaties/"),
        ("ogw/", "ogw/stap-1-opgave/", "stap-1-opgave/"),
        ("ogw/stap-1-opgave/", "ogw/stap-1-opgave/#thema-zicht", "./#thema-zicht"),
        ("begroting/", "data/maatregelen.json", "../data/maatregelen.json"),
    ],
)
def test_relative_url(page, target, link):
    assert relative_url(page, target) == link


_segment = st.sampled_from(["ogw", "maatregelen", "m01", "organisaties", "a", "b", ".", "..", "index.html"])
_site_path = st.lists(_segment, max_size=4).map("/".join)


@given(path=_site_path.filter(bool), start=_site_path)
def test_quick_relpath_is_the_standard_relpath(path, start):
    assert _relpath(path, start) == posixpath.relpath(path, start or ".")


def test_format_path_counts_from_one():
    assert format_path(("acties", 1, "actiehouder")) == "acties[2].actiehouder"
    assert format_path(()) == "(bestand)"


def test_reporters():
    report = Report(
        [
            Finding(file="data/a.yml", line=3, path="x", message="fout", hint="doe iets", rule="r"),
            Finding(
                file="data/a.yml", line=9, path="y", message="let op", hint="kijk", rule="w", severity="waarschuwing"
            ),
        ]
    )
    text = render_text(report)
    assert text.splitlines()[0] == "data/a.yml:3: x: fout — doe iets"
    assert "1 fout gevonden" in text and "1 waarschuwing" in text
    assert render_github(report).splitlines()[0] == "::error file=data/a.yml,line=3::x: fout — doe iets"
