"""The benchmark's first visit (bench/measure.py), measured in the shared chromium on a small generated plan."""

from __future__ import annotations

import pytest

from bench import measure, run
from macros.dev.generate import Size, write_plan
from tests.helpers import ROOT

pytestmark = pytest.mark.browser


def test_first_visit_is_measured_without_other_hosts(browser, tmp_path):
    write_plan(tmp_path / "data", Size.proportional(5), 1)
    measure.build_site(ROOT / "mkdocs.yml", tmp_path / "site", tmp_path / "data").check("de bouw")
    visit = run.measure_first_visit(tmp_path / "site", 5, browser=browser)
    assert visit is not None and visit["measures"] == 5
    assert visit["transfer_bytes"] > 0 and visit["requests"] > 0
    assert visit["other_hosts"] == 0
