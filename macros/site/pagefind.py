"""The site's search index, made by Pagefind from the built HTML.

Material's own search (lunr) cannot fold accents and its Dutch stemmer
breaks type-ahead; on the query set in ``tests/search_queries.yml`` it found
41 of 53 pages in its first five results. Pagefind folds accents, stems
Dutch and loads its index in small chunks, only when a query needs them.
Material's search field, result list and keyboard handling stay: the
worker in ``overrides/assets/zoeken.js`` answers Material's messages with
Pagefind's results (see ``overrides/assets/zoekindex-later.js``).

:func:`write_index` runs after every other step of the build
(``on_post_build`` in macros/hooks.py). It indexes only what is inside
``data-pagefind-body`` (the content of each page, overrides/main.html), so
the navigation, the footer and the 404 page are not in the index, and leaves
out what :data:`LEFT_OUT` names. It also replaces Material's
``search/search_index.json`` with :data:`MATERIAL_SETTINGS`: Material's
scripts still fetch that file before they start the search worker, and read
only its ``config`` (the word separator for highlighting).
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import gzip
import hashlib
import json
import logging
import re
import shutil
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["BUNDLE", "LEFT_OUT", "MATERIAL_SETTINGS", "UNUSED", "IndexStream", "write_index"]

log = logging.getLogger("mkdocs.plugins.actieplan")

#: The folder of the index in the site, next to the pages (relative, so it works in every version folder).
BUNDLE = "pagefind"

#: What is on a page but not what the page is about: heading anchors ("¶") and the listings of
#: records on overview pages (each record has its own page in the index).
LEFT_OUT = (".headerlink", "[data-search-exclude]")

#: Pagefind's own search interfaces and its highlighter: the site uses Material's search field instead.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")

#: Material's index file after Pagefind took over: its settings, no documents.
MATERIAL_SETTINGS = "search/search_index.json"


#: Ends of elements that a browser shows apart but whose text Pagefind would run together when no
#: white space follows ("ActieActiehouder"): our pages are written without white space between tags
#: (macros/site/whitespace.py).
_CELL_END = re.compile(r"(</(?:t[hd]|d[td]|li|caption|p|h[1-6]|figcaption)>)(?=<)")


def _indexable(html: str) -> str:
    """``html`` with a space after every element end in :data:`_CELL_END` (only what Pagefind reads)."""
    return _CELL_END.sub(r"\1 ", html)


def _address(site_dir: Path, path: Path) -> str:
    """The page's address from the site root, as Pagefind would make it (``maatregelen/m07/index.html`` → ``/maatregelen/m07/``)."""
    relative = path.relative_to(site_dir).as_posix()
    return "/" + relative.removesuffix("index.html")


#: The Pagefind version whose service loop :class:`_Service` replaces, and the sha256 of that loop's source
#: (``PagefindService._wait_for_responses``): tests/test_pagefind.py fails when an upgrade changes either.
PAGEFIND_CHECKED = ("1.5.2", "a24cf8492ca7a8d95e34516f9b3fd8cf4fdff95146c6eb32a9808446312a768b")


def _service_class() -> Any:
    from pagefind.service import PagefindService

    class _Service(PagefindService):
        """Pagefind's service, reading each answer as soon as it comes, whatever its size.

        Pagefind 1.5.2 waits 0.1 s before it reads every answer from the
        service's pipe, so one request per page cost 0.1 s a page: two
        minutes at 1,000 measures. Reading one folder in one request instead
        (``add_directory``) is quick, but orders the pages as the file system
        lists them, and that differs between file systems (ext4 and tmpfs
        gave two indexes), so builds would not be the same everywhere. This
        loop reads the same answers in the same way, without the pause, and
        also answers longer than the pipe's 2 MiB buffer (the index's files,
        :func:`_write_files`).
        """

        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            stdout = self._backend.stdout
            while True:
                parts = []
                while True:
                    try:
                        parts.append(await stdout.readuntil(b","))
                        break
                    except asyncio.LimitOverrunError as err:
                        parts.append(await stdout.readexactly(err.consumed))
                output = b"".join(parts)
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                payload = response["payload"]
                message_id = response.get("message_id")
                if message_id is None and (original := payload.get("original_message")) is not None:
                    message_id = (json.loads(original) or {}).get("message_id")
                future = self._responses.get(message_id) if message_id is not None else None
                if future is None or future.done():
                    continue
                if payload["type"] == "Error":
                    future.set_exception(RuntimeError(payload.get("message", "Pagefind meldt een fout")))
                else:
                    future.set_result(payload)

    return _Service


def _index_config() -> Any:
    from pagefind.index import IndexConfig

    return IndexConfig(exclude_selectors=list(LEFT_OUT), force_language="nl")


def _write_files(files: list[Any], output: Path) -> None:
    """Write the index's files, as Pagefind's ``get_files`` gives them, into ``output``.

    Pagefind's own ``write_files`` answers before the last bytes of a file
    are on disk (Tokio finishes a file's writes in the background, and the
    service does not flush), and the service is stopped right after that
    answer: now and then a build had a cut-off ``wasm.unknown.pagefind``, so
    two builds of one commit differed. Asked for the files instead, the
    service sends them whole, and they are written here before the index
    counts as made.
    """
    for item in files:
        relative = Path(item["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise RuntimeError(f"Pagefind gaf een bestand buiten de zoekindex: {item['path']}")
        if any(relative.match(pattern) for pattern in UNUSED):
            continue
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item["content"])


def _index_order(site_dir: Path) -> list[Path]:
    """The HTML files of the built site in the order the index takes them: sorted by path, the index itself left out."""
    return sorted(path for path in site_dir.rglob("*.html") if not path.is_relative_to(site_dir / BUNDLE))


async def _index(site_dir: Path, output: Path) -> int:
    """Index the pages of ``site_dir`` that have a ``data-pagefind-body`` into ``output``, one request a page,
    in the order of their paths (so the index is the same on every machine)."""
    pages = 0
    service = await _service_class()().launch()
    try:
        index = await service.create_index(_index_config())
        for path in _index_order(site_dir):
            html = path.read_text(encoding="utf-8")
            if BODY not in html:
                continue
            await index.add_html_file(content=_indexable(html), url=_address(site_dir, path))
            pages += 1
        files = await index.get_files()
    finally:
        await service.close()
    _write_files(files, output)
    return pages


#: The attribute of the element whose content is indexed (overrides/main.html); a page without it is left out.
BODY = "data-pagefind-body"


# --- the same filter files on every run --------------------------------------------------------
#
# Pagefind 1.5.2 writes the values of each filter in the order of a Rust hash map, which differs from
# run to run, so two builds of one commit gave other filter files (and so another meta file). The
# files are small: "pagefind_dcd" and one CBOR value, gzipped. :func:`_canonical_filters` sorts the
# values of every filter, writes each file under a name made from its contents, and points the meta
# file, and the entry file at the meta file, to the new names. The CBOR codec below covers what these
# files hold (unsigned integers, text, byte strings, arrays); it re-encodes a file byte for byte
# (tests/test_pagefind.py), so nothing else in them changes.

_SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    first = data[at]
    major, extra = first >> 5, first & 31
    at += 1
    if extra < 24:
        value = extra
    elif extra in (24, 25, 26, 27):
        size = 1 << (extra - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"Pagefind-bestand: onbekende CBOR-waarde {first:#x}")
    if major == 0:
        return value, at
    if major == 2:
        return data[at : at + value], at + value
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"Pagefind-bestand: CBOR-soort {major} wordt niet gelezen")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _cbor_encode(value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes, list)):
        raise TypeError(f"Pagefind-bestand: {type(value).__name__} wordt niet geschreven")
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)


def _read_pf(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path}: geen Pagefind-bestand")
    value, end = _cbor_decode(raw, len(_SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path}: onverwachte bytes na de inhoud")
    return value


def _write_pf(folder: Path, prefix: str, value: Any, digits: int, suffix: str) -> str:
    """Write ``value`` as a Pagefind file named after its contents; returns the name without folder and suffix."""
    raw = _SIGNATURE + _cbor_encode(value)
    name = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, mtime=0))
    return name


def _canonical_filters(bundle: Path) -> None:
    """Sort the values of every filter file of the index in ``bundle`` (see above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_pf(meta_path)
        filters = meta[3]
        for pair in filters:
            _name, old = pair
            old_path = bundle / "filter" / f"{old}.pf_filter"
            content = _read_pf(old_path)
            content[1] = sorted(content[1], key=lambda item: item[0])
            old_path.unlink()
            pair[1] = _write_pf(bundle / "filter", language, content, 7, ".pf_filter")
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write_pf(bundle, f"pagefind.{language}", meta, 10, ".pf_meta").removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _material_settings(site_dir: Path) -> None:
    path = site_dir / MATERIAL_SETTINGS
    if path.is_file():
        config = json.loads(path.read_text(encoding="utf-8")).get("config", {})
        path.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")


def _install(site_dir: Path, output: Path) -> None:
    """Put the index made in ``output`` in its place in the site, in one step (see :func:`write_index`)."""
    _canonical_filters(output)
    bundle = site_dir / BUNDLE
    old = site_dir.parent / f".{site_dir.name}-{BUNDLE}-oud"
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    output.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    _material_settings(site_dir)


def _new_output(site_dir: Path) -> Path:
    output = site_dir.parent / f".{site_dir.name}-{BUNDLE}-nieuw"
    shutil.rmtree(output, ignore_errors=True)
    return output


def write_index(site_dir: Path) -> int:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; returns the number of pages indexed.

    The index is written next to the site first and takes its place in one
    step: a rebuild under ``mkdocs serve`` keeps the rest of ``site/``, and
    Pagefind itself leaves the files of an old index where they are.
    """
    output = _new_output(site_dir)
    # In a thread of its own: the caller may already run an event loop (Playwright's sync API in
    # the browser tests does), and asyncio.run() refuses to start a second one in the same thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pages = pool.submit(asyncio.run, _index(site_dir, output)).result()
    _install(site_dir, output)
    return pages


def _digest(html: str) -> int:
    """A check that two texts of one process are the same: Python's own string hash, salted per process, so
    no text can be made to match another on purpose."""
    return hash(html)


class IndexStream:
    """The search index made while MkDocs writes the pages, on the second core.

    Pagefind reads a page in some 4 ms; after the build, one page after the
    other, that was a third of a full build at 1,000 measures, while the
    Pagefind service waited for MkDocs and MkDocs for it. Here each page goes
    to the service as soon as it is written (``on_post_page``, :meth:`add`),
    from a thread of its own, so the service reads while MkDocs renders the
    next pages, and it builds the index while the open data are written.

    The index must be the one :func:`write_index` makes from the finished
    site: pages in the order of their paths, each as it is on disk. So a page
    is sent only when every page before it in that order has been sent
    (MkDocs writes the pages in nearly that order), and :meth:`finish` reads
    the finished site and checks that it holds exactly the pages sent, in
    that order, with the same HTML. When anything differs (a step after
    ``on_post_page`` changed a page, an HTML file appeared that is not a page,
    a page was not built), what was sent is thrown away and
    :func:`write_index` makes the index from the finished site, so the result
    is the same either way (tests/test_pagefind.py).
    """

    def __init__(self, site_dir: Path, pages: Iterable[Path]) -> None:
        self.site_dir = site_dir
        self._order = sorted(set(pages))
        self._next = 0
        self._waiting: dict[Path, str] = {}
        #: (path, digest of its HTML) of every page sent, in order.
        self._sent: list[tuple[Path, int]] = []
        self._loop = asyncio.new_event_loop()
        self._queue: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()
        #: The index's files, asked for once the last page was sent.
        self._files: concurrent.futures.Future[list[Any]] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, name="zoekindex-tijdens-bouw", daemon=True)
        self._thread.start()
        self._send_ready()

    # --- the main thread ---

    def add(self, path: Path, html: str) -> None:
        """The page MkDocs writes to ``path`` (absolute) has this HTML."""
        if self._files.done():
            return
        self._waiting[path] = html
        self._send_ready()

    def _send_ready(self) -> None:
        while self._next < len(self._order) and self._order[self._next] in self._waiting:
            ready = self._order[self._next]
            self._next += 1
            text = self._waiting.pop(ready)
            if BODY in text:
                self._sent.append((ready, _digest(text)))
                self._put(("page", (text, _address(self.site_dir, ready))))
        if self._next == len(self._order) and not self._waiting:
            self._put(("files", None))

    def _as_sent(self) -> bool:
        """True when the finished site holds exactly the pages sent, in the same order, with the same HTML."""
        if self._next < len(self._order) or self._waiting:
            return False
        sent = iter(self._sent)
        for path in _index_order(self.site_dir):
            html = path.read_text(encoding="utf-8")
            if BODY in html and next(sent, None) != (path, _digest(html)):
                return False
        return next(sent, None) is None

    def finish(self) -> int:
        """Write the index into the site; returns the number of pages indexed."""
        if self._files.done() and self._files.exception() is not None:
            self._thread.join()
            self._files.result()  # the service stopped with an error: raise it in the build
        if not self._as_sent():
            log.debug("zoekindex: de site verschilt van wat tijdens de bouw werd gestuurd; opnieuw gemaakt")
            self.abort()
            return write_index(self.site_dir)
        files = self._files.result()
        self._thread.join()
        output = _new_output(self.site_dir)
        _write_files(files, output)
        _install(self.site_dir, output)
        return len(self._sent)

    def abort(self) -> None:
        """Stop the service without writing anything (a failed build, or :meth:`finish` starting again)."""
        self._put(None)
        self._thread.join()

    def _put(self, item: tuple[str, Any] | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has ended: the service stopped
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)

    # --- the thread of the service ---

    def _run(self) -> None:
        try:
            self._loop.run_until_complete(self._serve())
        except BaseException as err:  # handed to finish(), which raises it in the build
            if not self._files.done():
                self._files.set_exception(err)
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        service = await _service_class()().launch()
        try:
            index = await service.create_index(_index_config())
            while (item := await self._queue.get()) is not None:
                what, value = item
                if what == "page":
                    html, url = value
                    await index.add_html_file(content=_indexable(html), url=url)
                else:
                    self._files.set_result(await index.get_files())
                    return
            self._files.cancel()
        finally:
            await service.close()
