"""macros/rawhtml.py: our templates' HTML passes through Markdown unchanged and unparsed."""

from __future__ import annotations

import markdown

from macros.site.rawhtml import END, START

EXTENSIONS = ["md_in_html", "pymdownx.superfences", "macros.site.rawhtml"]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_marked_block_comes_out_exactly_as_it_went_in():
    block = '<div class="x">\n<p>*niet* **opgemaakt** &amp; <a href="a/">a</a></p>\n<table><tr><td>1</td></tr></table>\n</div>'
    html = convert(f"# Titel\n\nTekst.\n\n{START}\n{block}\n{END}\n\nMeer *tekst*.\n")
    assert block in html
    assert START not in html and END not in html
    assert "<em>tekst</em>" in html and "<h1>Titel</h1>" in html


def test_the_result_equals_the_normal_raw_html_way():
    block = '<div class="ap">\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n</div>'
    plain = markdown.markdown(f"Voor.\n\n{block}\n\nNa.\n", extensions=["md_in_html"])
    marked = convert(f"Voor.\n\n{START}\n{block}\n{END}\n\nNa.\n")
    assert marked.replace("\n", "") == plain.replace("\n", "")


def test_markers_in_code_or_indented_or_unclosed_take_the_normal_way():
    fenced = convert(f"```text\n{START}\n<b>x</b>\n{END}\n```\n")
    assert "&lt;!-- actieplan:html --&gt;" in fenced and "&lt;b&gt;x&lt;/b&gt;" in fenced
    unclosed = convert(f"{START}\n<div>x</div>\n")
    assert "<div>x</div>" in unclosed
