"""Markdown is text: a page in docs/ runs only the project's macros (macros/site/sandbox.py).

Each known escape route from plain Jinja is tried three ways: the check
refuses it with its line, the sandbox refuses it even when the check is
skipped, and a real build with the payload in a page (visible, and inside an
HTML comment) stops with a Dutch FILE:LINE message while the payload's file
never appears.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined, TemplateError
from jinja2.defaults import DEFAULT_NAMESPACE
from mkdocs.exceptions import Abort

from macros.site.sandbox import ESCAPE_GLOBALS, check_page, check_template, sandboxed
from macros.views import VIEWS
from tests.helpers import ROOT, build_site


def payloads(proof: Path) -> dict[str, str]:
    """Expressions that, in plain Jinja, would run ``touch proof`` (or read a file)."""
    command = f"touch {proof}"
    walk = "().__class__.__mro__[1].__subclasses__()"
    return {
        "lipsum": f"{{{{ lipsum.__globals__.os.popen('{command}').read() }}}}",
        "cycler": f"{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}",
        "joiner": f"{{{{ joiner.__init__.__globals__.os.popen('{command}').read() }}}}",
        "namespace": f"{{{{ namespace.__init__.__globals__.os.popen('{command}').read() }}}}",
        "class-mro-subclasses": f"{{{{ {walk} }}}}",
        "macro-globals": f"{{{{ maatregelen.__globals__.os.popen('{command}').read() }}}}",
        "attr-filter": f"{{{{ (lipsum|attr('__globals__')).os.popen('{command}').read() }}}}",
        "format-filter": "{{ '%s'|format(lipsum.__globals__) }}",
        "map-filter": "{{ [lipsum]|map(attribute='__globals__')|list }}",
        "set-and-call": f"{{% set x = lipsum.__globals__ %}}{{{{ x.os.popen('{command}').read() }}}}",
        "import": f"{{% import 'os' as os %}}{{{{ os.popen('{command}') }}}}",
        "include": "{% include '../mkdocs.yml' %}",
        "from-import": "{% from 'index.md' import x %}",
        "for-loop": f"{{% for c in {walk} %}}{{{{ c }}}}{{% endfor %}}",
        "config-walk": "{{ config.__class__.__init__.__globals__ }}",
        "macro-as-argument": "{{ rondetafel(lipsum.__globals__) }}",
        "plugin-variable": "{{ plugin.env }}",
    }


ROUTES = sorted(payloads(Path("/x")))


@pytest.mark.parametrize("route", ROUTES)
def test_the_check_refuses_every_escape_route_with_its_line(route):
    payload = payloads(Path("/tmp/nooit"))[route]
    source = f"# Titel\n\nTekst.\n\n<!-- {payload} -->\n"
    problems = check_template(source, Environment(), VIEWS)
    assert problems, route
    assert problems[0][0] == 5
    assert all("macro" in message for _, message in problems)


@pytest.mark.parametrize("route", ROUTES)
def test_the_sandbox_refuses_what_the_check_would_let_through(route, tmp_path):
    """Defence in depth: render the payload in the sandboxed environment directly, without the check.

    Jinja's helpers are handed in as variables, so the sandbox's attribute
    rules are tested, not only the missing globals.
    """
    proof = tmp_path / "bewijs"
    plain = Environment(undefined=StrictUndefined)
    safe = sandboxed(plain)
    assert ESCAPE_GLOBALS.isdisjoint(safe.globals)
    with contextlib.suppress(TemplateError, TypeError):
        safe.from_string(payloads(proof)[route]).render(
            **DEFAULT_NAMESPACE, maatregelen=lambda: "", rondetafel=lambda n: "", config={"site_url": "x"}, plugin=safe
        )
    assert not proof.exists(), route


def test_plain_jinja_would_have_run_the_payload(tmp_path):
    """The payloads are real: without the sandbox, lipsum's route runs a shell command."""
    proof = tmp_path / "bewijs"
    Environment().from_string(f"{{{{ lipsum.__globals__.os.system('touch {proof}') }}}}").render()
    assert proof.exists()


def test_macros_variables_and_raw_text_are_allowed():
    source = (
        "{{ maatregelen() }}\n{{ rondetafel(2) }}\n{{ voortgang_wijzigingen(van=\"2025-06-30\", tot='2025-11-30') }}\n"
        "{{ programma.naam }} {{ config.site_url }}\n"
        '{{ "{% raw %}" }}\n{% raw %}{{ lipsum.__globals__ }}{% endraw %}\n{# een opmerking #}\n'
    )
    assert check_template(source, Environment(), VIEWS) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ maatregelen }}", "Achter de macro 'maatregelen' staan geen haakjes. Schrijf maatregelen()."),
        ("{{ maatregeltjes() }}", "'maatregeltjes' is geen macro van het actieplan."),
        ("{{ programma.geheim }}", "'programma.geheim' is geen gewone variabele van de site."),
        ("{% include 'x.md' %}", "De opdracht '{% include %}' mag niet in een pagina."),
        ("{{ programma.naam | upper }}", "Een filter ('| upper') mag niet in een pagina."),
        ("{{ maatregelen(", "Hier staat {{, {% of {# zonder goed einde."),
    ],
)
def test_messages_are_dutch_and_say_what_to_do(source, expected):
    [(line, message)] = check_template(source, Environment(), VIEWS)
    assert line == 1
    assert message.startswith(expected)


def test_lines_are_lines_of_the_file_after_front_matter():
    source = "---\ntitle: Colofon\n---\n\n# Colofon\n\n{{ lipsum }}\n"
    markdown = source.split("---\n", 2)[2]
    [finding] = check_page("docs/over/colofon.md", source, markdown, "Colofon", Environment(), VIEWS)
    assert str(finding).startswith("docs/over/colofon.md:7: 'lipsum' is geen macro")


def test_a_title_with_code_is_refused():
    source = '---\ntitle: "{{ cycler.__init__ }}"\n---\n\nTekst.\n'
    [finding] = check_page("docs/a.md", source, "\nTekst.\n", "{{ cycler.__init__ }}", Environment(), VIEWS)
    assert str(finding).startswith("docs/a.md:2: In de titel: ")


def test_every_shipped_page_passes_the_check():
    env = Environment()
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert check_page(str(page.relative_to(ROOT)), text, text, None, env, VIEWS) == [], page


@pytest.fixture(name="docs_copy")
def fixture_docs_copy(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("pdf"))
    return docs


@pytest.mark.parametrize("where", ["zichtbaar", "in-commentaar"])
def test_a_payload_in_a_page_stops_the_build_and_never_runs(where, docs_copy, tmp_path, caplog):
    proof = tmp_path / "bewijs"
    payload = payloads(proof)["lipsum"]
    page = docs_copy / "over" / "colofon.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    with page.open("a", encoding="utf-8") as text:
        text.write(f"\n{payload}\n" if where == "zichtbaar" else f"\n<!-- {payload} -->\n")
    site = tmp_path / "site"
    with pytest.raises(Abort):
        build_site(site, docs_dir=str(docs_copy))
    assert not proof.exists()
    assert not (site / "index.html").exists()
    messages = [record.getMessage() for record in caplog.records]
    assert (
        f"docs/over/colofon.md:{lines + 2}: Hier wordt iets aangeroepen dat geen macro van het actieplan is."
        in "\n".join(messages)
    )
