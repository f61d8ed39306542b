"""Under ``mkdocs serve``: notice a saved file at once, with the system's own file events.

MkDocs 1.6 watches by polling: every half second it looks at every watched
file (docs/, the data folder, macros/, overrides/, mkdocs.yml). An edit then
waits 0.25 s on average, and up to 0.5 s, before the rebuild starts, and the
polling costs time while a build runs. MkDocs polls because native events do
not reach a program in every set-up: folders shared into Docker or a virtual
machine, or network folders.

So: the system's own watcher (inotify on Linux, FSEvents on macOS, the
Windows API) where it works, polling where it does not, and polling always
when the contributor asks for it with ``ACTIEPLAN_WATCH=poll`` (the README
says when). Only events that change a file count; opening or reading one
(which every build does) does not.
"""

from __future__ import annotations

import logging
import os
from typing import Any

__all__ = ["WATCH_VARIABLE", "use_native_events"]

log = logging.getLogger("mkdocs.plugins.actieplan")

#: Set to "poll" to keep MkDocs' polling watcher.
WATCH_VARIABLE = "ACTIEPLAN_WATCH"


def _observer_class() -> type | None:
    """The system's own observer, limited to events that change a file; None where there is none."""
    from watchdog.events import (
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if Observer is PollingObserver:
        return None
    changes = [
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
        FileClosedEvent,  # closed after writing
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
    ]

    class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler: Any, path: str, recursive: bool = False, event_filter: Any = None) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes)

    return ChangesObserver


def use_native_events(server: Any) -> str:
    """Give ``server`` (MkDocs' ``LiveReloadServer``, in ``on_serve``) the system's own watcher.

    Returns which watcher it has now: "native" or "poll". Paths watched
    later (the ``watch`` folders of mkdocs.yml) go to the new one too.
    """
    if os.environ.get(WATCH_VARIABLE, "").strip().lower() in {"poll", "polling"}:
        log.info("Bestanden worden elke halve seconde bekeken (%s=poll).", WATCH_VARIABLE)
        return "poll"
    observer_class = _observer_class()
    if observer_class is None:
        return "poll"
    paths = list(server._watched_paths)
    # Try the paths first on an observer of their own: where native events fail (no inotify, too many
    # watches), the error comes now and MkDocs keeps polling, instead of the server failing to start.
    probe = observer_class()
    try:
        probe.start()
        for path in paths:
            probe.schedule(_Ignore(), path, recursive=True)
    except OSError as err:
        log.info("Bestanden worden elke halve seconde bekeken: het systeem meldt wijzigingen hier niet (%s).", err)
        return "poll"
    finally:
        probe.stop()
        if probe.is_alive():
            probe.join()
    for path in paths:
        while path in server._watched_paths:
            server.unwatch(path)
    server.observer = observer_class()
    for path in paths:
        server.watch(path)
    return "native"


class _Ignore:
    """An event handler for the probe: it only has to exist."""

    def dispatch(self, event: Any) -> None:
        pass
