"""mkdocs-macros entry point for the action-plan site.

``define_env`` only wires things together: it loads the validated plan (and
the figures of `make bench`) once per build, registers the page macros from
:mod:`macros.views.ogw`, and schedules the exports. All logic lives in the
modules it imports.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data.findings import PlanInvalid, render_text
from macros.data.schema import load_schemas
from macros.pipeline import load_plan

if TYPE_CHECKING:
    from macros.site.render import Renderer

__all__ = ["data_dir_for", "define_env", "on_post_build"]

log = logging.getLogger("mkdocs.plugins.actieplan")


def data_dir_for(project_dir: Path) -> Path:
    """The data folder: ``$ACTIEPLAN_DATA`` when set, else ``data/`` next to mkdocs.yml."""
    override = os.environ.get("ACTIEPLAN_DATA")
    return Path(override).resolve() if override else project_dir / "data"


def define_env(env: Any) -> None:
    """Load the plan and register the macros (called by mkdocs-macros on every build)."""
    # The site machinery is imported here rather than at the top: `actieplan validate`
    # imports this package as well, and MkDocs, Jinja and the views would cost it a
    # tenth of a second it does not need.
    from mkdocs.exceptions import PluginError

    from macros.clock import BadMoment, build_moment
    from macros.history.snapshots import current_version, load_snapshots
    from macros.site.render import Renderer
    from macros.site.settings import BadSettings, SiteSettings
    from macros.site.theme import ThemeParts
    from macros.views import VIEWS
    from macros.views.performance import BenchmarkInvalid, load_results

    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    data_dir = data_dir_for(project_dir)
    try:
        plan, report = load_plan(data_dir, shown_root=project_dir)
        version = current_version(plan)
        snapshots = load_snapshots(data_dir, plan, shown_root=project_dir)
    except PlanInvalid as invalid:
        # The same Dutch lines as `actieplan validate`, then a clean stop
        # before MkDocs touches site/.
        for line in render_text(invalid.report).splitlines():
            log.error(line)
        raise PluginError(str(invalid)) from None
    for finding in report.warnings:
        log.info("waarschuwing: %s", finding)

    try:
        site = SiteSettings.from_config(env.conf, build_moment(os.environ), version.version.id)
        benchmark = load_results(project_dir)
    except (BadMoment, BadSettings, BenchmarkInvalid) as err:
        log.error(str(err))
        raise PluginError(str(err)) from None
    log.info("moment van de bouw: %s", site.now.isoformat(timespec="minutes"))

    renderer = Renderer(plan, site=site, snapshots=snapshots, version=version.version, benchmark=benchmark)
    # `make pdf` puts the PDF of this version in docs/pdf/; when it is there, every page links it.
    pdf = f"pdf/actieplan-{version.version.id}.pdf"
    # The theme (overrides/main.html, the footer, the PDF cover) asks this object for
    # the version and consultation banners, the per-page links and the PDF link.
    env.conf["extra"]["actieplan"] = ThemeParts(
        renderer, version=version.for_theme(), pdf=pdf if (Path(env.conf["docs_dir"]) / pdf).is_file() else None
    )
    env.variables["plan"] = plan
    env.variables["programma"] = {
        "naam": plan.programme.name,
        "volledige_naam": plan.programme.full_name,
        "ministerie": plan.programme.ministry,
    }
    for name, view in VIEWS.items():
        env.macro(_bind(view, renderer, env), name)


def _bind(view: Any, renderer: Renderer, env: Any) -> Any:
    """A macro that renders ``view`` for the page being rendered."""

    from markupsafe import Markup

    from macros.site.rawhtml import raw_block

    @functools.wraps(view)
    def macro(*args: Any, **kwargs: Any) -> Any:
        # Between the markers, Markdown keeps the block as it is instead of parsing it (macros/rawhtml.py).
        return Markup(raw_block(view(renderer, env.page.url, *args, **kwargs)))

    return macro


def on_post_build(env: Any) -> None:
    """Publish the open data (every export in macros/export.py), the Atom feed and the JSON Schemas of the data files."""
    from macros.outputs.exports import EXPORT_DIR, write_exports
    from macros.outputs.feed import write_feed
    from macros.site.render import Renderer

    site_dir = Path(env.conf["site_dir"])
    plan = env.variables["plan"]
    write_exports(plan, site_dir / EXPORT_DIR)
    write_feed(Renderer(plan), site_dir, env.conf["site_url"] or "", env.conf["site_name"])
    target = site_dir / EXPORT_DIR / "schema"
    target.mkdir(parents=True, exist_ok=True)
    # Serialised from the schemas the validator compiled: what is published is what was checked.
    for name, contents in sorted(load_schemas().raw.items()):
        (target / name).write_text(json.dumps(contents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
