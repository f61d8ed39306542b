"""Check loaded documents against the JSON Schemas in ``data/schema/``.

The schemas are the contract for contributors: editors use them for
completion and red squiggles, the site publishes them, and this module
turns each schema error into a Dutch finding at the right line.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data.findings import Finding, did_you_mean, format_path, shorten
from macros.data.load import Document, number_form
from macros.data.schema_fast import compile_schemas, whole_value_pattern

if TYPE_CHECKING:
    import jsonschema

__all__ = ["SCHEMA_DIR", "SchemaSet", "load_schemas"]

#: The schemas ship as package data; this is their one home (``data/schema`` in the repository links here, for editors).
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# A base URI only used to resolve relative "$ref"s between our schema files;
# nothing is ever fetched from it.
_BASE = "https://actieplan.invalid/schema/"

_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst (regels die beginnen met '- ')",
    "object": "een blok met sleutels",
    "null": "leeg",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true of false"
    if isinstance(value, dict):
        return "een blok met sleutels"
    if isinstance(value, list):
        return "een lijst"
    if value is None:
        return "leeg"
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return "een getal"
    return "tekst"


class SchemaSet:
    """All schemas of one schema folder, compiled once."""

    def __init__(self, schema_dir: Path) -> None:
        self.dir = schema_dir
        self.raw: dict[str, dict[str, Any]] = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            self.raw[path.name] = json.loads(path.read_text(encoding="utf-8"))
        # A quick "certainly valid" test per schema; jsonschema runs only when it is not a clear yes.
        self._certainly_valid = compile_schemas(self.raw)

    @functools.cached_property
    def _validators(self) -> dict[str, jsonschema.Draft202012Validator]:
        # Built on first need: when every file is certainly valid, jsonschema is not even imported.
        import jsonschema
        import referencing
        from referencing.jsonschema import DRAFT202012

        # Without "$schema": jsonschema picks the validator class by it at every "$ref", and
        # would leave our class (with its "pattern") for the stock one. The draft is set here.
        registry = referencing.Registry().with_resources(
            (_BASE + name, DRAFT202012.create_resource({k: v for k, v in contents.items() if k != "$schema"}))
            for name, contents in self.raw.items()
        )

        def pattern(validator: Any, expected: str, instance: Any, schema: Any) -> Any:
            # As jsonschema's own "pattern", with ECMA-262's "$" (no trailing newline).
            if validator.is_type(instance, "string") and not whole_value_pattern(expected).search(instance):
                yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")

        checker = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
        return {name: checker({"$ref": _BASE + name}, registry=registry, format_checker=None) for name in self.raw}

    def validator(self, schema_name: str) -> jsonschema.Draft202012Validator:
        """The full jsonschema validator of one schema (the source of every message)."""
        return self._validators[schema_name]

    def certainly_valid(self, data: Any, schema_name: str) -> bool:
        """True only when the quick test is sure ``data`` passes the schema (see macros.data.schema_fast)."""
        return self._certainly_valid[schema_name](data)

    def check(self, doc: Document, schema_name: str) -> list[Finding]:
        """All schema findings for one document, in Dutch, one per problem."""
        if self._certainly_valid[schema_name](doc.data):
            return []
        validator = self._validators[schema_name]
        findings: list[Finding] = []
        seen: set[tuple[int, str, str]] = set()
        too_long: set[tuple[str | int, ...]] = set()
        # The strictest maxLength first, so a title over both limits (200 and 5000) gets the one that matters.
        errors = sorted(
            validator.iter_errors(doc.data),
            key=lambda e: (e.validator != "maxLength", e.validator_value if e.validator == "maxLength" else 0),
        )
        for error in errors:
            if error.validator == "maxLength":
                if tuple(error.absolute_path) in too_long:
                    continue
                too_long.add(tuple(error.absolute_path))
            for finding in self._translate(doc, error):
                # jsonschema gives one "required" error per missing field, each naming them all.
                key = (finding.line, finding.path, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
        return findings

    def _translate(self, doc: Document, error: jsonschema.ValidationError) -> list[Finding]:
        path = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        keyword = error.validator
        # Set on every error from iter_errors (jsonschema types these as maybe Unset).
        expected: Any = error.validator_value
        value: Any = error.instance
        where = {"file": doc.file, "rule": f"schema-{keyword}"}

        if keyword == "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            out = []
            for key in sorted(set(value) - set(allowed)):
                hint = did_you_mean(key, allowed) or f"toegestaan zijn: {', '.join(allowed)}"
                out.append(
                    Finding(
                        line=doc.line((*path, key)),
                        path=format_path((*path, key)),
                        message=f"onbekend veld '{key}'",
                        hint=hint,
                        **where,
                    )
                )
            return out
        if keyword == "required":
            # One error per missing field: "'titel' is a required property" (jsonschema 4).
            named = error.message.partition(" is a required property")[0]
            missing = [k for k in expected if k not in value and repr(k) == named] or [
                k for k in expected if k not in value
            ]
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path((*path, k)),
                    message=f"verplicht veld '{k}' ontbreekt",
                    hint=f"voeg '{k}:' toe",
                    **where,
                )
                for k in missing
            ]
        if keyword == "type":
            wanted = expected
            wanted = wanted if isinstance(wanted, list) else [wanted]
            names = " of ".join(_TYPE_NAMES.get(w) or w for w in wanted)
            odd = number_form(value) if isinstance(value, str) and {"integer", "number"} & set(wanted) else None
            if odd is not None:
                return [
                    Finding(
                        line=doc.line(path),
                        path=format_path(path),
                        message=f"verwacht {names}, maar '{shorten(value)}' wordt niet als getal gelezen",
                        hint=odd,
                        **where,
                    )
                ]
            hint = f"schrijf hier {names}"
            if "boolean" in wanted:
                hint = "schrijf true of false"
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"verwacht {names}, maar hier staat {_kind_of(value)}",
                    hint=hint,
                    **where,
                )
            ]
        if keyword == "enum":
            options = [str(o) for o in expected]
            hint = did_you_mean(str(value), options) or ""
            hint = (hint + "; " if hint else "") + f"kies uit: {', '.join(options)}"
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"'{value}' is geen toegestane waarde",
                    hint=hint,
                    **where,
                )
            ]
        if keyword in ("minLength", "pattern") and _is_blank(value) and schema.get("minLength") is not None:
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message="de tekst is leeg",
                    hint="vul een tekst in of laat het veld weg als het niet verplicht is",
                    **where,
                )
            ]
        if keyword == "pattern":
            shape = schema.get("x-formaat") or f"tekst volgens het patroon {expected}"
            message, hint = f"'{shorten(value)}' heeft niet de juiste vorm", f"gebruik {shape}"
            if isinstance(value, str) and ("\n" in value or "\r" in value):
                message += ": er staat een regelovergang in"
                hint = f"haal de regelovergang weg; gebruik {shape}"
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=message,
                    hint=hint,
                    **where,
                )
            ]
        if keyword == "maxLength":
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"de tekst is te lang ({_grouped(len(value))} tekens; de grens is {_grouped(expected)})",
                    hint="maak het korter"
                    if "pattern" in schema
                    else "maak de tekst korter; een lange toelichting hoort in een document waar u naar verwijst",
                    **where,
                )
            ]
        if keyword == "maxItems":
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"de lijst is te lang ({_grouped(len(value))} items; de grens is {_grouped(expected)})",
                    hint="splits de gegevens op of laat items weg",
                    **where,
                )
            ]
        if keyword == "minItems":
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message="de lijst is leeg" if not value else f"de lijst moet minstens {expected} items hebben",
                    hint="voeg minstens één item toe",
                    **where,
                )
            ]
        if keyword == "uniqueItems":
            seen, dupes = set(), []
            for item in value:
                key = json.dumps(item, sort_keys=True, default=str)
                if key in seen:
                    dupes.append(str(item))
                seen.add(key)
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"de lijst noemt '{', '.join(dupes)}' meer dan eens",
                    hint="noem elke waarde één keer",
                    **where,
                )
            ]
        if keyword in ("minimum", "exclusiveMinimum"):
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"{value} is te klein (minimaal {expected})",
                    hint="gebruik een positief getal" if expected == 0 else f"gebruik minstens {expected}",
                    **where,
                )
            ]
        if keyword == "maximum":
            return [
                Finding(
                    line=doc.line(path),
                    path=format_path(path),
                    message=f"{shorten(value)} is te groot (maximaal {_grouped(expected)})",
                    hint=f"gebruik hooguit {_grouped(expected)}",
                    **where,
                )
            ]
        # Keywords the schemas do not use today still produce a readable message.
        return [
            Finding(
                line=doc.line(path),
                path=format_path(path),
                message=f"voldoet niet aan het schema ({keyword})",
                hint="vergelijk met het schema in data/schema/",
                **where,
            )
        ]


def _grouped(number: Any) -> str:
    """A whole bound as the Dutch write it (1.000.000), small numbers and years as they are."""
    if isinstance(number, int) and not isinstance(number, bool) and number >= 10_000:
        return f"{number:,}".replace(",", ".")
    return str(number)


#: A character that shows: not white space, not invisible, not a blank-looking filler (U+3164, U+2800).
_VISIBLE = re.compile("[^\\s\u115f\u1160\u3164\uffa0\u2800\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and _VISIBLE.search(value) is None


@functools.cache
def load_schemas(schema_dir: Path = SCHEMA_DIR) -> SchemaSet:
    """The compiled schemas; compiled once per process (they ship with the code)."""
    return SchemaSet(schema_dir)
