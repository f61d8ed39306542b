"""The whole plan as an OpenDocument text (``.odt``), made from the site's print page.

The open-standards list of the Dutch government asks for ODF for documents
people edit: respondents to a consultation mark up the concept offline. The
document is made from the same print page (``print_page/`` of a build with
``ACTIEPLAN_PDF=true``) that chromium prints to PDF, so it holds exactly the
text of the PDF and is never a second copy written by hand. Headings, paragraphs,
lists, tables and links are kept; scripts, forms, buttons, hidden parts and the
print page's table of contents (its page numbers mean nothing in an editor)
are left out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["AUTHOR", "render_odt"]

AUTHOR = "Programma Samen tegen mensenhandel, Ministerie van Justitie en Veiligheid"

_SKIP_TAGS = {"script", "style", "svg", "button", "input", "select", "textarea", "form", "nav", "template", "label"}
_SKIP_CLASSES = {"headerlink", "md-sidebar", "ap-verkenner__filters", "md-skip"}
_BLOCKS = {"p", "dt", "dd", "figcaption", "caption", "blockquote", "summary", "pre", "address"}


def _skipped(el: Any) -> bool:
    classes = set((el.get("class") or "").split())
    return (
        el.tag in _SKIP_TAGS
        or el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or el.get("id") == "print-page-toc"
        or bool(classes & _SKIP_CLASSES)
    )


class _Writer:
    """Turns the HTML of the print page into odfpy elements."""

    def __init__(self) -> None:
        from odf.opendocument import OpenDocumentText
        from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties

        self.doc = OpenDocumentText()
        styles = self.doc.styles
        self.styles: dict[str, Any] = {}
        for level, size in ((1, "18pt"), (2, "15pt"), (3, "13pt"), (4, "12pt"), (5, "11pt"), (6, "11pt")):
            style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph")
            style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
            style.addElement(TextProperties(fontsize=size, fontweight="bold"))
            styles.addElement(style)
            self.styles[f"h{level}"] = style
        body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
        body.addElement(ParagraphProperties(marginbottom="0.2cm"))
        styles.addElement(body)
        self.styles["p"] = body
        for name, props in (("Strong", {"fontweight": "bold"}), ("Emphasis", {"fontstyle": "italic"})):
            style = Style(name=name, family="text")
            style.addElement(TextProperties(**props))
            styles.addElement(style)
            self.styles[name] = style
        column = Style(name="Kolom", family="table-column")
        column.addElement(TableColumnProperties(columnwidth="3cm"))
        self.doc.automaticstyles.addElement(column)
        self.styles["column"] = column

    # -- blocks --
    def blocks(self, parent: Any, el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str) or _skipped(child):
                continue
            self.block(parent, child)

    def block(self, parent: Any, el: Any) -> None:
        from odf import text

        tag = el.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = text.H(outlinelevel=int(tag[1]), stylename=self.styles[tag])
            self.inline(heading, el)
            parent.addElement(heading)
        elif tag in ("ul", "ol"):
            self.list(parent, el)
        elif tag == "table":
            self.table(parent, el)
        elif tag in _BLOCKS:
            if any(isinstance(c.tag, str) and c.tag in ("p", "ul", "ol", "table", "div") for c in el):
                self.blocks(parent, el)
            else:
                self.paragraph(parent, el)
        elif any(isinstance(c.tag, str) for c in el) or not (el.text or "").strip():
            self.blocks(parent, el)
        else:
            self.paragraph(parent, el)

    def paragraph(self, parent: Any, el: Any) -> None:
        from odf import text

        paragraph = text.P(stylename=self.styles["p"])
        self.inline(paragraph, el)
        if paragraph.childNodes:
            parent.addElement(paragraph)

    def list(self, parent: Any, el: Any) -> None:
        from odf import text

        odf_list = text.List()
        for item in el:
            if not isinstance(item.tag, str) or item.tag != "li" or _skipped(item):
                continue
            odf_item = text.ListItem()
            inline_part = text.P(stylename=self.styles["p"])
            self.inline(inline_part, item, stop_at_blocks=True)
            if inline_part.childNodes:
                odf_item.addElement(inline_part)
            for child in item:
                if (
                    isinstance(child.tag, str)
                    and not _skipped(child)
                    and child.tag in ("ul", "ol", "p", "table", "div")
                ):
                    self.block(odf_item, child)
            odf_list.addElement(odf_item)
        parent.addElement(odf_list)

    def table(self, parent: Any, el: Any) -> None:
        from odf import table, text

        rows = [tr for tr in el.iter("tr") if not _skipped(tr)]
        width = max(
            (len([c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]) for tr in rows), default=0
        )
        if not width:
            return
        caption = next((c for c in el if isinstance(c.tag, str) and c.tag == "caption"), None)
        if caption is not None:
            self.paragraph(parent, caption)
        odf_table = table.Table()
        odf_table.addElement(table.TableColumn(numbercolumnsrepeated=width, stylename=self.styles["column"]))
        for tr in rows:
            row = table.TableRow()
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
            for cell in cells + [None] * (width - len(cells)):
                odf_cell = table.TableCell(valuetype="string")
                if cell is not None:
                    paragraph = text.P()
                    if cell.tag == "th":
                        strong = text.Span(stylename=self.styles["Strong"])
                        self.inline(strong, cell)
                        paragraph.addElement(strong)
                    else:
                        self.inline(paragraph, cell)
                    odf_cell.addElement(paragraph)
                row.addElement(odf_cell)
            odf_table.addElement(row)
        parent.addElement(odf_table)

    # -- inline --
    def inline(self, parent: Any, el: Any, stop_at_blocks: bool = False) -> None:
        from odf import text

        if el.text:
            parent.addText(_squash(el.text))
        for child in el:
            if isinstance(child.tag, str) and not _skipped(child):
                if stop_at_blocks and child.tag in ("ul", "ol", "p", "table", "div"):
                    continue
                if child.tag == "br":
                    parent.addElement(text.LineBreak())
                elif child.tag == "a" and child.get("href"):
                    link = text.A(href=child.get("href"), type="simple")
                    self.inline(link, child)
                    parent.addElement(link)
                elif child.tag in ("strong", "b", "th"):
                    span = text.Span(stylename=self.styles["Strong"])
                    self.inline(span, child)
                    parent.addElement(span)
                elif child.tag in ("em", "i"):
                    span = text.Span(stylename=self.styles["Emphasis"])
                    self.inline(span, child)
                    parent.addElement(span)
                else:
                    self.inline(parent, child, stop_at_blocks)
            if child.tail and not (stop_at_blocks and isinstance(child.tag, str) and child.tag in ("ul", "ol")):
                parent.addText(_squash(child.tail))


def _squash(value: str) -> str:
    return " ".join(value.split()) and (" " if value[:1].isspace() else "") + " ".join(value.split()) + (
        " " if value[-1:].isspace() else ""
    )


def render_odt(site_dir: Path, out: Path, title: str, subject: str) -> Path:
    """Write the print page of ``site_dir`` to ``out`` as an OpenDocument text; returns ``out``.

    ``title`` and ``subject`` go into the document's metadata, with :data:`AUTHOR` and
    the language ``nl``.

    Raises:
        FileNotFoundError: when the site has no print page (built without ACTIEPLAN_PDF=true).
    """
    import lxml.html
    from odf import dc, meta

    page = site_dir / "print_page" / "index.html"
    if not page.is_file():
        raise FileNotFoundError(page)
    root = lxml.html.fromstring(page.read_bytes())
    content = root.xpath("//article")
    writer = _Writer()
    writer.blocks(writer.doc.text, content[0] if content else root)
    writer.doc.meta.addElement(dc.Title(text=title))
    writer.doc.meta.addElement(dc.Subject(text=subject))
    writer.doc.meta.addElement(dc.Language(text="nl"))
    writer.doc.meta.addElement(meta.InitialCreator(text=AUTHOR))
    writer.doc.meta.addElement(dc.Creator(text=AUTHOR))
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.doc.save(str(out))
    _make_reproducible(out, os.environ.get("SOURCE_DATE_EPOCH"))
    return out


#: The dates odfpy writes into meta.xml from the clock.
_META_DATES = re.compile(rb"<(dc:date|meta:creation-date)>[^<]*</\1>")


def _make_reproducible(out: Path, epoch: str | None) -> None:
    """Two exports of one commit are byte-identical: zip entry times and meta.xml dates from ``epoch``."""
    moment = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    if epoch and epoch.isascii() and epoch.isdigit():
        with contextlib.suppress(OverflowError, ValueError, OSError):
            moment = max(moment, dt.datetime.fromtimestamp(int(epoch), dt.UTC))
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S").encode()
    with zipfile.ZipFile(out) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(out, "w") as target:
        for info, body in entries:
            if info.filename == "meta.xml":
                body = _META_DATES.sub(lambda m: b"<" + m.group(1) + b">" + stamp + b"</" + m.group(1) + b">", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, body)
