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


def test_the_replaced_service_methods_are_the_ones_they_were_checked_against():
    """On an upgrade of Pagefind: compare PagefindService's methods with _Service's, then update the pin."""
    from pagefind.service import PagefindService

    version, digests = PAGEFIND_CHECKED
    assert importlib.metadata.version("pagefind") == version, (
        f"Pagefind is niet meer {version}: vergelijk PagefindService met _Service in "
        "macros/site/pagefind.py en werk PAGEFIND_CHECKED bij"
    )
    for name, digest in digests.items():
        source = inspect.getsource(getattr(PagefindService, name))
        assert hashlib.sha256(source.encode()).hexdigest() == digest, name


def test_the_service_ends_by_itself_after_writing(tmp_path):
    """Stopped with SIGTERM right after "written", Pagefind now and then left a cut-off file; it must end itself."""
    site = tmp_path / "site"
    _pages(site, 3)
    returncodes = []

    async def run() -> None:
        from pagefind.index import IndexConfig

        service = await pagefind._service_class()().launch()
        index = await service.create_index(IndexConfig(output_path=str(tmp_path / "uit")))
        for path in sorted(site.rglob("*.html")):
            await index.add_html_file(content=path.read_text(encoding="utf-8"), url=f"/{path.parent.name}/")
        await index.write_files()
        await service.close()
        returncodes.append(service._backend.returncode)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()
    assert returncodes == [0]
    for path in (tmp_path / "uit").rglob("*.pagefind"):
        gzip.decompress(path.read_bytes())  # whole, not cut off


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
