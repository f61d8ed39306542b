"""Every file a build writes from the plan besides the pages: open data, the feed and the source schemas.

Called by ``on_post_build`` and by ``actieplan exporteer SITE_DIR``, so the
files can also be written without MkDocs' build hooks.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros.data.schema import load_schemas
from macros.model.records import Plan
from macros.outputs.annex import write_annexes
from macros.outputs.exports import EXPORT_DIR, write_exports
from macros.outputs.feed import write_feed, write_measure_feeds
from macros.site.render import Renderer

__all__ = ["write_outputs"]


def write_outputs(plan: Plan, site_dir: Path, site_url: str, site_name: str) -> list[Path]:
    """Write the exports, ``feed.xml`` and the published schemas into ``site_dir``; returns the files written."""
    written = write_exports(plan, site_dir / EXPORT_DIR)
    renderer = Renderer(plan)
    written.append(write_feed(renderer, site_dir, site_url, site_name))
    written += write_measure_feeds(renderer, site_dir, site_url, site_name)
    written += write_annexes(plan, site_dir)
    target = site_dir / EXPORT_DIR / "schema"
    target.mkdir(parents=True, exist_ok=True)
    # Serialised from the schemas the validator compiled: what is published is what was checked.
    for name, contents in sorted(load_schemas().raw.items()):
        (target / name).write_text(json.dumps(contents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(target / name)
    return written
