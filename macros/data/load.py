"""Read YAML files into plain Python values while keeping source positions.

PyYAML's ``safe_load`` loses values without a word (a duplicate key keeps
the last value), expands alias bombs, turns ``no`` into ``False`` and dates
into ``datetime.date``. This loader composes the node tree (libyaml when
available) and builds values itself, so that:

- every mapping key and list item knows its line, for ``FILE:LINE`` messages;
- a duplicate key, an alias, a tab used for indentation, a byte-order mark,
  bytes that are not UTF-8, an empty file and an oversized file are findings,
  never silent;
- dates stay strings (``2023-04`` and ``2022-10-05``), so the JSON Schema
  decides which precision a field allows and the rules parse them once;
- decimals are read as ``decimal.Decimal`` so that amounts keep their cents
  exactly and fractional cents can be refused;
- only ``true`` and ``false`` are booleans; ``yes``/``no``/``on``/``off`` stay
  text and the schema asks for ``true`` or ``false``.
"""

from __future__ import annotations

import dataclasses
import decimal
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from macros.data.findings import Finding, format_path

__all__ = [
    "Document",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_DIGITS",
    "load_document",
    "number_form",
    "unsafe_character",
]

#: Larger files are refused before parsing: a data file of the plan is a few
#: kilobytes, so a megabyte means a mistake (or an attack), not a plan.
MAX_FILE_BYTES = 1_000_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with the tag of each plain scalar text remembered.

    PyYAML resolves the tag of every plain scalar by running regular
    expressions in Python; with 10,000 measure files that was a quarter of
    the composing time. Without path resolvers (the safe loader has none)
    the answer depends only on the text, so it is computed once per text.
    Quoted scalars, lists and blocks get the default tags, as before.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _DEFAULT_SCALAR_TAG
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                if len(_PLAIN_TAGS) > 200_000:
                    _PLAIN_TAGS.clear()
                tag = _PLAIN_TAGS[value] = _BaseLoader.resolve(self, kind, value, implicit)
            return tag
        return _DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else _DEFAULT_MAPPING_TAG

    # Path resolvers are unused by the safe loader, so the bookkeeping per node can go.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_PLAIN_TAGS: dict[str, str] = {}
_DEFAULT_SCALAR_TAG = _BaseLoader.DEFAULT_SCALAR_TAG
_DEFAULT_SEQUENCE_TAG = _BaseLoader.DEFAULT_SEQUENCE_TAG
_DEFAULT_MAPPING_TAG = _BaseLoader.DEFAULT_MAPPING_TAG
#: A resolver for the quick path (it only uses the class's tables).
_RESOLVER = yaml.resolver.Resolver()
assert not _BaseLoader.yaml_path_resolvers, "the tag cache assumes a loader without path resolvers"
_BOOL_WORDS = {"true", "false"}
#: The only number forms read as numbers: digits without a leading zero (and at most
#: MAX_NUMBER_DIGITS of them), an optional minus, for decimals a point with digits on both sides.
#: Anything else YAML 1.1 calls a number (octal, base 60, hex, binary, 1_000, .5, +5, 1.0e+3)
#: stays text, so a reviewer never reads another number than the site shows.
MAX_NUMBER_DIGITS = 30
_PLAIN_INT = re.compile(rf"-?(?:0|[1-9][0-9]{{0,{MAX_NUMBER_DIGITS - 1}}})")
_PLAIN_DECIMAL = re.compile(rf"-?(?:0|[1-9][0-9]{{0,{MAX_NUMBER_DIGITS - 1}}})\.[0-9]{{1,{MAX_NUMBER_DIGITS}}}")

Path_ = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True)
class Document:
    """One loaded data file.

    Attributes:
        file: the path shown in messages (relative to the project when possible).
        data: the value, made of dict, list, str, int, Decimal, bool and None.
        text: the file's text, kept when its lines were not worked out yet.
    """

    file: str
    data: Any
    text: str | None = dataclasses.field(default=None, repr=False, compare=False)
    _lines: dict[Path_, int] | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> dict[Path_, int]:
        """The 1-based line of each key or list item, by field path.

        Only messages need lines, and most files have none: a file read the
        quick way keeps its text and its lines are worked out on first use,
        from the same text, by the same function.
        """
        if self._lines is None:
            quick = _quick_parse(self.text or "")
            object.__setattr__(self, "_lines", quick[1] if quick is not None else {(): 1})
        return self._lines  # type: ignore[return-value]

    def line(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Reject(Exception):
    """A problem that stops reading this one file."""

    def __init__(self, line: int, message: str, hint: str, rule: str, path: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.hint, self.rule, self.path = line, message, hint, rule, path


def load_document(path: Path | str, shown_as: str) -> tuple[Document | None, list[Finding]]:
    """Read one YAML file.

    Parameters:
        path: the file to read.
        shown_as: the name used for it in messages.

    Returns:
        The document (None when it could not be read) and the findings.
    """
    findings: list[Finding] = []
    try:
        try:
            text = _read_text(path)
        except OSError as err:
            # Every message names its file, also for one the system cannot read (/proc/self/pagemap).
            raise _Reject(
                0,
                f"het bestand kan niet worden gelezen ({err.strerror or err})",
                "controleer of het een gewoon bestand is dat u mag lezen",
                "onleesbaar",
            ) from None
        quick = _quick_parse(text, with_lines=False)
        if quick is not None:
            # The quick path only accepts non-empty files without tabs or odd
            # characters, so the checks below would find nothing.
            return Document(file=shown_as, data=quick[0], text=text), findings
        _check_text(text)
        doc = _compose_full(text, shown_as, findings)
    except _Reject as reject:
        findings.append(
            Finding(
                file=shown_as,
                line=reject.line,
                path=reject.path,
                message=reject.message,
                hint=reject.hint,
                rule=reject.rule,
            )
        )
        return None, findings
    return doc, findings


def _read_text(path: Path | str) -> str:
    """The file as text: refused when too large, with a byte-order mark, or not UTF-8."""
    size = os.stat(path).st_size
    if size <= MAX_FILE_BYTES:
        # Read at most one byte more than the limit: stat() says 0 for files such as those in /proc.
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        size = max(size, len(raw))
    if size > MAX_FILE_BYTES:
        raise _Reject(
            0,
            f"het bestand is te groot ({size:,} bytes; de grens is {MAX_FILE_BYTES:,})".replace(",", "."),
            "splits de gegevens op in kleinere bestanden",
            "bestand-te-groot",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _Reject(
            1,
            "het bestand begint met een byte-order mark (BOM)",
            "sla het bestand op als UTF-8 zonder BOM",
            "bom",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _Reject(
            line,
            f"het bestand is geen geldige UTF-8-tekst (byte 0x{raw[err.start]:02x})",
            "sla het bestand op als UTF-8",
            "geen-utf8",
        ) from None


def _check_text(text: str) -> None:
    """Refuse tabs used for indentation and a file with nothing but comments."""
    if "\t" in text:
        for number, content in enumerate(text.splitlines(), start=1):
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                raise _Reject(
                    number, "een tab wordt gebruikt om in te springen", "gebruik spaties in plaats van tabs", "tab"
                )
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise _Reject(0, "het bestand is leeg", "vul het bestand in of verwijder het", "leeg-bestand")


#: Collections (blocks and lists) inside each other; the schemas use at most 6. libyaml's composer
#: and the builder recurse per level: 1,000 levels gave a RecursionError, 50,000 a segfault.
MAX_DEPTH = 20

_TOO_DEEP = (
    f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus van blokken en lijsten in elkaar)",
    "controleer de inspringing en de haken [ ] en { }; de gegevens van het plan hebben maar een paar niveaus",
    "te-diep",
)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything recurses: the event parser does not."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Reject(event.start_mark.line + 1 if event.start_mark else 0, *_TOO_DEEP)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # composing below reports it, with its line


def _compose_full(text: str, shown_as: str, findings: list[Finding]) -> Document:
    _check_depth(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise _Reject(0, *_TOO_DEEP) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        raise _Reject(
            line, _dutch_yaml_error(err), "controleer de inspringing, dubbele punten en aanhalingstekens", "yaml-syntax"
        ) from None
    except yaml.YAMLError as err:
        raise _Reject(0, f"het bestand is geen geldige YAML ({err})", "controleer de opmaak", "yaml-syntax") from None
    if node is None:
        raise _Reject(0, "het bestand is leeg", "vul het bestand in of verwijder het", "leeg-bestand")
    builder = _Builder(shown_as, findings)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise _Reject(0, *_TOO_DEEP) from None
    return Document(file=shown_as, data=data, _lines=builder.lines)


def _dutch_yaml_error(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    known = {
        "mapping values are not allowed here": "een dubbele punt staat op een plek waar dat niet kan",
        "expected <block end>, but found '-'": "een lijstitem (-) staat niet goed ingesprongen",
        "could not find expected ':'": "er ontbreekt een dubbele punt na een sleutel",
        "found character '\\t' that cannot start any token": "een tab staat op een plek waar dat niet kan",
        "found undefined alias": "een verwijzing (*) naar een anker dat niet bestaat",
        "but found another document": "het bestand bevat meer dan één YAML-document (---)",
    }
    for english, dutch in known.items():
        if english in problem or english in str(err):
            return f"het bestand is geen geldige YAML: {dutch}"
    return f"het bestand is geen geldige YAML ({problem or err.context or 'onbekende fout'})"


class _Builder:
    """Turns a composed node tree into values, recording lines and refusing what would be lost."""

    def __init__(self, file: str, findings: list[Finding]) -> None:
        self.file = file
        self.findings = findings
        self.lines: dict[Path_, int] = {(): 1}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # The composer returns the very same node for an alias (*naam).
            raise _Reject(
                self.lines.get(path, node.start_mark.line + 1),
                "ankers (&) en verwijzingen (*) worden niet ondersteund",
                "schrijf de waarde voluit op elke plek waar ze nodig is",
                "alias",
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.lines[(*path, index)] = child.start_mark.line + 1
                items.append(self.build(child, (*path, index)))
            return items
        assert isinstance(node, yaml.ScalarNode)  # compose gives mappings, sequences and scalars only
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(
                    line, "deze sleutel is geen gewone naam", "gebruik een naam zoals 'titel' als sleutel", "sleutel"
                )
            key = str(key_node.value)
            if key in first_line:
                self.findings.append(
                    Finding(
                        file=self.file,
                        line=line,
                        path=format_path((*path, key)),
                        message=f"de sleutel '{key}' staat twee keer in hetzelfde blok (regel {first_line[key]} en regel {line}); één van de waarden zou verloren gaan",
                        hint="houd één van de twee over",
                        rule="dubbele-sleutel",
                    )
                )
                continue
            first_line[key] = line
            self.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = _scalar_value(node.tag, node.value, node.style)
        if isinstance(value, str):
            self._check_text(value, path, node)
        return value

    def _check_text(self, value: str, path: Path_, node: yaml.ScalarNode) -> None:
        """Refuse characters a reader cannot see or that are not text (see :func:`unsafe_character`).

        (The quick path below never sees them: it gives up on unprintable text.)"""
        if value.isprintable():
            return
        for char in value:
            problem = unsafe_character(char)
            if problem is not None:
                message, rule = problem
                self.findings.append(
                    Finding(
                        file=self.file,
                        line=self.lines.get(path, node.start_mark.line + 1),
                        path=format_path(path),
                        message=f"de tekst bevat {message} (U+{ord(char):04X})",
                        hint="haal het teken weg; kopieer de tekst eventueel opnieuw als platte tekst",
                        rule=rule,
                    )
                )
                return


#: Direction controls: they can make a table cell seem to say something else (U+202E turns text around).
_BIDI = (
    frozenset("\u061c\u200e\u200f")
    | frozenset(map(chr, range(0x202A, 0x202F)))
    | frozenset(map(chr, range(0x2066, 0x206A)))
)
#: Characters without width: invisible in a page, but they make two equal-looking texts differ.
_ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\ufeff") | frozenset(map(chr, range(0x2060, 0x2065)))


def unsafe_character(char: str) -> tuple[str, str] | None:
    """What is wrong with ``char`` in a text of the plan, with the rule's id, or None when it may stay.

    Refused: control characters other than tab and line breaks (HTML cannot show them and
    Python-Markdown uses \\x02 and \\x03 itself), direction controls, characters without
    width and byte-order marks, noncharacters such as U+FFFF and lone surrogates (not valid
    in XML: one makes feed.xml unreadable).
    """
    if char in _BIDI:
        return "een onzichtbaar teken dat de schrijfrichting verandert", "richtingsteken"
    if char in _ZERO_WIDTH:
        return "een onzichtbaar teken zonder breedte", "teken-zonder-breedte"
    category = unicodedata.category(char)
    if category == "Cc" and char not in "\t\n\r":
        return "een onzichtbaar stuurteken", "stuurteken"
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or category == "Cs":
        return "een teken dat geen tekst is", "geen-teken"
    return None


def _scalar_value(tag: str, value: str, style: str | None) -> Any:
    """The value of one scalar, from its resolved tag, text and quoting style."""
    if tag == "tag:yaml.org,2002:str" or style in ("'", '"', "|", ">"):
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true" if value.lower() in _BOOL_WORDS else value
    if tag == "tag:yaml.org,2002:int":
        # YAML 1.1 also reads 0205000 (octal), 20:00:00 (base 60), 0x1F, 0b101, 1_000 and +5;
        # only plain decimal digits are a number here, the rest stays text and the schema says why.
        return int(value) if _PLAIN_INT.fullmatch(value) else value
    if tag == "tag:yaml.org,2002:float":
        if not _PLAIN_DECIMAL.fullmatch(value):
            return value
        return decimal.Decimal(value)
    # Timestamps and anything else stay text; the schema decides.
    return value


_NUMBER_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[-+]?0[0-9_]+(\.[0-9_]*)?"), "een getal begint niet met een 0; schrijf het zonder de 0 vooraan"),
    (re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"), "schrijf alleen cijfers, zonder dubbele punten"),
    (re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+"), "schrijf het getal in gewone cijfers (0 tot en met 9)"),
    (re.compile(r"\+[0-9_.]+"), "laat het plusteken weg"),
    (re.compile(r"-?[0-9]*\.?[0-9_]*[eE][-+]?[0-9]+"), "schrijf het getal voluit, zonder e"),
    (re.compile(r"-?\.[0-9_]+"), "zet een cijfer voor de punt, bijvoorbeeld 0.5"),
    (re.compile(r"-?[0-9][0-9_]*\.?[0-9_]*"), "schrijf het getal zonder liggende streepjes of een punt aan het eind"),
)


def number_form(text: str) -> str | None:
    """What to do about a number written in a form that is not read as a number, or None.

    The loader keeps such text as text (see ``_PLAIN_INT``); the schema's "verwacht een
    getal" message uses this to say what is wrong with it.
    """
    digits = text.lstrip("-")
    if digits.isascii() and digits.isdigit() and len(digits) > MAX_NUMBER_DIGITS:
        return f"het getal heeft {len(digits)} cijfers; gebruik hooguit {MAX_NUMBER_DIGITS} cijfers"
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", text) and len(text) > 2 * MAX_NUMBER_DIGITS:
        return "het getal is te lang; rond het af op hele centen"
    for pattern, hint in _NUMBER_FORMS:
        if pattern.fullmatch(text):
            return hint
    return None


# --- The quick path for plain block YAML --------------------------------------
#
# Composing a node tree with PyYAML costs about 0.15 ms per measure file, most
# of it in creating Python objects for every node and position. Data files
# are written in a small part of YAML: blocks of `sleutel: waarde`, lists of
# `- `, text in double quotes, plain words and numbers, comments. For a file
# that uses only that part, `_quick_parse` reads the lines directly and gives
# exactly the value and the lines the composer and `_Builder` would give
# (tests/test_quick_paths.py compares both on every data file and on generated
# variations). At the first line it is not sure about it gives up, and the
# file goes the full way above, which also produces every message.

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Each key text seen: the one string object used for it when it is a plain key, else "".
#: Keys repeat in every file; one object per key makes the documents smaller, and a
#: pickle of them (macros/parallel.py) refers to each key once instead of copying it.
_PLAIN_KEYS: dict[str, str] = {}
_GIVE_UP = object()
#: The value of each plain scalar text seen (all immutable), so each is resolved once.
_PLAIN_VALUES: dict[str, Any] = {}


def _quick_scalar(text: str) -> Any:
    """The value of a scalar written on one line, or _GIVE_UP."""
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if len(text) >= 2 and text[-1] == '"' and '"' not in inner and "\\" not in inner:
            return inner
        return _GIVE_UP
    value = _PLAIN_VALUES.get(text, _GIVE_UP)
    if value is not _GIVE_UP:
        return value
    if first == "'":
        inner = text[1:-1]
        if len(text) >= 2 and text[-1] == "'" and "'" not in inner.replace("''", ""):
            return inner.replace("''", "'")
        return _GIVE_UP
    if text == "[]":
        return []
    if not first.isalnum() or " #" in text or ": " in text or text[-1] == ":":
        return _GIVE_UP
    if first not in _RESOLVER.yaml_implicit_resolvers:
        # No implicit type (number, date, true, null) starts with this character, so
        # PyYAML reads text: ids such as M0001-A1, unique in every file, skip the cache.
        return text
    tag = _PLAIN_TAGS.get(text)
    if tag is None:
        tag = _PLAIN_TAGS[text] = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    value = _scalar_value(tag, text, None)
    if len(_PLAIN_VALUES) > 200_000:
        _PLAIN_VALUES.clear()
    _PLAIN_VALUES[text] = value
    return value


def _plain_key(key: str) -> str:
    """The shared string for ``key`` when it is a plain key, else ""."""
    known = _PLAIN_KEYS.get(key)
    if known is None:
        if len(_PLAIN_KEYS) > 10_000:
            _PLAIN_KEYS.clear()
        known = _PLAIN_KEYS[key] = key if _KEY.fullmatch(key) is not None else ""
    return known


def _quick_parse(text: str, with_lines: bool = True) -> tuple[Any, dict[Path_, int] | None] | None:
    """The value and lines of a file in plain block YAML, or None to take the full way.

    Loading asks for the value only (``with_lines=False``, a tenth quicker);
    :attr:`Document.lines` asks again for the lines when a message needs them.

    One pass over the lines with a stack of open blocks, each with its
    column; the innermost block is also kept in local variables, because
    most lines continue it. A line is `sleutel: waarde`, `sleutel:`, `- waarde`
    or `- sleutel: waarde` (anything else gives up). A `sleutel:` without a
    value waits for the next line: deeper means a block starts, otherwise
    the value is empty (null).
    """
    if "\r" in text or " \n" in text or text.endswith(" ") or not text.replace("\n", "").isprintable():
        return None
    root: dict[str, Any] = {}
    lines: dict[Path_, int] | None = {(): 1} if with_lines else None
    # Open blocks: (column, container, path); the innermost one is also in column0, container, path.
    stack: list[tuple[int, Any, Path_]] = [(0, root, ())]
    column0: int = 0
    container: Any = root
    path: Path_ = ()
    pending: tuple[dict[str, Any], str, int, Path_] | None = None
    started = False
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        column = len(line) - len(content)
        dash = content[0] == "-"
        if dash:
            if len(content) < 3 or content[1] != " " or content[2] == " ":
                return None
            content = content[2:]
        key, colon, rest = content.partition(":")
        plain_key = _PLAIN_KEYS.get(key)
        if plain_key is None:
            plain_key = _plain_key(key)
        if colon and (not rest or rest[0] == " ") and plain_key:
            key = plain_key
            value = rest[1:]
            if rest and (not value or value[0] == " "):
                return None
        elif dash:
            key, value = "", content
        else:
            return None
        if not started:
            if dash or column:
                return None
            started = True
        if pending is not None:
            owner, owner_key, owner_column, owner_path = pending
            pending = None
            if column > owner_column:
                block: Any = [] if dash else {}
                owner[owner_key] = block
                column0, container, path = column, block, owner_path
                stack.append((column0, container, path))
                if len(stack) > MAX_DEPTH:
                    return None  # the full path refuses it with a message
            else:
                owner[owner_key] = None
        if column != column0:
            if column > column0:
                return None
            while column < stack[-1][0]:
                stack.pop()
            column0, container, path = stack[-1]
            if column != column0:
                return None
        if dash:
            if type(container) is not list:
                return None
            item_path = (*path, len(container))
            if lines is not None:
                lines[item_path] = number
            if not key:
                scalar = _PLAIN_VALUES.get(value, _GIVE_UP)
                if scalar is _GIVE_UP:
                    scalar = _quick_scalar(value)
                    if scalar is _GIVE_UP:
                        return None
                container.append(scalar)
                continue
            mapping: dict[str, Any] = {}
            container.append(mapping)
            column0, container, path = column + 2, mapping, item_path
            stack.append((column0, container, path))
            if len(stack) > MAX_DEPTH:
                return None
            column = column0
        elif type(container) is not dict:
            return None
        if key in container:
            return None
        key_path = (*path, key)
        if lines is not None:
            lines[key_path] = number
        if value:
            # Text in double quotes is the most common value: take it here, without a call.
            if value[0] == '"' and value[-1] == '"' and len(value) > 1:
                scalar = value[1:-1]
                if '"' in scalar or "\\" in scalar:
                    return None
            else:
                scalar = _PLAIN_VALUES.get(value, _GIVE_UP)
                if scalar is _GIVE_UP:
                    scalar = _quick_scalar(value)
                    if scalar is _GIVE_UP:
                        return None
            container[key] = scalar
        else:
            container[key] = None
            pending = (container, key, column, key_path)
    if not started:
        return None
    return root, lines
