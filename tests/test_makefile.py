"""The Makefile checks VERSION and ALIAS while it is read, and recipes take them from the environment.

``publish.yml`` hands make a tag name, and git allows ``$ ( ) ; | " '`` in tag
names; a command line can also carry ``$(shell ...)``, which make itself
would expand. Neither may run anything.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import ROOT, child_env

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

BAD_VERSIONS = [
    'x";touch {proof};"',
    "x';touch {proof};'",
    "$(shell touch {proof})",
    "`touch {proof}`",
    "2024-06;touch {proof}",
    "2024-06 $(touch {proof})",
    "2024-6",
    "20245-06",
    "2024-06-",
    "2024--06",
    "-2024-06",
    "2024-06-Concept",
    "2024-06-a-b",
    "Werkversie",
]


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("target", ["release", "publish", "pdf", "build"])
@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_a_bad_version_is_refused_before_anything_runs(target, version, tmp_path):
    proof = tmp_path / "bewijs"
    result = make(target, f"VERSION={version.format(proof=proof)}")
    assert result.returncode == 2
    assert "is geen versie. Een versie is een jaar en een maand" in result.stderr
    assert result.stdout == ""
    assert not proof.exists()


@pytest.mark.parametrize("alias", ['latest";touch {proof};"', "$(shell touch {proof})", "--help", "Latest"])
def test_a_bad_alias_is_refused(alias, tmp_path):
    proof = tmp_path / "bewijs"
    result = make("publish", "VERSION=2024-06", f"ALIAS={alias.format(proof=proof)}")
    assert result.returncode == 2
    assert "is geen geldige naam" in result.stderr
    assert not proof.exists()


@pytest.mark.parametrize("version", ["2024-06", "2023-06-concept", "werkversie"])
def test_a_good_version_reaches_recipes_only_through_the_environment(version):
    result = make("-n", "publish", f"VERSION={version}", "ALIAS=latest")
    assert result.returncode == 0, result.stderr
    recipe = "\n".join(line for line in result.stdout.splitlines() if "Gebruik:" not in line)
    assert (
        '/.venv/bin:$PATH" .venv/bin/mike deploy --update-aliases --title "$(.venv/bin/actieplan versie-titel "$VERSION")" "$VERSION"'
        in recipe
    )
    assert version not in recipe.replace("actieplan werkversie", "") and "latest" not in recipe


def test_the_makefile_pastes_no_version_into_a_recipe():
    recipes = [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if line.startswith("\t")]
    pasted = [line for line in recipes if "$(VERSION)" in line or "$(ALIAS)" in line or "PDF_VERSION" in line]
    assert not pasted


def test_release_with_a_good_version_runs():
    """Not only refusals: a listed version is frozen by ``make release`` as before (dry run: the command it runs)."""
    result = make("-n", "release", "VERSION=2024-06")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == '.venv/bin/actieplan release "$VERSION"'
