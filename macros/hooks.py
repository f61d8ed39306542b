"""MkDocs hooks (``hooks:`` in mkdocs.yml): add the generated record pages.

MkDocs loads this file by its path, after the plugins, so the ``on_files``
here runs when the macros plugin has already loaded and validated the plan
in its ``on_config`` (``define_env`` puts it in ``variables["plan"]``). The
plan is taken from there: the data is never read a second time.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.record_pages import record_pages


def on_files(files: Files, config: Any) -> Files:
    """Add a virtual Markdown file per measure and per organisation."""
    plan = config.plugins["macros"].variables["plan"]
    for page in record_pages(plan):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and existing.generated_by is None:
            raise PluginError(f"docs/{page.src_uri}: deze pagina wordt gemaakt uit de gegevens — "
                              f"haal het bestand weg; pas de tekst aan in data/")
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files
