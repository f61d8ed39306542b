"""Run one function over many items on every core, with the answer of a plain loop.

Reading 10,000 measure files is pure Python work, so threads do not help;
forked processes do. :func:`map_ordered` gives exactly ``[func(item) for
item in items]``: the same results in the same order, from the same code.
It forks only where that is safe and worth it, and falls back to the plain
loop for any part a child could not deliver, so a failure in a child never
changes the answer (an exception in ``func`` then surfaces in this process,
just as without children).

Where it forks: a POSIX system with more than one core available to this
process, no other thread running (forking a process with threads can copy
a held lock; ``mkdocs serve`` runs threads, so it reads files in one
process), and at least ``min_items`` items.
"""

from __future__ import annotations

import itertools
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["available_cores", "map_ordered"]

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items the fork and the transfer cost more than they save.
MIN_ITEMS = 500
#: More children than this gain little for files of a few kilobytes.
MAX_WORKERS = 4


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    min_items: int = MIN_ITEMS,
    workers: int | None = None,
    weights: Sequence[float] | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, spread over forked processes when worth it.

    Parameters:
        func: a function whose results can be pickled.
        items: the items, in the order of the results.
        min_items: fewer items than this are done in this process.
        workers: processes to use, this one included (default: the available cores, at most 4).
        weights: the expected work of each item (default: the same for all); each
            process gets consecutive items of about the same total weight.

    Returns:
        The results, in the order of ``items``.
    """
    count = min(workers or available_cores(), MAX_WORKERS, max(len(items), 1))
    if count < 2 or len(items) < min_items or not _can_fork():
        return [func(item) for item in items]
    parts = _split(items, count, weights)
    # This process takes the first part: it has no results to send.
    sys.stdout.flush()
    sys.stderr.flush()
    children = [_start(func, part) for part in parts[1:]]
    results = [func(item) for item in parts[0]]
    for part, child in zip(parts[1:], children, strict=True):
        results.extend(_collect(child, func, part))
    return results


#: How much more this process takes than each child: a child also pickles its
#: results (about a tenth of the work of reading them), this process only unpickles them.
FIRST_SHARE = 1.1


def _split(items: Sequence[T], count: int, weights: Sequence[float] | None) -> list[Sequence[T]]:
    """``items`` cut into ``count`` consecutive parts, each child's of about equal weight
    and this process's (the first) :data:`FIRST_SHARE` times as heavy (none empty)."""
    weights = weights if weights is not None else [1.0] * len(items)
    total = sum(weights) or 1.0
    shares = [FIRST_SHARE] + [1.0] * (count - 1)
    bounds = [total * sum(shares[:k]) / sum(shares) for k in range(1, count)]
    cuts, running, goal = [0], 0.0, 0
    for index, weight in enumerate(weights):
        running += weight
        if goal < len(bounds) and running >= bounds[goal] and index + 1 < len(items):
            cuts.append(index + 1)
            goal += 1
    cuts.append(len(items))
    return [items[start:end] for start, end in itertools.pairwise(cuts) if end > start]


def _start(func: Callable[[T], R], part: Sequence[T]) -> tuple[int, int]:
    """Fork a child that works through ``part`` and writes the pickled results to a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps([func(item) for item in part], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            # No atexit handlers, no flushing of the parent's buffers.
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int], func: Callable[[T], R], part: Sequence[T]) -> list[R]:
    """The child's results, or the plain loop's when the child did not deliver them."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0:
        try:
            results = pickle.loads(payload)
        except Exception:
            results = None
        if isinstance(results, list) and len(results) == len(part):
            return results
    return [func(item) for item in part]
