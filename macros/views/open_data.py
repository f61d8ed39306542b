"""The Open data page: per export its files and a table of its fields, and the source schemas."""

from __future__ import annotations

from markupsafe import Markup

from macros.data.schema import load_schemas
from macros.model.records import Plan
from macros.outputs.exports import EXPORT_DIR, EXPORTS, Column, csv_header
from macros.site.render import Renderer

__all__ = ["EXPORT_VIEWS", "field_rows", "open_data_fields", "source_schemas"]


def field_rows(columns: tuple[Column, ...], prefix: str = "") -> list[tuple[str, Column]]:
    """Every field with its path, nested ones after their list: ``rapportages[].acties[].status``."""
    rows = []
    for column in columns:
        rows.append((prefix + column.name, column))
        rows += field_rows(column.fields, f"{prefix}{column.name}[].")
    return rows


def open_data_fields(r: Renderer, page_url: str) -> Markup:
    """Per export: links to its files, the number of CSV rows and a table of its fields (and of its CSV columns when they differ)."""
    plan: Plan = r.plan
    kinds = [
        (kind, len(kind.rows(plan)), field_rows(kind.columns), field_rows(kind.csv_columns), csv_header(kind, plan))
        for kind in EXPORTS
    ]
    return r.render("open_data.html.jinja", page_url, kinds=kinds, folder=EXPORT_DIR)


def source_schemas(r: Renderer, page_url: str) -> Markup:
    """Links to the published JSON Schemas of the YAML data files."""
    # The same (cached) set that on_post_build publishes; compiled once per process.
    names = sorted(load_schemas().raw)
    return r.render("open_data_bronschemas.html.jinja", page_url, names=names, folder=f"{EXPORT_DIR}/schema")


#: Macro name → view, merged into :data:`macros.views.ogw.VIEWS`.
EXPORT_VIEWS = {"open_data_velden": open_data_fields, "open_data_bronschemas": source_schemas}
