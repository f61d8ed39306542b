"""macros/site/watch.py: under serve, a saved file is noticed through the system's own file events."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from macros.site.watch import WATCH_VARIABLE, use_native_events
from tests.helpers import environment


@pytest.fixture(name="server")
def fixture_server(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "index.md").write_text("# Begin\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(folder))
    server.watch(str(config))
    yield server, folder, config
    if server.observer.is_alive():
        server.observer.stop()
        server.observer.join()
    server.server_close()


def _rebuild_wanted(server, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.01)
    return False


def test_a_write_is_noticed_at_once_and_a_read_is_not(server):
    server, folder, config = server
    assert use_native_events(server) == "native"
    assert not isinstance(server.observer, PollingObserver)
    # Every path MkDocs watched is watched by the new observer, also one added later.
    later = folder.parent / "data"
    later.mkdir()
    server.watch(str(later))
    assert set(server._watched_paths) == {str(folder), str(config), str(later)}
    server.observer.start()
    time.sleep(0.2)
    assert not _rebuild_wanted(server, 0.1)
    (folder / "index.md").read_text(encoding="utf-8")  # every build reads files: that is no change
    assert not _rebuild_wanted(server, 0.3)
    started = time.monotonic()
    (folder / "index.md").write_text("# Anders\n", encoding="utf-8")
    assert _rebuild_wanted(server, 2.0)
    # Well within MkDocs' polling interval (0.5 s).
    assert time.monotonic() - started < 0.25
    config.write_text("site_name: y\n", encoding="utf-8")
    assert _rebuild_wanted(server, 2.0)
    (later / "a.yml").write_text("a: 1\n", encoding="utf-8")
    assert _rebuild_wanted(server, 2.0)


def test_polling_stays_when_the_contributor_asks_for_it(server):
    server, _, _ = server
    with environment(**{WATCH_VARIABLE: "poll"}):
        assert use_native_events(server) == "poll"
    assert isinstance(server.observer, PollingObserver)
