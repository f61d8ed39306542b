"""Settings of one build that are not plan data: the repository, the plan version, the moment.

The GitHub repository is one constant, ``extra.repository`` in mkdocs.yml.
Every link to GitHub (edit a page, open an issue form, a pull request, a
commit) is built here from it. They are plain links: the site never asks
GitHub for anything while a page loads (no ``repo_url``, which would make
Material call ``api.github.com``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

__all__ = ["ERROR_FORM", "REACTION_FORM", "SECURITY_TXT", "BadSettings", "SiteSettings", "mailto", "security_txt"]

#: The issue forms in .github/ISSUE_TEMPLATE/ that the site links to.
REACTION_FORM = "reactie.yml"
ERROR_FORM = "fout-melden.yml"

_REPOSITORY = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")


class BadSettings(ValueError):
    """A setting in mkdocs.yml that cannot be used; the message is Dutch."""


SECURITY_TXT = ".well-known/security.txt"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SiteSettings:
    """What links and time-dependent parts of the site need to know.

    Attributes:
        repository: ``owner/name`` on GitHub.
        branch: the branch pages are edited on.
        site_url: the published address, ending in ``/``.
        plan_version: the version of the plan this build shows (prefilled in reaction forms).
        now: the moment of the build (see :mod:`macros.clock`).
    """

    repository: str
    branch: str = "main"
    site_url: str
    plan_version: str
    now: dt.datetime

    @classmethod
    def from_config(cls, conf: Mapping[str, Any], now: dt.datetime, plan_version: str) -> SiteSettings:
        """Read ``extra.repository`` and ``extra.branch`` from the MkDocs config.

        ``plan_version`` is the id of the version this build publishes (data/versies.yml).
        """
        extra = conf.get("extra") or {}
        repository = str(extra.get("repository") or "")
        if not _REPOSITORY.match(repository):
            raise BadSettings(
                f"mkdocs.yml: extra.repository: '{repository}' is geen GitHub-repository — "
                "schrijf eigenaar/naam, bijvoorbeeld samen-tegen-mensenhandel/actieplan"
            )
        site_url = str(conf.get("site_url") or "")
        return cls(
            repository=repository,
            branch=str(extra.get("branch") or "main"),
            site_url=site_url if site_url.endswith("/") else site_url + "/",
            plan_version=plan_version,
            now=now,
        )

    @property
    def github_url(self) -> str:
        return f"https://github.com/{self.repository}"

    @property
    def vulnerability_report_url(self) -> str:
        """GitHub's private vulnerability reporting for the repository (only the maintainers read it)."""
        return f"{self.github_url}/security/advisories/new"

    @property
    def security_txt_url(self) -> str:
        """The published address of security.txt (RFC 9116), in ``.well-known/`` of the site."""
        return self.site_url + SECURITY_TXT

    def page_url(self, page_url: str) -> str:
        """The published address of a page (``ogw/`` → ``https://…/actieplan/ogw/``)."""
        return self.site_url + page_url

    def edit_url(self, path: str) -> str:
        """Edit a file of the repository on GitHub, such as ``docs/begroting.md`` or
        ``data/maatregelen/M01.yml`` (GitHub offers a fork to people without write access)."""
        return f"{self.github_url}/edit/{self.branch}/{quote(path)}"

    def file_url(self, path: str) -> str:
        """Read a file of the repository on GitHub, such as CONTRIBUTING.md."""
        return f"{self.github_url}/blob/{self.branch}/{quote(path)}"

    def issue_form_url(self, form: str, title: str = "", fields: Mapping[str, str] | None = None) -> str:
        """Open an issue form with fields filled in (GitHub fills a field from the query parameter with its id)."""
        query = {"template": form}
        if title:
            query["title"] = title
        query.update({k: v for k, v in (fields or {}).items() if v})
        return f"{self.github_url}/issues/new?{urlencode(query, quote_via=quote)}"

    def new_file_url(self, path: str, value: str) -> str:
        """GitHub's web editor for a new file at ``path`` with ``value`` in it (saving it proposes a pull request)."""
        return f"{self.github_url}/new/{self.branch}?{urlencode({'filename': path, 'value': value}, quote_via=quote)}"

    def change_url(self, change: str) -> str:
        """The link for a change in the data: ``#12`` is a pull request, a hex hash a commit, else a URL."""
        if change.startswith("#"):
            return f"{self.github_url}/pull/{change[1:]}"
        if _COMMIT.match(change):
            return f"{self.github_url}/commit/{change}"
        return change


def security_txt(site: SiteSettings, days_valid: int = 180) -> str:
    """The text of ``.well-known/security.txt`` (RFC 9116): where to report, until when it holds, in which languages.

    ``Expires`` counts from the moment of the build, not the clock, so two builds of one commit agree.
    """
    expires = (site.now + dt.timedelta(days=days_valid)).astimezone(dt.UTC).replace(microsecond=0)
    fields = [
        ("Contact", site.vulnerability_report_url),
        ("Expires", expires.isoformat().replace("+00:00", "Z")),
        ("Preferred-Languages", "nl, en"),
        ("Canonical", site.security_txt_url),
        ("Policy", site.page_url("over/kwetsbaarheid-melden/")),
    ]
    return "".join(f"{name}: {value}\n" for name, value in fields)


def mailto(address: str, subject: str) -> str:
    """A ``mailto:`` link with the subject filled in, built from its parts (RFC 6068).

    The address is percent-encoded (only the ``@`` stays), so even an address the schema
    let through could never add a header such as ``?bcc=``: the only header is the subject.
    """
    return f"mailto:{quote(address, safe='@')}?{urlencode({'subject': subject}, quote_via=quote)}"
