"""mkdocs-macros entry point for the action-plan site.

``define_env`` wires things together: it takes the validated plan from the
cache (and the figures of `make bench`), hands the theme its parts, and
registers the page macros of :data:`macros.views.VIEWS`; ``on_post_build``
writes the open data and the feed (:mod:`macros.outputs.publish`). All logic
lives in the modules they import.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data.findings import PlanInvalid, render_text
from macros.pipeline import data_dir, load_plan_cached

if TYPE_CHECKING:
    from macros.site.render import Renderer

__all__ = ["broken_data", "data_dir_for", "define_env", "on_post_build", "on_pre_page_macros", "set_serving"]

log = logging.getLogger("mkdocs.plugins.actieplan")

#: The state of ``mkdocs serve`` across rebuilds: whether it serves, and the findings
#: (as ``actieplan validate`` prints them) while the data is invalid.
_serve: dict[str, Any] = {"serving": False, "broken": None}


@functools.cache
def _serve_log() -> logging.Logger:
    """A logger that prints like MkDocs ("ERROR   -  …") but is not counted by its strict mode."""
    logger = logging.getLogger("actieplan.serve")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.propagate = False
    return logger


def set_serving(serving: bool) -> None:
    """Called by the hook's ``on_startup``: under ``mkdocs serve`` bad data gives an error page, not a stop."""
    _serve["serving"] = serving


def broken_data() -> str | None:
    """The findings while ``mkdocs serve`` shows the error page instead of the site, else None."""
    broken: str | None = _serve["broken"]
    return broken


def data_dir_for(project_dir: Path) -> Path:
    """The data folder of the site in ``project_dir`` (see :func:`macros.pipeline.data_dir`)."""
    return data_dir(project_dir=project_dir)


def define_env(env: Any) -> None:
    """Load the plan and register the macros (called by mkdocs-macros on every build).

    Cheap and idempotent: the plan and the snapshots come from a cache keyed by
    the data files' times (:func:`macros.pipeline.load_plan_cached`), so a
    theme that calls this for every page does not validate the data again.
    """
    # The site machinery is imported here rather than at the top: `actieplan validate`
    # imports this package as well, and MkDocs, Jinja and the views would cost it a
    # tenth of a second it does not need.
    from mkdocs.exceptions import PluginError

    from macros.clock import BadMoment, build_moment
    from macros.history.snapshots import current_version, load_snapshots
    from macros.site.accessibility import AccessibilityStatement
    from macros.site.render import Renderer
    from macros.site.settings import BadSettings, SiteSettings
    from macros.site.theme import ThemeParts, download
    from macros.views import VIEWS
    from macros.views.performance import BenchmarkInvalid, load_results

    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    folder = data_dir_for(project_dir)
    try:
        # Under serve, unchanged files are not parsed again on the next edit (macros.data.catalog.FileMemo).
        plan, report = load_plan_cached(folder, shown_root=project_dir, remember=_serve["serving"])
        version = current_version(plan)
        snapshots = load_snapshots(folder, plan, shown_root=project_dir)
    except PlanInvalid as invalid:
        # The same Dutch lines as `actieplan validate` (warnings as warnings), then a clean
        # stop before MkDocs touches site/; under `mkdocs serve` an error page instead.
        warnings = {str(f) for f in invalid.report.warnings}
        # Under serve, outside MkDocs' loggers: strict mode would count the lines and stop the server's build.
        out = _serve_log() if _serve["serving"] else log
        for line in render_text(invalid.report).splitlines():
            (out.warning if line in warnings else out.error)(line)
        if not _serve["serving"]:
            raise PluginError(str(invalid)) from None
        _serve["broken"] = render_text(invalid.report)
        env.conf["extra"].pop("actieplan", None)
        for name in VIEWS:
            env.macro(_nothing, name)  # every page becomes the error page (macros/hooks.py)
        return
    _serve["broken"] = None
    for finding in report.warnings:
        log.info("waarschuwing: %s", finding)

    try:
        moment = build_moment(os.environ)
        if _serve["serving"]:
            # One moment for a whole `mkdocs serve` session (the clock's, unless ACTIEPLAN_NU or
            # SOURCE_DATE_EPOCH fix it, as `make serve` does): otherwise every rebuild would have
            # another moment, and an edit would render every page again (macros/site/incremental.py).
            moment = _serve.setdefault("moment", moment)
        site = SiteSettings.from_config(env.conf, moment, version.version.id)
        accessibility = AccessibilityStatement.from_config(env.conf, site.now)
        benchmark = load_results(project_dir)
    except (BadMoment, BadSettings, BenchmarkInvalid) as err:
        log.error(str(err))
        raise PluginError(str(err)) from None
    log.info("moment van de bouw: %s", site.now.isoformat(timespec="minutes"))

    from macros.prose import site_scores

    # The B1 scores of the written pages, for the page "Taal op deze site".
    readability = site_scores(Path(env.conf["docs_dir"]))
    renderer = Renderer(
        plan,
        site=site,
        snapshots=snapshots,
        version=version.version,
        benchmark=benchmark,
        readability=readability,
        accessibility=accessibility,
    )
    # `make pdf` puts the PDF of this version in docs/pdf/; when it is there, every page links it.
    pdf = f"pdf/actieplan-{version.version.id}.pdf"
    # A concept also comes as an ODT (make pdf), for readers who mark it up offline.
    found = [
        download(env.conf["docs_dir"], pdf, "Het hele actieplan als PDF"),
        download(env.conf["docs_dir"], f"pdf/actieplan-{version.version.id}.odt", "Het concept om in te werken (ODT)")
        if version.version.status == "concept"
        else None,
    ]
    # The theme (overrides/main.html, the footer, the PDF cover) asks this object for
    # the version and consultation banners, the per-page links and the documents.
    env.conf["extra"]["actieplan"] = ThemeParts(
        renderer,
        version=version.for_theme(),
        pdf=pdf if found[0] else None,
        downloads=tuple(d for d in found if d is not None),
    )
    env.variables["plan"] = plan
    env.variables["programma"] = {
        "naam": plan.programme.name,
        "volledige_naam": plan.programme.full_name,
        "ministerie": plan.programme.ministry,
    }
    # Plain values for written pages ({{ links.kwetsbaarheid_melden }}), made from the one repository constant.
    env.variables["links"] = {
        "kwetsbaarheid_melden": site.vulnerability_report_url,
        "security_txt": site.security_txt_url,
    }
    for name, view in VIEWS.items():
        env.macro(_bind(view, renderer), name)


def _nothing(*args: Any, **kwargs: Any) -> str:
    return ""


def _bind(view: Any, renderer: Renderer) -> Any:
    """A macro that renders ``view`` for the page being rendered.

    The page comes from the template context (mkdocs-macros puts ``page`` there),
    not from ``env.page``, so the macro holds no state between pages.
    """
    import jinja2
    from markupsafe import Markup

    from macros.site.rawhtml import raw_block

    @jinja2.pass_context
    @functools.wraps(view)
    def macro(context: Any, *args: Any, **kwargs: Any) -> Any:
        # Between the markers, Markdown keeps the block as it is instead of parsing it (macros/site/rawhtml.py).
        return Markup(raw_block(view(renderer, context["page"].url, *args, **kwargs)))

    return macro


def on_pre_page_macros(env: Any) -> None:
    """Before a page renders: refuse anything but macro calls and plain variables, and render in a sandbox.

    mkdocs-macros makes its Jinja environment after ``define_env``, so the
    sandbox (:func:`macros.site.sandbox.sandboxed`) replaces it here, before
    the first page. A page with other code stops the build with its file and
    line (:func:`macros.site.sandbox.check_page`), before anything in it runs.
    """
    if _serve["broken"] is not None:
        # While `mkdocs serve` shows the error page, no page's Markdown is rendered (it needs the plan).
        env.markdown = ""
        return

    from mkdocs.exceptions import PluginError

    from macros.site.sandbox import check_page, sandboxed
    from macros.views import VIEWS

    env._env = sandboxed(env.env)
    page = env.page
    name = f"{Path(env.conf['docs_dir']).name}/{page.file.src_uri}"
    findings = check_page(name, page.file.content_string, env.markdown, page.title, env.env, VIEWS)
    if findings:
        for finding in findings:
            log.error(str(finding))
        raise PluginError(
            f"{name}: de bouw is gestopt. Een pagina in docs/ is tekst: "
            "alleen de macro's van het actieplan en gewone variabelen worden uitgevoerd."
        )


def on_post_build(env: Any) -> None:
    """Publish the open data, the Atom feed and the JSON Schemas (``actieplan exporteer`` does the same), and security.txt."""
    from macros.outputs.publish import write_outputs
    from macros.site.settings import SECURITY_TXT, security_txt

    if _serve["broken"] is not None:
        return  # no plan to publish while `mkdocs serve` shows the error page
    from macros.site.incremental import defer, outputs_current

    site_dir = Path(env.conf["site_dir"])
    if not outputs_current():  # a partial build under serve after an edit of docs/ only: the same plan
        plan, url, name = env.variables["plan"], env.conf["site_url"] or "", env.conf["site_name"]

        def publish() -> None:
            write_outputs(plan, site_dir, url, name)

        # Under serve, after a partial build: once the edited page is served (macros/site/incremental.py).
        if not defer(publish):
            publish()
    target = site_dir / SECURITY_TXT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(security_txt(env.conf["extra"]["actieplan"].site), encoding="utf-8")
