"""``make taal``: Dutch spelling (hunspell, Debian's ``nl`` dictionary) and the B1 check.

Spelling covers the prose of every page in ``docs/`` (:func:`macros.prose.prose_blocks`:
no code, front-matter keys, URLs, Jinja or HTML) and every text field of ``data/``,
read through the project's loader (:func:`macros.pipeline.validate`), so each word
keeps its file and line. Words hunspell does not know are allowed only when they
are in :data:`WORD_LIST` (names, abbreviations and terms, one per line, sorted,
each there on purpose). An unknown word is reported as ``FILE:LINE: woord``
with hunspell's suggestions.

The B1 check is :func:`macros.prose.b1_findings` on every page of ``docs/``.
Both run in the tests (``tests/test_taal.py``); ``python -m macros.dev.taal``
prints every finding and exits 1 when there is one.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from macros.pipeline import validate
from macros.prose import b1_findings, page_scores, plain_text, prose_blocks, words

__all__ = [
    "NOT_PROSE",
    "PROSE_FIELDS",
    "WORD_LIST",
    "Word",
    "data_words",
    "docs_words",
    "have_hunspell",
    "main",
    "misspelled",
    "phrases",
    "read_word_list",
    "spelling_findings",
]

ROOT = Path(__file__).resolve().parents[2]
WORD_LIST = Path(__file__).with_name("woordenlijst.txt")
DICTIONARY = "nl"

#: Keys in data/ whose text values are prose: spelling is checked in these.
PROSE_FIELDS = frozenset(
    {
        "bron",
        "citaat",
        "eenheid",
        "indicator",
        "inleiding",
        "kamerstuk",
        "ministerie",
        "naam",
        "nulmeting_bron",
        "omschrijving",
        "opbrengst",
        "publicatiebeleid",
        "reden",
        "rol",
        "samenvatting",
        "tekst",
        "thema",
        "titel",
        "toelichting",
        "volledige_naam",
    }
)
#: Keys in data/ whose text values are ids, codes, dates, addresses or fixed values: not checked.
#: Every text key is in one of the two sets (a test says so), so a new field is classified on purpose.
NOT_PROSE = frozenset(
    {
        "actie",
        "actiehouder",
        "adres",
        "afkorting",
        "besluit",
        "bewijs",
        "bron_url",
        "categorie",
        "datum",
        "eind",
        "gepubliceerd",
        "github_team",
        "hoofddoelen",
        "id",
        "interventies",
        "kamerstuk_url",
        "kanaal",
        "knelpunten",
        "maatregelen",
        "nulmeting_bron_url",
        "ontvangen",
        "oorzaken",
        "opent",
        "operationele_doelen",
        "over",
        "partners",
        "peildatum",
        "planversie",
        "problemen",
        "programmalijn",
        "ronde",
        "sluit",
        "soort",
        "stand",
        "start",
        "status",
        "tot",
        "type",
        "uitbuitingsvormen",
        "uitvoerder",
        "van",
        "vanuit",
        "vertrouwen",
        "vraag",
        "werkversie",
        "wijziging",
    }
)


@dataclasses.dataclass(frozen=True)
class Word:
    """One word of prose and where it is."""

    file: str
    line: int
    word: str


def docs_words(docs_dir: Path, shown_root: Path = ROOT) -> Iterator[Word]:
    """Every word of prose in the pages of ``docs_dir``."""
    for path in sorted(docs_dir.rglob("*.md")):
        shown = _shown(path, shown_root)
        for block in prose_blocks(path.read_text(encoding="utf-8")):
            for word in words(_without_phrases(block.text)):
                yield Word(shown, block.line, word)


def text_fields(data_dir: Path, shown_root: Path = ROOT) -> Iterator[tuple[str, int, str, str]]:
    """``(file, line, key, text)`` for every text value in ``data_dir``, as the loader read it."""
    catalog, _ = validate(data_dir, shown_root=shown_root)
    documents = [*catalog.docs.values(), *catalog.measure_docs, *catalog.progress_docs]
    for doc in documents:
        for path, value in _strings(doc.data, ()):
            key = next(k for k in reversed(path) if isinstance(k, str))
            yield doc.file, doc.line(path), key, value


def data_words(data_dir: Path, shown_root: Path = ROOT) -> Iterator[Word]:
    """Every word of the prose fields (:data:`PROSE_FIELDS`) in ``data_dir``."""
    for file, line, key, text in text_fields(data_dir, shown_root):
        if key in PROSE_FIELDS:
            for word in words(plain_text(_without_phrases(text))):
                yield Word(file, line, word)


def _without_phrases(text: str) -> str:
    for phrase in phrases():
        text = text.replace(phrase, " ")
    return text


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_word_list(path: Path = WORD_LIST) -> list[str]:
    """The allowed words: one per line; ``#`` starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def have_hunspell() -> bool:
    """True when hunspell and its Dutch dictionary are installed (Debian: hunspell, hunspell-nl)."""
    return shutil.which("hunspell") is not None and any(
        (Path(folder) / f"{DICTIONARY}.dic").is_file() for folder in ("/usr/share/hunspell", "/usr/share/myspell")
    )


def _hunspell(candidates: Iterable[str], suggest: bool = False) -> dict[str, list[str]]:
    """The words of ``candidates`` that hunspell does not know; with ``suggest``, with its suggestions (at most three).

    Suggestions are slow, so they are asked only for the words that will be reported.
    """
    unique = sorted(set(candidates))
    if not unique:
        return {}
    # -l lists the unknown words; -a also suggests. "^" before each line: hunspell
    # then never reads a line as one of its commands.
    result = subprocess.run(
        ["hunspell", "-a" if suggest else "-l", "-i", "utf-8", "-d", DICTIONARY],
        input="".join(f"^{w}\n" if suggest else f"{w}\n" for w in unique),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    if not suggest:
        return {line: [] for line in result.stdout.splitlines() if line}
    unknown: dict[str, list[str]] = {}
    for line in result.stdout.splitlines()[1:]:
        if line.startswith("&"):
            head, _, tail = line.partition(": ")
            unknown[head.split()[1]] = [s.strip() for s in tail.split(",")][:3]
        elif line.startswith("#"):
            unknown[line.split()[1]] = []
    return unknown


def _checked(word: str) -> bool:
    """False for what is not a word to look up: one letter, or anything with a digit (``PR08``, ``UTF-8``)."""
    return len(word) > 1 and not any(c.isdigit() for c in word)


def misspelled(candidates: Iterable[str]) -> set[str]:
    """The words hunspell does not know.

    A word with a hyphen that hunspell does not know as a whole is looked up
    part by part (``YAML-bestanden`` → ``YAML``, ``bestanden``).
    """
    words_ = {w.replace("’", "'") for w in candidates if _checked(w)}
    return set(_hunspell(words_ | {p for w in words_ if "-" in w for p in w.split("-") if _checked(p)}))


@functools.cache
def _allowed(path: Path = WORD_LIST) -> frozenset[str]:
    return frozenset(w for w in read_word_list(path) if " " not in w)


def phrases(path: Path = WORD_LIST) -> list[str]:
    """The names of more than one word in the word list (``Material for MkDocs``), longest first."""
    return sorted((w for w in read_word_list(path) if " " in w), key=len, reverse=True)


def _unknown_parts(word: str, unknown: set[str], allowed: frozenset[str]) -> list[str]:
    def bad(w: str) -> bool:
        return w in unknown and w not in allowed and w.lower() not in allowed

    word = word.replace("’", "'")
    if not _checked(word) or not bad(word):
        return []
    if "-" not in word:
        return [word]
    return [p for p in word.split("-") if _checked(p) and bad(p)]


def spelling_findings(found: Iterable[Word], word_list: Path = WORD_LIST) -> list[str]:
    """``FILE:LINE: woord (bedoelt u: …?)`` for every unknown word not in the word list, in file order."""
    allowed = _allowed(word_list)
    found = list(found)
    unknown = misspelled(w.word for w in found)
    seen: dict[tuple[str, int, str], None] = {}
    for w in found:
        for part in _unknown_parts(w.word, unknown, allowed):
            seen.setdefault((w.file, w.line, part))
    hints = _hunspell({part for _, _, part in seen}, suggest=True)
    return [
        f"{file}:{line}: {part}" + (f" (bedoelt u: {', '.join(hints[part])}?)" if hints.get(part) else "")
        for file, line, part in seen
    ]


def b1_report(docs_dir: Path, shown_root: Path = ROOT) -> list[str]:
    """Every B1 finding on the pages of ``docs_dir``."""
    findings: list[str] = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        findings += b1_findings(page_scores(_shown(path, shown_root), text), text)
    return findings


def unused_words(docs_dir: Path, data_dir: Path, word_list: Path = WORD_LIST) -> list[str]:
    """Entries of the word list that no longer do anything: hunspell knows them, or no text needs them."""
    found = [*docs_words(docs_dir), *data_words(data_dir)]
    unknown = misspelled(w.word for w in found)
    needed: set[str] = set()
    for w in found:
        parts = _unknown_parts(w.word, unknown, frozenset())
        needed.update([w.word.replace("’", "'"), *parts] if parts else [])
    lowered = {w.lower() for w in needed}
    single = [w for w in read_word_list(word_list) if " " not in w and w not in needed and w.lower() not in lowered]
    texts = [*(b.text for p in sorted(docs_dir.rglob("*.md")) for b in prose_blocks(p.read_text(encoding="utf-8")))]
    texts += [text for _, _, key, text in text_fields(data_dir) if key in PROSE_FIELDS]
    multi = [p for p in phrases(word_list) if not any(p in t for t in texts)]
    return sorted(single + multi)


def main(argv: list[str] | None = None) -> int:
    """Print every spelling and B1 finding; 1 when there is one, 2 without hunspell."""
    del argv
    docs_dir, data_dir = ROOT / "docs", ROOT / "data"
    if not have_hunspell():
        print(
            "hunspell met het Nederlandse woordenboek ontbreekt: apt-get install hunspell hunspell-nl", file=sys.stderr
        )
        return 2
    spelling = spelling_findings([*docs_words(docs_dir), *data_words(data_dir)])
    b1 = b1_report(docs_dir)
    extra = unused_words(docs_dir, data_dir)
    for line in spelling:
        print(line)
    for line in b1:
        print(line)
    for word in extra:
        print(f"{WORD_LIST.relative_to(ROOT)}: '{word}' is niet (meer) nodig in de woordenlijst")
    total = len(spelling) + len(b1) + len(extra)
    print(f"{len(spelling)} spelfout(en), {len(b1)} B1-melding(en), {len(extra)} overbodig(e) woord(en)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
