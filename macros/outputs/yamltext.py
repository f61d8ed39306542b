"""Writing YAML in the layout of ``data/``: the generator's plans and the progress files of a round.

Plain scalars where YAML reads them back as the same text, JSON-quoted
strings everywhere else (a JSON string is a valid double-quoted YAML
scalar), two spaces per level, block lists.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["to_yaml"]

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML11_WORDS:
        return text
    # A JSON string is a valid double-quoted YAML scalar.
    return json.dumps(text, ensure_ascii=False)


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                out.extend(_lines(item, indent + 2))
            else:
                out.append(f"{pad}{key}: {'[]' if item == [] else _scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict):
                inner = _lines(item, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {_scalar(item)}")
    return out


def to_yaml(value: dict[str, Any], schema_ref: str, spaced: bool = True) -> str:
    """One data file: the schema modeline, then the blocks.

    With ``spaced``, a blank line separates the top-level blocks (as in
    ``data/programma.yml``); a measure file has none (as in ``data/maatregelen/``).
    """
    out = [f"# yaml-language-server: $schema={schema_ref}"]
    for number, (key, item) in enumerate(value.items()):
        if spaced and number:
            out.append("")
        out.extend(_lines({key: item}, 0))
    return "\n".join(out) + "\n"
