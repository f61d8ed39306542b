"""``make build``: one build at a time, in a private folder, swapped into ``site/`` atomically.

Two ``make build`` runs at once used to share ``site.new/`` and both said "De site staat in
site/." while one had removed the other's output (audit M5), and the swap was two renames
with a moment without ``site/`` between them (L13). Now:

- a lock file (``site.lock``, ``flock``) lets one build run; a second one says it waits;
- MkDocs builds into a temporary folder of this run next to ``site/`` (same file system);
- the new folder and ``site/`` change places in one step (``renameat2`` with
  ``RENAME_EXCHANGE`` on Linux); where that call does not exist the fallback is two renames;
- a failed build removes its own folder and leaves ``site/`` as it was.

Usage: ``python -m macros.dev.sitebuild SITE_DIR -- COMMAND …``; ``--site-dir FOLDER`` is added to the command.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["build_into", "exchange", "main"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def _locked(site: Path) -> Iterator[None]:
    with open(site.with_name(site.name + ".lock"), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Er loopt al een build naar {site}/; deze build wacht tot die klaar is.", file=sys.stderr, flush=True
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exchange(new: Path, site: Path) -> None:
    """Put ``new`` at ``site`` in one step; the old ``site`` ends up at ``new`` (or is gone when there was none)."""
    if not site.exists():
        os.rename(new, site)
        return
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None:
        result = renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(site), _RENAME_EXCHANGE)
        if result == 0:
            return
        if ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), os.fspath(site))
    # No atomic exchange here (another system or file system): two renames, as before.
    old = new.with_name(new.name + ".oud")
    os.rename(site, old)
    os.rename(new, site)
    os.rename(old, new)


def build_into(site: Path, command: list[str]) -> int:
    """Run ``command --site-dir TMP`` under the lock and swap TMP into ``site``; the exit code."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    with _locked(site):
        # Leftovers of an interrupted build of the old scheme (site.new, site.old) are not ours to keep.
        for stale in (site.with_name(site.name + ".new"), site.with_name(site.name + ".old")):
            shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent))
        try:
            if subprocess.run([*command, "--site-dir", os.fspath(work)], check=False).returncode != 0:
                print(f"De site is niet gebouwd; {site.name}/ is niet veranderd.", file=sys.stderr)
                return 1
            work.chmod(0o755)  # mkdtemp makes it private; the site is for everyone to read
            exchange(work, site)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"De site staat in {site.name}/.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 3 or args[1] != "--":
        print("gebruik: python -m macros.dev.sitebuild MAP -- OPDRACHT …", file=sys.stderr)
        return 2
    return build_into(Path(args[0]), args[2:])


if __name__ == "__main__":
    sys.exit(main())
