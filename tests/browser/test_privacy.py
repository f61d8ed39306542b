"""Readers are not leaked to anyone: on every page no request to another host, no cookie."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# What Material keeps in the browser's own storage: the palette the reader
# chose (light or dark), under the path of the site; and, for the version
# selector, for this tab only (sessionStorage), whether the version read is an
# older one. Nothing leaves the device.
ALLOWED_STORAGE = re.compile(r"^(/[^ ]*\.__palette|session:/[^ ]*\.__outdated)$")


def test_no_request_to_any_other_host(audit):
    problems = [f"{page.path}: {url}" for page in audit.pages for url in page.requests]
    assert not problems, "\n".join(problems)


def test_every_request_of_every_page_succeeds(audit):
    problems = [f"{page.path}: {failure}" for page in audit.pages for failure in page.failed_requests]
    assert not problems, "\n".join(problems)


def test_no_page_sets_a_cookie(audit):
    problems = [f"{page.path}: {cookie}" for page in audit.pages for cookie in page.cookies]
    assert not problems, "\n".join(problems)


def test_the_browser_storage_holds_only_the_palette_choice(audit):
    problems = [f"{page.path}: {key}" for page in audit.pages for key in page.storage if not ALLOWED_STORAGE.match(key)]
    assert not problems, "\n".join(problems)
    assert any(page.storage for page in audit.pages), "de keuze voor licht of donker zou bewaard moeten zijn"
