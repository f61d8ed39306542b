"""The data folder as a catalogue of raw records, each with its file and line.

The catalogue sits between loading and the rules: it knows which file kinds
exist, where each record lives, and which ids are defined. The rules read it;
the model is built from it once the rules are satisfied.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from macros.data.findings import Finding, format_path
from macros.data.load import Document, load_document
from macros.data.parallel import MIN_ITEMS, map_ordered
from macros.data.schema import SchemaSet
from macros.model.kinds import KINDS

__all__ = [
    "FILE_KINDS",
    "MEASURE_DIR",
    "PROGRESS_DIR",
    "SNAPSHOT_DIR",
    "Catalog",
    "RecordRef",
    "gc_paused",
    "read_catalog",
]

#: Each data file and the schema that describes it. A YAML file that is not
#: listed here is reported, so that nothing anyone writes is ignored quietly.
FILE_KINDS: dict[str, str] = {
    "programma.yml": "programma.schema.json",
    "organisaties.yml": "organisaties.schema.json",
    "rondetafels.yml": "rondetafels.schema.json",
    "bloemlezing.yml": "bloemlezing.schema.json",
    "problemen.yml": "problemen.schema.json",
    "interventies.yml": "interventies.schema.json",
    "projecten.yml": "projecten.schema.json",
    "consultatie.yml": "consultatie.schema.json",
    "versies.yml": "versies.schema.json",
}
MEASURE_DIR = "maatregelen"
MEASURE_SCHEMA = "maatregel.schema.json"
#: One progress report per file, named after its reference date (peildatum),
#: so that adding the next report is one new file.
PROGRESS_DIR = "voortgang"
PROGRESS_SCHEMA = "voortgang.schema.json"
#: Frozen copies of the data of released versions (``actieplan release``);
#: each is a complete data folder, validated when the build loads it.
SNAPSHOT_DIR = "snapshots"

# Which list in which file holds records of which kind (from the one registry of kinds).
_LISTS: dict[str, tuple[str, str]] = {k.name: (k.file, k.list_key) for k in KINDS.values() if k.list_key}


class RecordRef(NamedTuple):
    """One raw record and where it stands.

    A named tuple rather than a frozen dataclass: the rules make one per
    record, 50,000 for a plan of 10,000 measures, and a tuple is made in a
    fifth of the time.
    """

    kind: str
    data: dict[str, Any]
    doc: Document
    path: tuple[str | int, ...]

    def finding(
        self, field: tuple[str | int, ...] | str, message: str, hint: str, rule: str, severity: str = "fout"
    ) -> Finding:
        """A finding about ``field`` of this record, at that field's line."""
        field = (field,) if isinstance(field, str) else field
        full = self.path + field
        return Finding(
            file=self.doc.file,
            line=self.doc.line(full),
            path=format_path(full),
            message=message,
            hint=hint,
            rule=rule,
            severity=severity,
        )


@dataclasses.dataclass
class Catalog:
    """Every loaded document and every record in them, by kind."""

    data_dir: Path
    docs: dict[str, Document]
    measure_docs: list[Document]
    valid: set[str]
    #: Measure files that could not be read at all.
    broken_measures: int = 0
    #: Progress reports (data/voortgang/*.yml), by file name.
    progress_docs: list[Document] = dataclasses.field(default_factory=list)
    #: The measure folder as messages name it (``data/maatregelen``).
    measure_dir_shown: str = f"data/{MEASURE_DIR}"
    _records: dict[tuple[str, bool], tuple[RecordRef, ...]] = dataclasses.field(default_factory=dict, repr=False)

    def published(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Every measure in the snapshots of published versions, with its action ids, by version.

        Read from ``data/snapshots/<versie>/maatregelen/`` (the snapshots are
        validated when the build loads them; here only the ids count).
        """
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        root = self.data_dir / SNAPSHOT_DIR
        for folder in sorted(root.iterdir() if root.is_dir() else ()):
            measures: dict[str, tuple[str, ...]] = {}
            for path in sorted((folder / MEASURE_DIR).glob("*.y*ml")):
                doc, _ = load_document(path, path.as_posix())
                data = doc.data if doc is not None else None
                if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                    continue
                actions = data.get("acties")
                measures[data["id"]] = tuple(
                    str(a["id"])
                    for a in (actions if isinstance(actions, list) else [])
                    if isinstance(a, dict) and isinstance(a.get("id"), str)
                )
            if measures:
                found[folder.name] = measures
        return found

    def records(self, kind: str, only_valid: bool = True) -> Iterator[RecordRef]:
        """The records of ``kind``; by default only from files that passed the schema.

        Each list is made once: the rules ask for the measures and actions many
        times, and with 10,000 measures making them again was a third of the rules' time.
        """
        key = (kind, only_valid)
        if key not in self._records:
            if only_valid:
                self._records[key] = tuple(r for r in self.records(kind, only_valid=False) if r.doc.file in self.valid)
            else:
                self._records[key] = tuple(self._find(kind, only_valid=False))
        return iter(self._records[key])

    def _find(self, kind: str, only_valid: bool) -> Iterator[RecordRef]:
        where = KINDS[kind]
        if where.file == f"{MEASURE_DIR}/" or where.parent == "thema":
            yield from self._nested(kind, only_valid)
            return
        if where.file == f"{PROGRESS_DIR}/":
            yield from self._progress(kind, only_valid)
            return
        file, key = _LISTS[kind]
        doc = self.docs.get(file)
        if doc is None or (only_valid and doc.file not in self.valid) or not isinstance(doc.data, dict):
            return
        items = doc.data.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield RecordRef(kind, item, doc, (key, index))

    def _nested(self, kind: str, only_valid: bool) -> Iterator[RecordRef]:
        if kind == "perspectief":
            for theme in self.records("thema", only_valid):
                for index, item in enumerate(theme.data.get("perspectieven") or []):
                    if isinstance(item, dict):
                        yield RecordRef(kind, item, theme.doc, (*theme.path, "perspectieven", index))
            return
        for doc in self.measure_docs:
            if (only_valid and doc.file not in self.valid) or not isinstance(doc.data, dict):
                continue
            if kind == "maatregel":
                yield RecordRef(kind, doc.data, doc, ())
                continue
            actions = doc.data.get("acties")
            for index, item in enumerate(actions if isinstance(actions, list) else []):
                if isinstance(item, dict):
                    yield RecordRef(kind, item, doc, ("acties", index))

    def _progress(self, kind: str, only_valid: bool) -> Iterator[RecordRef]:
        for doc in self.progress_docs:
            if (only_valid and doc.file not in self.valid) or not isinstance(doc.data, dict):
                continue
            if kind == "voortgangsrapportage":
                yield RecordRef(kind, doc.data, doc, ())
                continue
            statuses = doc.data.get("acties")
            for index, item in enumerate(statuses if isinstance(statuses, list) else []):
                if isinstance(item, dict):
                    yield RecordRef(kind, item, doc, ("acties", index))

    def ids(self, kind: str) -> set[str]:
        """Every id of ``kind``, including those in files that failed the schema.

        References to a record in a broken file should not be reported a
        second time as unknown: the broken file already has its message.
        """
        return {str(r.data["id"]) for r in self.records(kind, only_valid=False) if "id" in r.data}

    def complete(self, kind: str) -> bool:
        """True when every file that defines ``kind`` could be read.

        When one could not, its ids are unknown, and references to them are
        not reported: the unreadable file already has its own message.
        """
        where = KINDS[kind]
        if where.file == f"{MEASURE_DIR}/":
            return self.broken_measures == 0
        return _LISTS[where.parent or kind][0] in self.docs

    def is_valid(self, *names: str) -> bool:
        """True when the named top-level files were read and passed the schema."""
        return all(name in self.docs and self.docs[name].file in self.valid for name in names)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small documents are built.

    Loading keeps every document, so each collection walks a heap that only
    grows: with 10,000 measure files the collector took more time than the
    parsing. The documents, records and model hold no reference cycles;
    reference counting frees what is dropped, and the collector resumes
    afterwards. Used around loading, the rules and building the model.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _weights(jobs: list[tuple[str, str, str | None, str, str]]) -> list[float]:
    """The expected work of reading each file, in measure files: the work grows with the bytes.

    Only the few files that are not measures are looked at (a stat each); a
    measure file counts as one, and the others as their size over the mean
    size of the first measure files.
    """
    measures = [path for group, _, path, _, _ in jobs if group == "measure" and path][:20]
    mean = sum(os.stat(path).st_size for path in measures) / len(measures) if measures else 1.0
    return [
        1.0 if group == "measure" else (os.stat(path).st_size / max(mean, 1.0) if path else 0.0)
        for group, _, path, _, _ in jobs
    ]


Job = tuple[str, str, str | None, str, str]
Result = tuple[Document | None, list[Finding]] | None


def _read_jobs(
    jobs: list[Job],
    run: Callable[[Job], Result],
    parallel_from: int,
    schemas: SchemaSet,
    memo: FileMemo | None,
    outside: dict[str, str],
) -> list[Result]:
    """``[run(job) for job in jobs]``: from ``memo`` for a file with the same bytes, the rest read on every core."""
    keys: list[tuple[str, str, bytes] | None] = [None] * len(jobs)
    results: list[Result] = [None] * len(jobs)
    todo = list(range(len(jobs)))
    if memo is not None:
        if memo.schemas is not schemas:
            memo.schemas, memo.results = schemas, {}
        todo = []
        for index, (_, _, path, shown_as, schema_name) in enumerate(jobs):
            if path is None or path in outside:
                todo.append(index)
                continue
            try:
                with open(path, "rb") as handle:
                    key = keys[index] = (shown_as, schema_name, handle.read())
            except OSError:
                todo.append(index)
                continue
            hit = memo.results.get(key)
            if hit is None:
                todo.append(index)
            else:
                results[index] = hit
    weights = _weights(jobs)
    # Reading is nearly all of the work for a large plan: done on every core (see macros.data.parallel).
    done = map_ordered(run, [jobs[i] for i in todo], min_items=parallel_from, weights=[weights[i] for i in todo])
    for index, result in zip(todo, done, strict=True):
        results[index] = result
    if memo is not None:
        memo.results = {
            key: result for key, result in zip(keys, results, strict=True) if key is not None and result is not None
        }
    return results


def _load_checked(
    path: Path | str, shown_as: str, schemas: SchemaSet, schema_name: str
) -> tuple[Document | None, list[Finding]]:
    """One file read and checked against its schema: the document (None when unreadable) and every finding."""
    doc, problems = load_document(path, shown_as)
    if doc is not None:
        problems = problems + schemas.check(doc, schema_name)
    return doc, problems


def _links_outside(data_dir: Path, shown_root: Path) -> dict[str, str]:
    """Symbolic links under ``data_dir`` and the ``docs/`` next to it whose target is outside the repository.

    The repository is the folder that holds ``data_dir`` (``data/schema`` links to
    ``../macros/data/schemas`` inside it, which is fine). A link to ``/etc/passwd`` in
    ``docs/`` would otherwise be copied into ``site/`` and published. Returns each link
    (as the path under ``data_dir`` it was found at) with its target.
    """
    repository = data_dir.resolve().parent
    found: dict[str, str] = {}
    folders = [os.fspath(data_dir)]
    docs = data_dir.parent / "docs"
    if docs.is_dir():
        folders.append(os.fspath(docs))
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                target = Path(os.path.realpath(entry.path))
                if not target.is_relative_to(repository):
                    found[entry.path] = target.as_posix()
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    return found


class FileMemo:
    """What reading and schema-checking each file gave, by its name in messages, its schema and its bytes.

    ``mkdocs serve`` validates the whole folder after every edit; with a memo
    (:func:`macros.pipeline.load_plan_cached` keeps one per folder), a file
    whose bytes did not change gives the document and findings it gave
    before, which is what reading it again would give. Only the files of the
    last reading are kept, so the memo does not grow with the edits.
    """

    def __init__(self) -> None:
        self.schemas: SchemaSet | None = None
        self.results: dict[tuple[str, str, bytes], tuple[Document | None, list[Finding]]] = {}


def read_catalog(
    data_dir: Path,
    schemas: SchemaSet,
    shown_root: Path | None = None,
    parallel_from: int = MIN_ITEMS,
    memo: FileMemo | None = None,
) -> tuple[Catalog, list[Finding]]:
    """Load and schema-check every data file under ``data_dir``.

    Parameters:
        data_dir: the data folder.
        schemas: the compiled schemas.
        shown_root: paths in messages are shown relative to this folder.
        parallel_from: from this many files on, they are read on every core.
        memo: the results of an earlier reading; files whose bytes are the same are not parsed again.

    Returns:
        The catalogue and every finding from reading and schema checks.
    """
    findings: list[Finding] = []
    root = shown_root or data_dir.parent

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    if not data_dir.is_dir():
        findings.append(
            Finding(
                file=shown(data_dir),
                line=0,
                message="de map met gegevens bestaat niet",
                hint="geef de juiste map op",
                rule="geen-map",
            )
        )
        return Catalog(data_dir, {}, [], set()), findings

    outside = _links_outside(data_dir, root)
    for link, target in outside.items():
        findings.append(
            Finding(
                file=Path(os.path.relpath(link, root)).as_posix(),
                line=0,
                message=f"dit is een koppeling (symlink) naar {target}, buiten de repository",
                hint="zet het bestand zelf in de repository; een koppeling naar buiten wordt niet gelezen en niet gepubliceerd",
                rule="koppeling",
            )
        )

    # Every file to read, in the order of the messages: the files of FILE_KINDS,
    # the measures, the progress reports. (group, name, path or None when
    # missing, path in messages, schema)
    jobs: list[tuple[str, str, str | None, str, str]] = []
    for name, schema_name in FILE_KINDS.items():
        path = data_dir / name
        jobs.append(("top", name, os.fspath(path) if path.is_file() else None, shown(path), schema_name))
    # One listing of the measure folder, sorted by name; paths in messages are
    # built from the folder's shown path instead of resolving every file.
    measure_dir = data_dir / MEASURE_DIR
    entries = sorted(((e.name, e.is_file()) for e in os.scandir(measure_dir)) if measure_dir.is_dir() else ())
    measure_shown = shown(measure_dir)
    folder = os.fspath(measure_dir)
    for name, is_file in entries:
        if is_file and os.path.splitext(name)[1] in (".yml", ".yaml"):
            jobs.append(("measure", name, os.path.join(folder, name), f"{measure_shown}/{name}", MEASURE_SCHEMA))
    # The folder is optional: a plan without progress reports yet is valid.
    for path in sorted((data_dir / PROGRESS_DIR).glob("*")):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            jobs.append(("progress", path.name, os.fspath(path), shown(path), PROGRESS_SCHEMA))

    def run(job: tuple[str, str, str | None, str, str]) -> tuple[Document | None, list[Finding]] | None:
        _, _, path, shown_as, schema_name = job
        if path in outside:
            return None, []  # never read: refused above
        return None if path is None else _load_checked(path, shown_as, schemas, schema_name)

    with gc_paused():
        results = _read_jobs(jobs, run, parallel_from, schemas, memo, outside)

    docs: dict[str, Document] = {}
    valid: set[str] = set()
    measure_docs: list[Document] = []
    progress_docs: list[Document] = []
    broken_measures = 0
    for (group, name, _, shown_as, schema_name), result in zip(jobs, results, strict=True):
        if result is None:
            findings.append(
                Finding(
                    file=shown_as,
                    line=0,
                    message="dit bestand ontbreekt",
                    hint=f"maak {name} aan volgens data/schema/{schema_name}",
                    rule="bestand-ontbreekt",
                )
            )
            continue
        doc, problems = result
        findings.extend(problems)
        if doc is None:
            broken_measures += group == "measure"
            continue
        if not problems:
            valid.add(doc.file)
        if group == "top":
            docs[name] = doc
        elif group == "measure":
            measure_docs.append(doc)
        else:
            progress_docs.append(doc)

    known = set(FILE_KINDS)
    others = [
        path
        for top in data_dir.iterdir()
        if top.name not in ("schema", MEASURE_DIR, PROGRESS_DIR, SNAPSHOT_DIR)
        for path in ([top] + (list(top.rglob("*")) if top.is_dir() else []))
    ]
    for path in sorted(others):
        rel = path.relative_to(data_dir)
        if path.suffix not in (".yml", ".yaml") or rel.as_posix() in known:
            continue
        findings.append(
            Finding(
                file=shown(path),
                line=0,
                message="dit bestand hoort bij geen enkel soort gegevens en zou niet gebruikt worden",
                hint=f"gebruik een van: {', '.join(sorted(known))}, of zet een maatregel in {MEASURE_DIR}/",
                rule="onbekend-bestand",
            )
        )
    for name, is_file in entries:
        if is_file and os.path.splitext(name)[1] not in (".yml", ".yaml"):
            findings.append(
                Finding(
                    file=f"{measure_shown}/{name}",
                    line=0,
                    message="dit bestand is geen YAML-bestand en wordt niet gebruikt",
                    hint="geef het de extensie .yml of haal het weg",
                    rule="onbekend-bestand",
                )
            )
    for path in sorted((data_dir / PROGRESS_DIR).glob("*")):
        if path.is_file() and path.suffix not in (".yml", ".yaml"):
            findings.append(
                Finding(
                    file=shown(path),
                    line=0,
                    message="dit bestand is geen YAML-bestand en wordt niet gebruikt",
                    hint="geef het de extensie .yml of haal het weg",
                    rule="onbekend-bestand",
                )
            )

    catalog = Catalog(data_dir, docs, measure_docs, valid, broken_measures, progress_docs, measure_shown)
    return catalog, findings
