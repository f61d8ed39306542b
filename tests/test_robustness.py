"""Bad input never breaks the site, never publishes half, and never loses a value silently."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from macros.pipeline import load_plan, validate
from macros.site.render import Renderer
from macros.views import VIEWS
from tests.helpers import CASES, FIXTURE_DATA, ROOT, apply_case, copy_fixture_data, edit

MKDOCS_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions of mkdocs.yml, as the build uses it."""
    names, configs = [], {}
    for item in MKDOCS_CONFIG["markdown_extensions"]:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if config:
            configs[name] = {k: v for k, v in config.items() if k != "permalink"}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _make(site_dir: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "ACTIEPLAN_DATA": str(data_dir), "HOME": str(Path.home())}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "build", f"SITE_DIR={site_dir}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "mkdocs").exists(), reason="make build needs the project's .venv")
def test_failed_make_build_leaves_previous_site_untouched(tmp_path):
    data = tmp_path / "data"
    copy_fixture_data(data)
    site = tmp_path / "site"
    ok = _make(site, data)
    assert ok.returncode == 0, ok.stderr
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    index = (site / "index.html").read_bytes()

    apply_case(next(c for c in CASES if c["naam"] == "dubbele-sleutel"), data)
    failed = _make(site, data)
    assert failed.returncode != 0
    assert "data/maatregelen/M01.yml:12: status: de sleutel 'status' staat twee keer" in failed.stderr + failed.stdout
    assert "Traceback" not in failed.stderr + failed.stdout
    assert "site/ is niet veranderd" in failed.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert (site / "index.html").read_bytes() == index
    assert not (tmp_path / "site.new").exists()


@pytest.mark.parametrize("name", ["tab-als-inspringing", "onbekende-organisatie", "meer-toegekend-dan-begroot"])
def test_mkdocs_build_fails_with_the_validate_messages(tmp_path, name):
    case = next(c for c in CASES if c["naam"] == name)
    data = tmp_path / "data"
    copy_fixture_data(data)
    apply_case(case, data)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "ACTIEPLAN_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "jinja2" not in output.lower()
    for expected in case["verwacht"]:
        # The build names files relative to the folder of mkdocs.yml; the data
        # lives elsewhere here, so compare from the file name on.
        assert expected.split("data/", 1)[1] in output


def test_markdown_and_html_in_data_text_are_shown_literally(tmp_path):
    """Data text fields are plain text: no Markdown, no HTML (documented on 'Gegevens schrijven')."""
    data = tmp_path / "data"
    copy_fixture_data(data)
    measure = data / "maatregelen" / "M01.yml"
    edit(
        measure,
        "samenvatting: Eén plek waar iedereen met vragen terecht kan.",
        'samenvatting: "**vet** en [link](javascript:alert(1)) en <b>html</b> & meer"',
    )
    plan, _ = load_plan(data)
    html = _markdown().convert(
        Renderer(plan).render(
            "maatregelen.html.jinja", "", measures=list(plan.measures.values()), action_count=len(plan.actions)
        )
    )
    assert "**vet** en [link](javascript:alert(1)) en &lt;b&gt;html&lt;/b&gt; &amp; meer" in html
    assert "<strong>vet" not in html and 'href="javascript' not in html and "<b>html" not in html


# Text that YAML can carry: everything but surrogates (which UTF-8 cannot encode).
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


@pytest.fixture(scope="module", name="hyp_data")
def fixture_hyp_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("hyp") / "data"
    copy_fixture_data(data)
    return data


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, summary=_TEXT)
def test_any_unicode_text_is_refused_clearly_or_escaped_on_the_page(hyp_data, title, summary):
    path = hyp_data / "maatregelen" / "M01.yml"
    record = yaml.safe_load((FIXTURE_DATA / "maatregelen" / "M01.yml").read_text(encoding="utf-8"))
    record["titel"], record["samenvatting"] = title, summary
    path.write_text(yaml.safe_dump(record, allow_unicode=False, sort_keys=False), encoding="utf-8")

    if _has_control(title) or _has_control(summary):
        _, report = validate(hyp_data)
        assert [f.rule for f in report.errors] and {f.rule for f in report.errors} == {"stuurteken"}
        return
    plan, _ = load_plan(hyp_data)
    assert plan.measures["M01"].title == title and plan.measures["M01"].summary == summary
    renderer = Renderer(plan)
    page = _markdown().convert(VIEWS["maatregelen"](renderer, "ogw/stap-4-maatregelen/"))
    flat = " ".join(page.split())
    for text in (title, summary):
        assert " ".join(str(escape(text)).split()) in flat


_FAKE_BUILD = """
import pathlib, sys, time
site = pathlib.Path(sys.argv[sys.argv.index("--site-dir") + 1])
for number in range(20):
    (site / f"page{number}.html").write_text(sys.argv[1])
    time.sleep(0.02)
(site / "index.html").write_text(sys.argv[1])
"""


def test_two_builds_at_once_both_end_with_a_complete_site(tmp_path):
    """Audit M5: two concurrent builds left no site/ in 4 of 6 tries, and both said they succeeded."""
    site = tmp_path / "site"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "macros.dev.sitebuild", str(site), "--", sys.executable, "-c", _FAKE_BUILD, name],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("een", "twee")
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("De site staat in site/." in out for out, _ in outputs)
    assert sum("deze build wacht" in err for _, err in outputs) == 1
    written = {p.read_text() for p in site.glob("*.html")}
    assert len(list(site.glob("*.html"))) == 21 and len(written) == 1  # one whole build, not a mix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"]


def test_the_swap_never_leaves_a_moment_without_a_site(tmp_path):
    """Audit L13: the swap was two renames; now the folders change places in one step."""
    import threading

    from macros.dev.sitebuild import exchange

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0")
    missing = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not (site / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(200):
            new = tmp_path / f"new{number}"
            new.mkdir()
            (new / "index.html").write_text(str(number))
            exchange(new, site)
            shutil.rmtree(new)
    finally:
        stop.set()
        watcher.join()
    assert (site / "index.html").read_text() == "199"
    assert not missing


def test_a_failed_build_leaves_the_site_and_no_folder_behind(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("oud")
    result = subprocess.run(
        [sys.executable, "-m", "macros.dev.sitebuild", str(site), "--", sys.executable, "-c", "raise SystemExit(1)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "De site is niet gebouwd; site/ is niet veranderd." in result.stderr
    assert (site / "index.html").read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"]
