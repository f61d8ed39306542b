"""mkdocs-macros entry point for the action-plan site.

``define_env`` only wires things together: it loads the validated plan (and
the figures of `make bench`) once per build, registers the page macros from
:mod:`macros.views`, and schedules the exports. All logic lives in the
modules it imports.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import PlanInvalid, render_text
from .plan import load_plan
from .schema import load_schemas

if TYPE_CHECKING:
    from .render import Renderer

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

    from .benchmark import BenchmarkInvalid, load_results
    from .render import Renderer
    from .views import VIEWS

    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    data_dir = data_dir_for(project_dir)
    try:
        plan, report = load_plan(data_dir, shown_root=project_dir)
    except PlanInvalid as invalid:
        # The same Dutch lines as `actieplan validate`, then a clean stop
        # before MkDocs touches site/.
        for line in render_text(invalid.report).splitlines():
            log.error(line)
        raise PluginError(str(invalid)) from None
    for finding in report.warnings:
        log.info("waarschuwing: %s", finding)

    try:
        benchmark = load_results(project_dir)
    except BenchmarkInvalid as invalid:
        log.error(str(invalid))
        raise PluginError(str(invalid)) from None
    renderer = Renderer(plan, benchmark=benchmark)
    env.variables["plan"] = plan
    env.variables["programma"] = {"naam": plan.programme.name, "volledige_naam": plan.programme.full_name,
                                  "ministerie": plan.programme.ministry}
    for name, view in VIEWS.items():
        env.macro(_bind(view, renderer, env), name)


def _bind(view: Any, renderer: Renderer, env: Any) -> Any:
    """A macro that renders ``view`` for the page being rendered."""

    @functools.wraps(view)
    def macro(*args: Any, **kwargs: Any) -> Any:
        return view(renderer, env.page.url, *args, **kwargs)

    return macro


def on_post_build(env: Any) -> None:
    """Publish the JSON Schemas next to the site, so editors and re-users can fetch them."""
    target = Path(env.conf["site_dir"]) / "data" / "schema"
    target.mkdir(parents=True, exist_ok=True)
    # Serialised from the schemas the validator compiled: what is published is what was checked.
    for name, contents in sorted(load_schemas().raw.items()):
        (target / name).write_text(json.dumps(contents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
