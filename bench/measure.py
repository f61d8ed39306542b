"""Single measurements: a build, a site's sizes, a validation, a rebuild under serve, a first visit.

Every build and command runs as a child process, so that its peak memory
(``ru_maxrss`` from ``os.wait4``) is its own and no module state carries over
from one measurement to the next.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from macros.dev.browser import CHROMIUM, have_browser, launch, serve

__all__ = [
    "ROOT",
    "CHROMIUM",
    "Run",
    "SiteStats",
    "build_site",
    "first_visit",
    "median_run",
    "run_measured",
    "site_stats",
    "time_rebuild",
    "time_validate",
]

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Run:
    """One child process: wall time, its own CPU time and peak memory, exit code and output."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    log: str

    @property
    def mkdocs_seconds(self) -> float | None:
        """The time MkDocs itself reports ("Documentation built in ... seconds"), without starting Python."""
        found = re.findall(r"Documentation built in ([0-9.]+) seconds", self.log)
        return float(found[-1]) if found else None

    def check(self, what: str) -> Run:
        if self.returncode != 0:
            tail = "\n".join(self.log.splitlines()[-25:])
            raise RuntimeError(f"{what} is mislukt (code {self.returncode}):\n{tail}")
        return self


def child_env(data_dir: Path | None = None) -> dict[str, str]:
    """The environment of a child: no MkDocs 2 banner, no stray data folder unless asked.

    Python may keep its compiled modules (``__pycache__``, ignored by git), as on
    a contributor's machine; otherwise every run would compile our code again.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("ACTIEPLAN_DATA", None)
    if data_dir is not None:
        env["ACTIEPLAN_DATA"] = str(data_dir)
    return env


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """Run ``cmd`` to the end and measure it (wall clock, CPU and peak memory of that child alone)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", errors="replace")
    # ru_maxrss is in kilobytes on Linux.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, log)


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    return ordered[(len(ordered) - 1) // 2]


def build_site(config: Path, site_dir: Path, data_dir: Path | None = None) -> Run:
    """``mkdocs build --strict`` of ``config`` into ``site_dir`` (on ``data_dir`` when given)."""
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    return run_measured(cmd, child_env(data_dir), cwd=config.parent).check(f"de bouw van {config}")


def time_validate(data_dir: Path) -> Run:
    """``actieplan validate DIR``, as a contributor runs it."""
    script = Path(sys.executable).with_name("actieplan")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "macros.cli"]
    return run_measured([*cmd, "validate", str(data_dir)], child_env()).check("actieplan validate")


@dataclasses.dataclass(frozen=True)
class SiteStats:
    """Sizes of one built site (1 kB = 1,000 bytes)."""

    pages: int
    output_bytes: int
    search_index_bytes: int
    measure_pages: int
    measure_page_mean_bytes: float | None
    measure_page_max_bytes: int | None


def site_stats(site: Path, record_folder: str = "maatregelen") -> SiteStats:
    """Count the pages (``index.html`` files) and sizes; measure pages are ``<record_folder>/<id>/index.html``."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.name == "index.html"]
    measures = (
        [p.stat().st_size for p in (site / record_folder).glob("*/index.html")]
        if (site / record_folder).is_dir()
        else []
    )
    # The search index: Material's file (all of the floor's index; only settings on our site) and
    # Pagefind's bundle (macros/site/pagefind.py: the index chunks and the search code).
    index = [site / "search" / "search_index.json", *(p for p in files if p.is_relative_to(site / "pagefind"))]
    return SiteStats(
        pages=len(pages),
        output_bytes=sum(p.stat().st_size for p in files),
        search_index_bytes=sum(p.stat().st_size for p in index if p.exists()),
        measure_pages=len(measures),
        measure_page_mean_bytes=statistics.fmean(measures) if measures else None,
        measure_page_max_bytes=max(measures) if measures else None,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str) -> tuple[int, str]:
    """Status and text of ``url``; a redirect counts as its own status, so a missing page is not taken for another."""
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        err.close()
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _rss_mb(pid: int) -> tuple[float, float]:
    """The resident memory of process ``pid`` now and at its peak (VmRSS, VmHWM), in MB."""
    now = peak = 0.0
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def time_rebuild(data_dir: Path, edits: int = 5, memory_edits: int = 0, timeout: float = 600) -> dict[str, Any]:
    """Start ``mkdocs serve`` on ``data_dir``, change the title of one measure ``edits`` times, and time each rebuild.

    Each edit writes a new title and polls the measure's page until it shows
    that title. Then ``memory_edits`` more edits follow, and the server's
    memory is read after the first and after the last edit.

    Returns:
        ``visible_seconds``: median time from writing the file until the page shows the new title;
        ``visible_runs``: every edit's time; ``seconds``: median until MkDocs' "Reloading browsers";
        ``startup_seconds``: from starting the server until it serves;
        ``rss_first_mb``, ``rss_last_mb``, ``peak_mb``, ``edits_total``: the server's memory.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
        "--config-file",
        str(ROOT / "mkdocs.yml"),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=child_env(data_dir),
        cwd=ROOT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    log: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put((time.perf_counter(), line))

    def wait_for(text: str, after: float, deadline: float) -> tuple[float, str]:
        while time.perf_counter() < deadline:
            try:
                at, line = lines.get(timeout=0.2)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            log.append(line)
            if "ERROR" in line:
                raise RuntimeError("mkdocs serve meldt een fout:\n" + "".join(log[-20:]))
            if text in line and at >= after:
                return at, line
        raise RuntimeError(f"mkdocs serve: '{text}' kwam niet binnen de tijd:\n" + "".join(log[-20:]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.perf_counter() + timeout
        _, serving = wait_for("Serving on", started, deadline)
        # MkDocs serves under the path of site_url (e.g. /actieplan/) and redirects everything else there.
        found = re.search(r"Serving on (http://\S+)", serving)
        base = found.group(1).rstrip("/") + "/" if found else base
        while _get(base)[0] != 200:
            if time.perf_counter() > deadline:
                raise RuntimeError("mkdocs serve antwoordt niet")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        target = sorted((data_dir / "maatregelen").glob("*.yml"))[0]
        page = base + f"maatregelen/{target.stem.lower()}/"
        if _get(page)[0] != 200:
            raise RuntimeError(f"mkdocs serve toont {page} niet")
        original = target.read_text(encoding="utf-8")
        if not re.search(r"^titel: ", original, flags=re.MULTILINE):
            raise RuntimeError(f"geen titel gevonden in {target}")
        visible_runs: list[float] = []
        reload_runs: list[float] = []
        rss_first = 0.0
        for number in range(1, edits + memory_edits + 1):
            marker = f"Gewijzigd voor meting {number}"
            changed = re.sub(r"^titel: ", f"titel: {marker} ", original, count=1, flags=re.MULTILINE)
            time.sleep(1.0)  # let the file watcher and the search index of the last build settle
            while not lines.empty():
                log.append(lines.get()[1])
            changed_at = time.perf_counter()
            target.write_text(changed, encoding="utf-8")
            visible = None
            while visible is None and time.perf_counter() < changed_at + 120:
                if marker in _get(page)[1]:
                    visible = time.perf_counter()
                else:
                    time.sleep(0.02)
            if visible is None:
                raise RuntimeError(f"de pagina toonde '{marker}' niet binnen twee minuten:\n" + "".join(log[-20:]))
            reloaded, _ = wait_for("Reloading browsers", changed_at, time.perf_counter() + timeout)
            if number <= edits:
                visible_runs.append(visible - changed_at)
                reload_runs.append(reloaded - changed_at)
            if number == 1:
                rss_first = _rss_mb(proc.pid)[0]
        rss_last, peak = _rss_mb(proc.pid)
        return {
            "visible_seconds": statistics.median(visible_runs),
            "visible_runs": [round(value, 3) for value in visible_runs],
            "seconds": statistics.median(reload_runs),
            "startup_seconds": startup,
            "changed_file": target.name,
            "partial": sum("Alleen wat veranderde" in line for line in log),
            "edits_total": edits + memory_edits,
            "rss_first_mb": round(rss_first, 1),
            "rss_last_mb": round(rss_last, 1),
            "peak_mb": round(peak, 1),
        }
    finally:
        _stop(proc)
        reader.join(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def _stop(proc: subprocess.Popen[str]) -> None:
    """Stop the server we started: Ctrl-C first (MkDocs shuts down cleanly), then harder."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- A reader's first visit ---------------------------------------------------


def serve_folder(folder: Path) -> contextlib.AbstractContextManager[str]:
    """A static server for ``folder`` on 127.0.0.1 that gzips like a static host; yields its base URL."""
    return serve(folder, gzip=True)


def first_visit(site: Path, settle_ms: int = 2000, browser: Any = None) -> dict[str, Any] | None:
    """What a first visit to the home page transfers, measured in Chromium (None when there is no browser).

    Sums, over every request the page and its workers make until the network
    is idle, the compressed response bodies and the response headers.
    ``browser`` is a running Playwright browser to use (the tests share one);
    without it, chromium is started for this measurement.
    """
    if browser is None:
        if not have_browser():
            return None
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return None
        with sync_playwright() as playwright:
            own = launch(playwright)
            try:
                return first_visit(site, settle_ms, own)
            finally:
                own.close()
    with serve_folder(site) as base:
        context = browser.new_context()
        try:
            requests: list[Any] = []
            context.on("requestfinished", lambda request: requests.append(request))
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            page.wait_for_timeout(settle_ms)
            rows = []
            for request in requests:
                sizes = request.sizes()
                response = request.response()
                try:
                    unpacked = len(response.body()) if response else 0
                except Exception:
                    unpacked = 0
                rows.append(
                    {
                        "url": request.url.removeprefix(base),
                        "type": request.resource_type,
                        "transfer": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                        "body": sizes["responseBodySize"],
                        "unpacked": unpacked,
                    }
                )
        finally:
            context.close()
    other_hosts = [row["url"] for row in rows if row["url"].startswith(("http://", "https://"))]
    return {
        "transfer_bytes": sum(row["transfer"] for row in rows),
        "unpacked_bytes": sum(row["unpacked"] for row in rows),
        "requests": len(rows),
        "other_hosts": len(other_hosts),
        "search_index_loaded": any(
            row["url"].endswith("search_index.json") or "/pagefind/" in row["url"] or row["url"].startswith("pagefind/")
            for row in rows
        ),
        "largest": sorted(
            ({"url": row["url"], "transfer_bytes": row["transfer"]} for row in rows),
            key=lambda row: -row["transfer_bytes"],
        )[:5],
    }
