"""The search index is made quickly and the same way on every machine (macros/site/pagefind.py)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import shutil
from pathlib import Path

import pytest

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


def _pages(site: Path, count: int) -> None:
    for number in range(count):
        page = site / f"pagina-{number:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="nl"><body><main data-pagefind-body><h1>Pagina {number}</h1>'
            f"<p>Maatregel {number} tegen mensenhandel, met coördinatie.</p></main></body></html>",
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
