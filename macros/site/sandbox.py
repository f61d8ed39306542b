"""Markdown is text: what a page in ``docs/`` may say between ``{{ }}`` and ``{% %}``.

mkdocs-macros renders every page as a Jinja template, and plain Jinja can
reach Python (``lipsum.__globals__.os``), also from inside an HTML comment
that no reader sees. So two fences stand between a page and Python:

1. :func:`check_page` parses the page with the same Jinja settings and walks
   the tree before anything renders. A page may hold only text, calls of the
   project's macros with literal arguments (``{{ rondetafel(2) }}``), the
   plain variables in :data:`PLAIN_VARIABLES` (``{{ programma.naam }}``) and
   string literals (``{{ "{% raw %}" }}``); ``{% raw %}`` works because the
   lexer turns it into text. Everything else (a block tag, a filter, an
   attribute walk, an unknown name) is a :class:`PageCodeFinding` with the
   file and line; the build stops before the page renders.
2. :func:`sandboxed` gives the environment the page then renders in: an
   :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with the same
   loader, delimiters, undefined behaviour, filters and globals, minus the
   Jinja helpers that have been escape routes (``lipsum``, ``cycler``,
   ``joiner``, ``namespace``). It should never see anything the check let
   through, but if the check has a hole, the sandbox still refuses
   ``__class__`` and friends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = [
    "ESCAPE_GLOBALS",
    "PLAIN_VARIABLES",
    "PageCodeFinding",
    "check_page",
    "check_template",
    "sandboxed",
]

#: Jinja's default globals that a page never needs and that were the way out of plain Jinja.
ESCAPE_GLOBALS = frozenset({"lipsum", "cycler", "joiner", "namespace", "range", "dict"})

#: The variables a page may show, with the fields it may use: ``{{ programma.naam }}``.
PLAIN_VARIABLES: Mapping[str, frozenset[str]] = {
    "programma": frozenset({"naam", "volledige_naam", "ministerie"}),
    # Addresses made from the repository constant (macros/__init__.py): the private vulnerability report, security.txt.
    "links": frozenset({"kwetsbaarheid_melden", "security_txt"}),
    "config": frozenset({"site_url", "site_name", "site_description"}),
}

_RULE = "Tussen {{ en }} mag alleen een macro van het actieplan staan, zoals {{ maatregelen() }}, of een gewone variabele zoals {{ programma.naam }}"


@dataclasses.dataclass(frozen=True)
class PageCodeFinding:
    """Something in a page that is not a macro call or a plain variable, with its place in the file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _literal(node: nodes.Node) -> bool:
    """A constant argument: a string, number, True/False/None, or a list or tuple of those."""
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str | int | float | bool) or node.value is None
    if isinstance(node, nodes.List | nodes.Tuple):
        return all(_literal(item) for item in node.items)
    return False


def _expression_problem(node: nodes.Expr, macros: frozenset[str]) -> str | None:
    """Why ``node`` may not stand between ``{{ }}`` (None when it may)."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return None
    if isinstance(node, nodes.Call):
        if not isinstance(node.node, nodes.Name):
            return f"Hier wordt iets aangeroepen dat geen macro van het actieplan is. {_RULE}."
        name = node.node.name
        if name not in macros:
            return f"'{name}' is geen macro van het actieplan. Kijk op de pagina over/macros.md welke macro's er zijn."
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            return f"De macro '{name}' krijgt hier * of ** mee. Schrijf de waarden zelf op, zoals {name}(2)."
        if not all(_literal(arg) for arg in node.args) or not all(_literal(kw.value) for kw in node.kwargs):
            return f"De macro '{name}' krijgt hier iets anders mee dan een vaste tekst of een getal. Schrijf de waarde zelf op, zoals {name}(2)."
        return None
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        fields = PLAIN_VARIABLES.get(node.node.name)
        if fields is not None and node.attr in fields:
            return None
        return f"'{node.node.name}.{node.attr}' is geen gewone variabele van de site. {_RULE}."
    if isinstance(node, nodes.Name):
        if node.name in macros:
            return f"Achter de macro '{node.name}' staan geen haakjes. Schrijf {node.name}()."
        return f"'{node.name}' is geen macro en geen gewone variabele van de site. {_RULE}."
    if isinstance(node, nodes.Filter):
        return f"Een filter ('| {node.name}') mag niet in een pagina. {_RULE}."
    return f"Deze code mag niet in een pagina. {_RULE}."


def _tag_name(node: nodes.Node) -> str:
    names = {
        nodes.Include: "include",
        nodes.Import: "import",
        nodes.FromImport: "from … import",
        nodes.Extends: "extends",
        nodes.For: "for",
        nodes.If: "if",
        nodes.Assign: "set",
        nodes.AssignBlock: "set",
        nodes.Macro: "macro",
        nodes.CallBlock: "call",
        nodes.FilterBlock: "filter",
        nodes.With: "with",
        nodes.Block: "block",
    }
    return next((tag for kind, tag in names.items() if isinstance(node, kind)), type(node).__name__.lower())


def check_template(source: str, env: Environment, macros: Iterable[str]) -> list[tuple[int, str]]:
    """Every place in ``source`` that is not text, a macro call or a plain variable: (line, Dutch message).

    ``env`` gives the delimiters (parsing only: nothing is rendered). Lines
    count from the first line of ``source``.
    """
    known = frozenset(macros)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as err:
        return [
            (
                err.lineno or 1,
                "Hier staat {{, {% of {# zonder goed einde. Wilt u die tekens laten zien? "
                'Zet ze tussen {{ "{% raw %}" }} en {{ "{% endraw %}" }}.',
            )
        ]
    problems: list[tuple[int, str]] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(
                (
                    node.lineno,
                    f"De opdracht '{{% {_tag_name(node)} %}}' mag niet in een pagina. "
                    f"{_RULE}; {{% raw %}} en {{% endraw %}} mogen ook.",
                )
            )
            continue
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            problem = _expression_problem(part, known)
            if problem is not None:
                problems.append((part.lineno, problem))
    return problems


def _front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of ``source`` come before ``markdown`` (MkDocs hands macros the page without its front matter)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


def check_page(
    file: str, source: str, markdown: str, title: str | None, env: Environment, macros: Iterable[str]
) -> list[PageCodeFinding]:
    """The findings for one page: its Markdown body and its title (mkdocs-macros renders both).

    ``file`` is the name shown to the writer (``docs/over/colofon.md``);
    ``source`` is the whole file, so lines are lines of the file.
    """
    names = frozenset(macros)
    offset = _front_matter_lines(source, markdown)
    found = [PageCodeFinding(file, offset + line, message) for line, message in check_template(markdown, env, names)]
    if title and any(
        mark in title for mark in (env.variable_start_string, env.block_start_string, env.comment_start_string)
    ):
        line = next((n for n, text in enumerate(source.splitlines(), 1) if text.startswith("title:")), 1)
        found += [
            PageCodeFinding(file, line, f"In de titel: {message}") for _, message in check_template(title, env, names)
        ]
    return found


def sandboxed(env: Environment) -> ImmutableSandboxedEnvironment:
    """An immutable sandbox with ``env``'s settings, loader, filters, tests and globals (minus :data:`ESCAPE_GLOBALS`)."""
    if isinstance(env, ImmutableSandboxedEnvironment):
        return env
    settings: dict[str, Any] = {
        name: getattr(env, name)
        for name in (
            "block_start_string",
            "block_end_string",
            "variable_start_string",
            "variable_end_string",
            "comment_start_string",
            "comment_end_string",
            "line_statement_prefix",
            "line_comment_prefix",
            "trim_blocks",
            "lstrip_blocks",
            "newline_sequence",
            "keep_trailing_newline",
            "optimized",
            "undefined",
            "finalize",
            "autoescape",
            "loader",
            "auto_reload",
            "bytecode_cache",
        )
    }
    safe = ImmutableSandboxedEnvironment(extensions=[type(ext) for ext in env.extensions.values()], **settings)
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.policies.update(env.policies)
    safe.globals.clear()
    safe.globals.update({name: value for name, value in env.globals.items() if name not in ESCAPE_GLOBALS})
    return safe
