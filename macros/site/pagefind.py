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
import gzip
import hashlib
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["BUNDLE", "LEFT_OUT", "MATERIAL_SETTINGS", "UNUSED", "write_index"]

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


#: The Pagefind version whose service methods :class:`_Service` replaces, and the sha256 of each method's
#: source in ``PagefindService``: tests/test_pagefind.py fails when an upgrade changes any of them.
PAGEFIND_CHECKED = (
    "1.5.2",
    {
        "_wait_for_responses": "a24cf8492ca7a8d95e34516f9b3fd8cf4fdff95146c6eb32a9808446312a768b",
        "close": "258ac0d41d4723e6ee8d1a5fefe4b97de1fdb0ec7d02d6d684205b2c6ceff89e",
    },
)


def _service_class() -> Any:
    from pagefind.service import PagefindService

    class _Service(PagefindService):
        """Pagefind's service, reading each answer as soon as it comes.

        Pagefind 1.5.2 waits 0.1 s before it reads every answer from the
        service's pipe, so one request per page cost 0.1 s a page: two
        minutes at 1,000 measures. Reading one folder in one request instead
        (``add_directory``) is quick, but orders the pages as the file system
        lists them, and that differs between file systems (ext4 and tmpfs
        gave two indexes), so builds would not be the same everywhere. This
        loop reads the same answers in the same way, without the pause.
        """

        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            while True:
                output = await self._backend.stdout.readuntil(b",")
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

        async def close(self) -> None:
            """Let the service end by itself, after its last write.

            Pagefind 1.5.2's ``close`` stops the service with SIGTERM as soon
            as every answer is in. Its answer to "write the files" can come
            before the last bytes of a file reach the disk (Tokio finishes a
            file's writes in the background), so a build now and then had a
            cut-off ``wasm.unknown.pagefind`` and two builds of one commit
            differed. The service ends by itself when its input closes, and
            then waits for those writes; it is only stopped when it has not
            ended within :data:`_SERVICE_EXIT_SECONDS`.
            """
            self._poll_task.cancel()
            assert self._backend.stdin is not None
            self._backend.stdin.close()
            try:
                await asyncio.wait_for(self._backend.wait(), timeout=_SERVICE_EXIT_SECONDS)
            except TimeoutError:
                self._backend.terminate()
                await self._backend.wait()

    return _Service


#: How long the Pagefind service may take to end by itself once its input is closed.
_SERVICE_EXIT_SECONDS = 60


async def _index(site_dir: Path, output: Path) -> int:
    """Index the pages of ``site_dir`` that have a ``data-pagefind-body`` into ``output``, one request a page,
    in the order of their paths (so the index is the same on every machine)."""
    from pagefind.index import IndexConfig

    config = IndexConfig(
        exclude_selectors=list(LEFT_OUT),
        force_language="nl",
        output_path=str(output),
    )
    pages = 0
    service = await _service_class()().launch()
    try:
        index = await service.create_index(config)
        for path in sorted(site_dir.rglob("*.html")):
            if path.is_relative_to(site_dir / BUNDLE):
                continue
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" not in html:
                continue
            await index.add_html_file(content=_indexable(html), url=_address(site_dir, path))
            pages += 1
        await index.write_files()
    finally:
        await service.close()
    return pages


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


def write_index(site_dir: Path) -> int:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; returns the number of pages indexed.

    The index is written next to the site first and takes its place in one
    step: a rebuild under ``mkdocs serve`` keeps the rest of ``site/``, and
    Pagefind itself leaves the files of an old index where they are. Pagefind
    can answer "written" before its service has finished writing when it is
    stopped (tests/test_incremental.py once found an empty ``.pagefind``
    file), so the files are checked and, if one is empty, written again.
    """
    bundle = site_dir / BUNDLE
    output = site_dir.parent / f".{site_dir.name}-{BUNDLE}-nieuw"
    for _attempt in range(3):
        shutil.rmtree(output, ignore_errors=True)
        # In a thread of its own: the caller may already run an event loop (Playwright's sync API in
        # the browser tests does), and asyncio.run() refuses to start a second one in the same thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, _index(site_dir, output)).result()
        if not any(path.is_file() and path.stat().st_size == 0 for path in output.rglob("*")):
            break
    else:
        raise RuntimeError(f"Pagefind schreef lege bestanden in {output}")
    for pattern in UNUSED:
        for path in output.glob(pattern):
            path.unlink()
    _canonical_filters(output)
    old = site_dir.parent / f".{site_dir.name}-{BUNDLE}-oud"
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    output.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    _material_settings(site_dir)
    return pages
