"""The prose of a written page, and how easy it is to read (B1).

:func:`prose_blocks` turns a page of ``docs/`` into its readable text, block by
block, with the line each block starts on: code, front-matter keys, URLs,
Jinja (``{{ }}``, ``{% %}``, ``{# #}``) and HTML tags are left out. The
spelling check (``macros/dev/taal.py``) and the B1 scores both read it.

:func:`page_scores` measures one page: sentences and their length in words,
the share of long words and the Flesch–Douma score (Douma's Dutch version
of Flesch's reading ease), with syllables from pyphen's ``nl`` patterns.
The build shows these scores on the page "Taal op deze site"; the tests fail
on what :func:`b1_findings` reports.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "LONG_SENTENCE",
    "MAX_AVERAGE",
    "OFFICIALESE",
    "Block",
    "PageScores",
    "Sentence",
    "b1_findings",
    "page_scores",
    "plain_text",
    "prose_blocks",
    "site_scores",
    "syllables",
    "words",
]

#: A sentence with more words than this fails the B1 check.
LONG_SENTENCE = 25
#: A page whose sentences have more words than this on average fails the B1 check.
MAX_AVERAGE = 15
#: A word with at least this many syllables counts as a long word.
LONG_WORD_SYLLABLES = 4

#: Officialese ("ambtelijke taal") and the plain word to use instead. A word from
#: this list anywhere in the prose of docs/ fails the B1 check with its alternative.
OFFICIALESE: dict[str, str] = {
    "aangaande": "over",
    "aanvang": "begin",
    "alsmede": "en",
    "behoudens": "behalve",
    "bewerkstelligen": "zorgen voor",
    "doch": "maar",
    "derhalve": "daarom",
    "geenszins": "helemaal niet",
    "hetgeen": "wat",
    "hieromtrent": "hierover",
    "inzake": "over",
    "indien": "als",
    "middels": "met",
    "omtrent": "over",
    "onverwijld": "meteen",
    "retour": "terug",
    "teneinde": "om",
    "terzake": "hierover",
    "ten behoeve van": "voor",
    "ten aanzien van": "over",
    "thans": "nu",
    "trachten": "proberen",
    "tevens": "ook",
    "uiteraard": "natuurlijk (of weglaten)",
    "verstrekken": "geven",
    "vigerend": "geldend",
    "woonachtig": "wonend",
    "zulks": "dat",
}

BlockKind = Literal["titel", "kop", "alinea", "lijst", "tabel", "citaat"]
#: The kinds whose sentences count for the B1 check; titles, headings, tables and quotations do not.
COUNTED: frozenset[str] = frozenset({"alinea", "lijst"})


@dataclasses.dataclass(frozen=True)
class Block:
    """One block of prose: its kind, the line it starts on and its text without markup."""

    kind: BlockKind
    line: int
    text: str
    #: True for a list item that is only a link (a list of links is not a sentence).
    only_links: bool = False


@dataclasses.dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    words: int


@dataclasses.dataclass(frozen=True)
class PageScores:
    """The B1 figures of one page of docs/."""

    path: str
    title: str
    sentences: tuple[Sentence, ...]
    words: int
    long_words: int
    syllables: int

    @property
    def average(self) -> float:
        """Words per sentence (0 for a page without sentences)."""
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        """The share of words with at least four syllables, 0–1."""
        return self.long_words / self.words if self.words else 0.0

    @property
    def flesch_douma(self) -> float:
        """206.835 − 0.93 × words per sentence − 77 × syllables per word (higher is easier; 60–70 is about B1)."""
        if not self.words:
            return 0.0
        return 206.835 - 0.93 * self.average - 77 * (self.syllables / self.words)

    def longest(self, count: int = 3) -> list[Sentence]:
        return sorted(self.sentences, key=lambda s: (-s.words, s.line))[:count]


# -- Markdown to prose ---------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"(`+).+?\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: File and domain names in running text (``security.txt``, ``NU.nl``): not words.
_FILENAME = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|md|txt|yml|yaml|json|csv|pdf|odt|html|py|js|css)\b")
_ATTRS = re.compile(r"\{\s*[:#.][^}]*\}")
_ENTITY = re.compile(r"&(?:nbsp|#160);")
_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_(?!\s))")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?')


def plain_text(text: str) -> str:
    """One line of Markdown (or a text field of data/) as plain text: no code, links, tags, URLs or file names."""
    text = _CODE.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _AUTOLINK.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _FILENAME.sub(" ", text)
    text = _ATTRS.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _blank_jinja(text: str) -> str:
    """Jinja and HTML comments blanked out, keeping the line breaks so lines stay right."""
    for pattern in (_JINJA, _COMMENT):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def prose_blocks(markdown: str) -> list[Block]:
    """The prose of a Markdown page, block by block (see the module's docstring)."""
    lines = _blank_jinja(markdown).split("\n")
    blocks: list[Block] = []
    start = 0
    if lines and lines[0].strip() == "---":
        for number in range(1, len(lines)):
            if lines[number].strip() == "---":
                start = number + 1
                break
            key, _, value = lines[number].partition(":")
            if key in ("title", "description") and value.strip():
                blocks.append(Block("titel", number + 1, plain_text(value.strip().strip("'\""))))
    current: list[str] = []
    kind: BlockKind = "alinea"
    first = 0
    fenced = False

    def flush() -> None:
        nonlocal current
        if current:
            raw = " ".join(current)
            text = plain_text(raw)
            if text:
                only_links = kind == "lijst" and not re.sub(r"[\W\d_]+", "", plain_text(_LINK.sub("", raw)))
                blocks.append(Block(kind, first, text, only_links=only_links))
        current = []

    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            flush()
            heading = re.sub(r"^#+\s*", "", stripped)
            blocks.append(Block("kop", number, plain_text(heading)))
            continue
        admonition = _ADMONITION.match(stripped)
        if admonition:
            flush()
            if admonition.group(1):
                blocks.append(Block("kop", number, plain_text(admonition.group(1))))
            continue
        if stripped.startswith("|"):
            flush()
            if re.fullmatch(r"[|:\-\s]+", stripped):
                continue
            for cell in stripped.strip("|").split("|"):
                if plain_text(cell):
                    blocks.append(Block("tabel", number, plain_text(cell)))
            continue
        if stripped.startswith(">"):
            if kind != "citaat":
                flush()
                kind, first = "citaat", number
            current.append(stripped.lstrip("> "))
            continue
        item = _LIST.match(line)
        if item:
            flush()
            kind, first = "lijst", number
            current.append(line[item.end() :])
            continue
        if not current:
            kind, first = "alinea", number
        current.append(stripped)
    flush()
    return blocks


# -- Sentences, words and syllables -------------------------------------------

#: Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATIONS = ("bijv.", "bv.", "o.a.", "nr.", "nrs.", "e.d.", "enz.", "d.w.z.", "m.b.t.", "t/m", "z.o.z.", "ca.")
_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*(?![^\W_])|[^\W_]+(?:['’\-][^\W_]+)*")
_MENTION = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]{1,40}['’\"”](?!\w)")
_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9À-Ý])")


def words(text: str) -> list[str]:
    """The words of ``text``: letters with inner hyphens or apostrophes, and numbers (``1.000``, ``2,5``)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """``text`` split after ``.``, ``!`` or ``?`` before a capital or a digit (not after an abbreviation)."""
    parts: list[str] = []
    last = 0
    for match in _END.finditer(text):
        before = text[last : match.start()]
        if before.rsplit(" ", 1)[-1].lower() in _ABBREVIATIONS:
            continue
        parts.append(before.strip())
        last = match.end()
    parts.append(text[last:].strip())
    return [p for p in parts if words(p)]


@functools.cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


@functools.lru_cache(maxsize=20000)
def syllables(word: str) -> int:
    """The syllables of ``word`` by pyphen's Dutch hyphenation patterns (a number counts as one)."""
    if not word[:1].isalpha():
        return 1
    hyphenator = _hyphenator()
    parts = [part for part in re.split(r"[-'’]", word.lower()) if part]
    return sum(len(hyphenator.positions(part)) + 1 for part in parts)


def page_scores(path: str, markdown: str) -> PageScores:
    """The B1 figures of one page; only paragraphs and list items (not lists of links) count."""
    blocks = prose_blocks(markdown)
    title = next((b.text for b in blocks if b.kind == "kop"), next((b.text for b in blocks if b.kind == "titel"), path))
    found: list[Sentence] = []
    total = long = syllable_total = 0
    for block in blocks:
        if block.kind not in COUNTED or block.only_links:
            continue
        for text in sentences(block.text):
            found_words = words(text)
            found.append(Sentence(block.line, text, len(found_words)))
            total += len(found_words)
            counts = [syllables(w) for w in found_words]
            syllable_total += sum(counts)
            long += sum(1 for c in counts if c >= LONG_WORD_SYLLABLES)
    return PageScores(path, title, tuple(found), total, long, syllable_total)


def b1_findings(scores: PageScores, markdown: str) -> Iterator[str]:
    """What fails the B1 check on one page, as ``FILE:LINE: message`` lines in Dutch."""
    for sentence in scores.sentences:
        if sentence.words > LONG_SENTENCE:
            yield (
                f"{scores.path}:{sentence.line}: zin van {sentence.words} woorden (hooguit {LONG_SENTENCE}): "
                f"{sentence.text[:80]}…"
            )
    if scores.average > MAX_AVERAGE:
        yield (
            f"{scores.path}:1: gemiddeld {scores.average:.1f} woorden per zin (hooguit {MAX_AVERAGE}); "
            "maak zinnen korter"
        )
    for block in prose_blocks(markdown):
        if block.kind == "citaat":
            continue
        # A word between quotes is mentioned, not used ("staat er 'middels', schrijf dan 'met'").
        used = _MENTION.sub(" ", block.text)
        lowered = " " + " ".join(w.lower() for w in words(used)) + " "
        for word, plain in OFFICIALESE.items():
            if f" {word} " in lowered:
                yield f"{scores.path}:{block.line}: ambtelijk woord '{word}', schrijf liever: {plain}"


#: file → (modification time, size, its scores): every build asks for all pages, an edit changes one.
_scores: dict[str, tuple[int, int, PageScores]] = {}


def site_scores(docs_dir: Path) -> list[PageScores]:
    """The scores of every written page in ``docs_dir``, by path (a page is scored again only when its file changed)."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        stat = path.stat()
        name = path.relative_to(docs_dir).as_posix()
        key = f"{path.resolve()}\0{name}"
        cached = _scores.get(key)
        if cached is None or cached[:2] != (stat.st_mtime_ns, stat.st_size):
            cached = _scores[key] = (
                stat.st_mtime_ns,
                stat.st_size,
                page_scores(name, path.read_text(encoding="utf-8")),
            )
        found.append(cached[2])
    return found
