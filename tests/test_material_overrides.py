"""Files in overrides/ that replace one of Material's templates, pinned to what they were checked against.

A file in ``overrides/`` with the path of a Material template replaces that template
(MkDocs' ``custom_dir``). Three are copies of Material's file with one change each
(issue 18: the W3C Nu HTML checker's errors; base.html also reuses the navigation,
macros/site/shell.py); the others are our own templates that take
a Material template's place. For each, :data:`OVERRIDES` holds the sha256 of Material's
file at :data:`CHECKED_AGAINST`; after an upgrade of mkdocs-material the test names every
file to check again: take Material's new file, make the same change, update the hash.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import ROOT, soup

#: The mkdocs-material version the overrides were last compared with.
CHECKED_AGAINST = "9.8.1"
OVERRIDES_DIR = ROOT / "overrides"

#: Material's template → the sha256 of Material's own file at CHECKED_AGAINST.
OVERRIDES = {
    # Copies with a change (CHANGES below).
    "base.html": "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
    # Our own templates in a Material template's place.
    "main.html": "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
    "404.html": "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
}

#: For each copy, the only changes from Material's file (old text, new text, times); the
#: header comment of the copy (why it exists) takes the place of Material's.
CHANGES = {
    "base.html": [
        (
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
            '    <form id="__toggles" autocomplete="off" hidden></form>\n'
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n',
            1,
        ),
        # The navigation rendered once for all pages out of it in one folder (macros/site/shell.py).
        (
            '                    {% include "partials/nav.html" %}\n',
            '                    {% call shared_part("nav") %}{% include "partials/nav.html" %}{% endcall %}\n',
            1,
        ),
    ],
    "partials/nav-item.html": [
        ('{% set tabindex = "0" if not is_section %}', '{% set tabindex = "0" if not is_section else "-1" %}', 2)
    ],
    "partials/toc.html": [
        (
            '    <label class="md-nav__title" for="__toc">\n',
            '    {%- set toggle = page in nav.pages and not ("navigation.indexes" in features and page.is_index and'
            " page.parent) %}\n"
            '    <label class="md-nav__title"{% if toggle %} for="__toc"{% endif %}>\n',
            1,
        )
    ],
}

MATERIAL_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_override_of_a_material_template_is_pinned():
    upstream = material_templates()
    replaced = {
        p.relative_to(OVERRIDES_DIR).as_posix()
        for p in OVERRIDES_DIR.rglob("*.html")
        if (upstream / p.relative_to(OVERRIDES_DIR)).is_file()
    }
    assert replaced == set(OVERRIDES), (
        "zet elk bestand in overrides/ dat een sjabloon van Material vervangt in OVERRIDES, met de sha256 van het "
        f"origineel: {sorted(replaced ^ set(OVERRIDES))}"
    )
    assert set(CHANGES) <= set(OVERRIDES)


def test_material_is_the_version_the_overrides_were_checked_against():
    installed = importlib.metadata.version("mkdocs-material")
    upstream = material_templates()
    changed = sorted(name for name, digest in OVERRIDES.items() if sha256(upstream / name) != digest)
    recheck = "\n".join(f"  overrides/{name}  (vergelijk met material/templates/{name})" for name in changed)
    assert not changed, (
        f"mkdocs-material {installed}: Material's versie van deze bestanden is anders dan in {CHECKED_AGAINST}. "
        f"Controleer onze versie opnieuw en werk daarna OVERRIDES en CHECKED_AGAINST bij:\n{recheck}"
    )
    assert installed == CHECKED_AGAINST, (
        f"mkdocs-material {installed}, maar de overrides zijn gecontroleerd tegen {CHECKED_AGAINST}. Controleer "
        "opnieuw en zet dan CHECKED_AGAINST op de nieuwe versie:\n"
        + "\n".join(f"  overrides/{name}" for name in sorted(OVERRIDES))
    )


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_copy_differs_from_material_only_by_its_stated_change(name):
    text = (material_templates() / name).read_text(encoding="utf-8")
    assert text.startswith(MATERIAL_HEADER)
    body = text[len(MATERIAL_HEADER) :]
    for old, new, times in CHANGES[name]:
        assert body.count(old) == times, (name, old)
        body = body.replace(old, new)
    ours = (OVERRIDES_DIR / name).read_text(encoding="utf-8")
    header, sep, rest = ours.partition("\n-#}\n")
    assert sep and header.startswith("{#-\n") and f"mkdocs-material {CHECKED_AGAINST}" in header.replace("\n  ", " ")
    assert rest == body, f"overrides/{name} wijkt meer af van Material dan CHANGES zegt"


@pytest.fixture(scope="module", name="pages")
def fixture_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): soup(p) for p in sorted(site.rglob("*.html"))}


def test_the_toc_title_names_the_toc_toggle_exactly_where_it_exists(pages):
    """partials/toc.html decides from the page and the nav; partials/nav-item.html writes the toggle."""
    with_toggle = 0
    for name, page in pages.items():
        toggle = page.find(id="__toc")
        titles = page.select("nav.md-nav--secondary > label.md-nav__title")
        assert all((title.get("for") == "__toc") == (toggle is not None) for title in titles), name
        if toggle is not None:
            with_toggle += 1
            assert toggle.name == "input", name
    assert 10 < with_toggle < len(pages)


def test_section_labels_keep_a_tabindex_for_materials_script(pages):
    """Material's script finds the navigation's labels by label[tabindex]; sections stay out of the Tab order."""
    for name, page in pages.items():
        labels = page.select("label.md-nav__link[for^=__nav]")
        assert labels, name
        for label in labels:
            section = "md-nav__item--section" in label.find_parent("li").get("class", [])
            assert label.get("tabindex") == ("-1" if section else "0"), (name, str(label)[:120])


def test_the_drawer_and_search_toggles_belong_to_a_form_without_autocomplete(pages):
    """Firefox brings back a checked toggle on reload unless its form says autocomplete="off"."""
    for name, page in pages.items():
        form = page.find("form", id="__toggles")
        assert form is not None and form.get("autocomplete") == "off" and not form.contents, name
        for toggle in ("__drawer", "__search"):
            control = page.find(id=toggle)
            assert control.get("form") == "__toggles" and not control.has_attr("autocomplete"), name
            assert control.find_previous("form", id="__toggles") is form, name


def test_the_reused_navigation_is_what_material_draws_on_every_page(site, tmp_path):
    """macros/site/shell.py renders the navigation once for the pages out of it; built without that
    reuse, every page of the site is byte for byte the same (an upgrade of Material that makes the
    navigation depend on more than the page's folder fails here)."""
    from macros.site.shell import REUSE_VARIABLE
    from tests.helpers import build_site, environment

    with environment(**{REUSE_VARIABLE: "0"}):
        alone = build_site(tmp_path / "site")
    ours = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert ours == sorted(p.relative_to(alone).as_posix() for p in alone.rglob("*.html"))
    differ = [name for name in ours if (site / name).read_bytes() != (alone / name).read_bytes()]
    assert not differ, f"de gedeelde navigatie wijkt af van Materials eigen navigatie op: {differ[:5]}"
    assert sum(name.startswith(("maatregelen/", "organisaties/")) for name in ours) > 20
