"""A fast "certainly valid" test for the JSON Schema subset our schemas use.

``jsonschema`` walks a schema with ``$ref`` lookups and URI joins for every
value, which costs milliseconds per measure file: at 10,000 measures it was
three quarters of ``actieplan validate``. Almost every file is valid, so
:class:`~macros.schema.SchemaSet` asks this module first and hands a file to
``jsonschema`` only when the answer is not a clear yes. ``jsonschema`` stays
the single source of every message.

The compiled test is conservative by construction: it returns True only
when it has checked every keyword of the schema with the same meaning as
draft 2020-12. A keyword it does not know, a ``$ref`` it cannot resolve, or
an instance it is not sure about (a float where an integer is asked, items
that are not all text under ``uniqueItems``) make it return False, and then
``jsonschema`` decides. A False is therefore never wrong; a True must be,
and ``tests/test_quick_paths.py`` checks that against ``jsonschema``.
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Callable
from typing import Any

__all__ = ["Check", "compile_schemas", "whole_value_pattern"]

Check = Callable[[Any], bool]

#: Keywords that never make an instance invalid (format is not asserted: format_checker=None).
_ANNOTATIONS = {"$schema", "$comment", "$defs", "title", "description", "default", "examples", "format", "x-formaat"}


def _never(_: Any) -> bool:
    return False


def _always(_: Any) -> bool:
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    # Sure only for real ints; a float like 3.0 counts as an integer in draft 2020-12: jsonschema decides.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _is_number,
}


class _Compiler:
    """Compiles each (file, JSON pointer) once; ``$ref`` cycles go through a late lookup."""

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self.raw = raw
        self.compiled: dict[tuple[str, str], Check] = {}

    def file(self, name: str) -> Check:
        return self.at(name, "")

    def at(self, name: str, pointer: str) -> Check:
        key = (name, pointer)
        if key not in self.compiled:
            self.compiled[key] = _never  # a placeholder while compiling (a cycle stays "not sure")
            target = self._resolve_pointer(self.raw.get(name), pointer)
            self.compiled[key] = _never if target is _MISSING else self.schema(target, name)
        compiled = self.compiled
        if compiled[key] is _never:
            return lambda value: compiled[key](value)
        return compiled[key]

    @staticmethod
    def _resolve_pointer(document: Any, pointer: str) -> Any:
        if document is None or (pointer and not pointer.startswith("/")):
            return _MISSING
        node = document
        for part in pointer.split("/")[1:] if pointer else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                return _MISSING
            node = node[part]
        return node

    def ref(self, reference: str, name: str) -> Check:
        file_part, _, pointer = reference.partition("#")
        if "/" in file_part or ":" in file_part:
            return _never
        return self.at(file_part or name, pointer)

    def schema(self, schema: Any, name: str) -> Check:
        """One check for one schema; the keywords of each instance type are fused into one function."""
        if schema is True:
            return _always
        if schema is False or not isinstance(schema, dict):
            return _never
        kw = {key: value for key, value in schema.items() if key not in _ANNOTATIONS}
        if not kw.keys() <= _SUPPORTED:
            return _never
        parts: list[Check | None] = []
        # A single type whose own keywords are present is checked inside those keywords' check.
        strict = kw.get("type") if kw.get("type") in ("string", "object", "array") else None
        has = {
            "string": kw.keys() & {"minLength", "maxLength", "pattern"},
            "object": kw.keys() & {"required", "properties", "additionalProperties"},
            "array": kw.keys() & {"items", "minItems", "uniqueItems"},
        }
        if "$ref" in kw:
            parts.append(self.ref(kw["$ref"], name) if isinstance(kw["$ref"], str) else None)
        if "type" in kw and not (strict and has[strict]):
            parts.append(_type_check(kw["type"]))
        if "enum" in kw:
            parts.append(_enum_check(kw["enum"]))
        if has["string"]:
            parts.append(
                _string_check(kw.get("minLength", 0), kw.get("pattern"), strict == "string", kw.get("maxLength"))
            )
        if kw.keys() & {"minimum", "maximum"}:
            parts.append(_number_check(kw.get("minimum"), kw.get("maximum")))
        if has["object"]:
            parts.append(self._object_check(kw, name, strict == "object"))
        if has["array"]:
            parts.append(self._array_check(kw, name, strict == "array"))
        present = [part for part in parts if part is not None]
        if len(present) < len(parts):
            return _never
        checks = [part for part in present if part is not _always]
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]

        def all_of(value: Any) -> bool:
            return all(check(value) for check in checks)

        return all_of

    def _object_check(self, kw: dict[str, Any], name: str, strict: bool) -> Check | None:
        properties = kw.get("properties", {})
        required = kw.get("required", [])
        additional = kw.get("additionalProperties", True)
        if (
            not isinstance(properties, dict)
            or not isinstance(required, list)
            or not all(isinstance(k, str) for k in required)
        ):
            return None
        subs = {key: self.schema(sub, name) for key, sub in properties.items()}
        extra = self.schema(additional, name)
        keys = tuple(required)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not strict
            for key in keys:
                if key not in value:
                    return False
            for key, item in value.items():
                sub = subs.get(key, extra)
                if sub is not _always and not sub(item):
                    return False
            return True

        return check

    def _array_check(self, kw: dict[str, Any], name: str, strict: bool) -> Check | None:
        min_items = kw.get("minItems", 0)
        unique = kw.get("uniqueItems", False)
        items = kw.get("items", True)
        if (
            isinstance(items, list)
            or not isinstance(min_items, int)
            or isinstance(min_items, bool)
            or not isinstance(unique, bool)
        ):
            return None
        item = self.schema(items, name)

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return not strict
            if len(value) < min_items:
                return False
            if item is not _always:
                for element in value:
                    if not item(element):
                        return False
            # Sure only for lists of text; anything else is left to jsonschema.
            return not unique or (all(isinstance(x, str) for x in value) and len(set(value)) == len(value))

        return check


#: Keywords the compiler understands (besides the annotations); any other keyword means "not sure".
_SUPPORTED = {
    "$ref",
    "type",
    "enum",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minItems",
    "uniqueItems",
}


def _type_check(value: Any) -> Check | None:
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(n, str) and n in _TYPES for n in names):
        return None
    tests = [_TYPES[n] for n in names]
    return tests[0] if len(tests) == 1 else (lambda v: any(test(v) for test in tests))


def _enum_check(value: Any) -> Check | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    allowed = frozenset(value)
    return lambda v: isinstance(v, str) and v in allowed


@functools.cache
def whole_value_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled with the meaning JSON Schema (ECMA-262) gives it.

    In Python ``$`` also matches before a final newline, so ``^[0-9]{4}$`` lets
    ``"2023\\n"`` through; in ECMA-262 it does not. Every ``$`` outside a
    character class becomes ``\\Z`` (as python-fastjsonschema does). The
    published schemas keep ``$``, which editors read the ECMA way.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == "$":
            out.append("\\Z")
        else:
            out.append(char)
    return re.compile("".join(out))


def _string_check(min_length: Any, pattern: Any, strict: bool, max_length: Any = None) -> Check | None:
    if not isinstance(min_length, int) or isinstance(min_length, bool) or not isinstance(pattern, (str, type(None))):
        return None
    if max_length is not None:
        if not isinstance(max_length, int) or isinstance(max_length, bool):
            return None
        inner = _string_check(min_length, pattern, strict)
        if inner is None:
            return None
        limit = max_length

        def bounded(value: Any) -> bool:
            # len() counts code points, as JSON Schema does (no surrogates: the loader refuses them).
            return inner(value) and (not isinstance(value, str) or len(value) <= limit)

        return bounded
    if pattern == "\\S" and min_length <= 1:
        # "Not empty, not only white space": str.isspace() uses the same white space as re's \s.
        return lambda value: (not value.isspace() and value != "") if isinstance(value, str) else not strict
    search = whole_value_pattern(pattern).search if pattern is not None else None

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return not strict
        return len(value) >= min_length and (search is None or search(value) is not None)

    return check


def _number_check(minimum: Any, maximum: Any) -> Check | None:
    if not all(bound is None or _is_number(bound) for bound in (minimum, maximum)):
        return None

    def check(value: Any) -> bool:
        if not _is_number(value):
            return True
        return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)

    return check


_MISSING = object()


def compile_schemas(raw: dict[str, dict[str, Any]]) -> dict[str, Check]:
    """A "certainly valid" check per schema file name, for the schemas in ``raw``."""
    compiler = _Compiler(raw)
    return {name: compiler.file(name) for name in raw}
