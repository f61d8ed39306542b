"""The search index is made quickly and the same way on every machine (macros/site/pagefind.py)."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import importlib.metadata
import inspect
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from macros.site import pagefind
from macros.site.pagefind import BUNDLE, PAGEFIND_CHECKED, write_index


def _digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(
        b"".join(p.relative_to(folder).as_posix().encode() + p.read_bytes() for p in files)
    ).hexdigest()


def test_the_replaced_service_loop_is_the_one_it_was_checked_against():
    """On an upgrade of Pagefind: compare PagefindService._wait_for_responses with _Service's loop, then update the pin."""
    from pagefind.service import PagefindService

    version, digest = PAGEFIND_CHECKED
    assert importlib.metadata.version("pagefind") == version, (
        f"Pagefind is niet meer {version}: vergelijk PagefindService._wait_for_responses met _Service in "
        "macros/site/pagefind.py en werk PAGEFIND_CHECKED bij"
    )
    assert hashlib.sha256(inspect.getsource(PagefindService._wait_for_responses).encode()).hexdigest() == digest


KINDS = ("Maatregel", "Organisatie", "Voortgang", "Hoofdstuk")
STATUSES = ("Gepland", "Lopend", "Afgerond")


def _pages(site: Path, count: int) -> None:
    for number in range(count):
        page = site / f"pagina-{number:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="nl"><body><main data-pagefind-body><h1>Pagina {number}</h1>'
            f"<p>Maatregel {number} tegen mensenhandel, met coördinatie.</p>"
            f'<div hidden data-pagefind-ignore><span data-pagefind-filter="soort">{KINDS[number % 4]}</span>'
            f'<span data-pagefind-filter="status">{STATUSES[number % 3]}</span></div></main></body></html>',
            encoding="utf-8",
        )


@pytest.mark.parametrize("other_root", ["/dev/shm", None])
def test_the_index_is_the_same_wherever_the_site_lies(tmp_path, other_root):
    """ext4 and tmpfs list a folder in other orders; the index must not follow that order."""
    first = tmp_path / "a" / "site"
    _pages(first, 40)
    assert write_index(first) == 40
    base = Path(other_root) if other_root and Path(other_root).is_dir() else tmp_path / "b"
    second = base / f"actieplan-test-{tmp_path.name}" / "site"
    shutil.rmtree(second.parent, ignore_errors=True)
    try:
        shutil.copytree(first, second, ignore=shutil.ignore_patterns(BUNDLE))
        assert write_index(second) == 40
        assert _digest(first / BUNDLE) == _digest(second / BUNDLE)
        assert not list(second.parent.glob(".*"))  # nothing left next to the site
    finally:
        shutil.rmtree(second.parent, ignore_errors=True)


def test_two_indexes_of_one_site_are_the_same_also_with_filters(tmp_path):
    """Pagefind writes a filter's values in hash-map order; the index sorts them, so every run gives the same files."""
    digests = set()
    for name in ("a", "b", "c"):
        site = tmp_path / name / "site"
        _pages(site, 24)
        write_index(site)
        digests.add(_digest(site / BUNDLE))
        filters = sorted((site / BUNDLE / "filter").glob("*.pf_filter"))
        assert len(filters) == 2
        for path in filters:
            values = [value for value, _pages in pagefind._read_pf(path)[1]]
            assert values == sorted(values)
    assert len(digests) == 1


def test_the_cbor_codec_writes_pagefinds_own_files_back_byte_for_byte(tmp_path):
    """On the files as Pagefind wrote them (before the values are sorted): nothing but the order changes."""
    site, raw_index = tmp_path / "site", tmp_path / "raw"
    _pages(site, 12)
    # In a thread of its own, as write_index does: the session's browser (Playwright's sync API) runs an
    # event loop in this thread when the browser tests ran first.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, pagefind._index(site, raw_index)).result() == 12
    files = [*(raw_index / "filter").glob("*.pf_filter"), *raw_index.glob("*.pf_meta")]
    assert files
    for path in files:
        raw = gzip.decompress(path.read_bytes())
        value, end = pagefind._cbor_decode(raw, len(pagefind._SIGNATURE))
        assert end == len(raw)
        assert pagefind._SIGNATURE + pagefind._cbor_encode(value) == raw, path.name


def test_answers_longer_than_the_pipe_buffer_are_read_whole(tmp_path, monkeypatch):
    """The index's files come in one answer; at 1,000 measures that is more than the pipe's 2 MiB buffer.

    With a buffer of 4 KiB, every answer here is longer than the buffer."""
    site = tmp_path / "site"
    _pages(site, 8)
    expected = tmp_path / "expected" / "site"
    shutil.copytree(site, expected)
    write_index(expected)
    launch = asyncio.create_subprocess_exec

    async def small_buffer(*args, **kwargs):
        kwargs["limit"] = 4096
        return await launch(*args, **kwargs)

    monkeypatch.setattr(asyncio, "create_subprocess_exec", small_buffer)
    assert write_index(site) == 8
    assert _digest(site / BUNDLE) == _digest(expected / BUNDLE)


def _stream(site: Path, order: list[Path]) -> pagefind.IndexStream:
    """Hand the pages of ``site`` to an IndexStream in ``order``, as MkDocs would while it writes them."""
    stream = pagefind.IndexStream(site, sorted(site.rglob("*.html")))
    for path in order:
        stream.add(path, path.read_text(encoding="utf-8"))
    return stream


def test_the_index_made_during_the_build_is_the_one_made_after_it(tmp_path):
    """Pages come in the order MkDocs writes them, not by path; the index is still the one of write_index."""
    streamed, after = tmp_path / "a" / "site", tmp_path / "b" / "site"
    _pages(streamed, 30)
    _pages(after, 30)
    pages = sorted(streamed.rglob("*.html"))
    stream = _stream(streamed, pages[7:] + pages[:7][::-1])
    assert stream.finish() == 30
    assert write_index(after) == 30
    assert _digest(streamed / BUNDLE) == _digest(after / BUNDLE)
    assert not list(streamed.parent.glob(".*"))


@pytest.mark.parametrize("change", ["page changed after it was sent", "html file that is no page", "page not built"])
def test_a_site_that_differs_from_what_was_sent_gets_the_index_of_the_finished_site(tmp_path, change):
    streamed, after = tmp_path / "a" / "site", tmp_path / "b" / "site"
    for site in (streamed, after):
        _pages(site, 12)
    pages = sorted(streamed.rglob("*.html"))
    stream = _stream(streamed, pages[:-1] if change == "page not built" else pages)
    for site in (streamed, after):
        if change == "page changed after it was sent":
            page = site / "pagina-003" / "index.html"
            page.write_text(page.read_text().replace("Maatregel 3", "Maatregel drie"), encoding="utf-8")
        elif change == "html file that is no page":
            (site / "los.html").write_text("<html><body><main data-pagefind-body>Los</main></body></html>")
    expected = 13 if change == "html file that is no page" else 12
    assert stream.finish() == expected
    assert write_index(after) == expected
    assert _digest(streamed / BUNDLE) == _digest(after / BUNDLE)


def test_a_stopped_stream_writes_nothing(tmp_path):
    site = tmp_path / "site"
    _pages(site, 5)
    stream = _stream(site, sorted(site.rglob("*.html"))[:3])
    stream.abort()
    assert not stream._thread.is_alive()
    assert not (site / BUNDLE).exists()
    assert not list(tmp_path.glob(".*"))
