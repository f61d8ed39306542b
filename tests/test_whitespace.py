"""Taking out indentation changes no byte that is shown."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from macros.site.whitespace import collapse_indentation

_piece = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        '<a href="x">',
        "</a>",
        "woord",
        "twee woorden",
        "é",
        " ",
        "  ",
        "\n",
        "\n    ",
        "\t",
        "\n\n",
        "<span>",
        "</span>",
        "<!-- c -->",
    ]
)


@given(st.lists(_piece, max_size=40).map("".join))
def test_every_run_of_white_space_stays_a_run(html):
    """Outside preformatted content, HTML shows a run of white space as one space: runs may shrink, never vanish."""
    assert re.split(r"\s+", collapse_indentation(html)) == re.split(r"\s+", html)


def test_preformatted_content_and_code_stay_byte_for_byte():
    kept = [
        "<pre><code>def f():\n    return 1\n\n</code></pre>",
        "<textarea>\n  a\n</textarea>",
        "<script>\n  const s = `a\n   b`;\n</script>",
        "<STYLE>\n  p { color: red }\n</STYLE>",
    ]
    html = "<div>\n    " + "\n    ".join(kept) + "\n</div>\n"
    result = collapse_indentation(html)
    for block in kept:
        assert block in result
    assert result == "<div>\n" + "\n".join(kept) + "\n</div>\n"


def test_built_pages_have_no_indentation_but_code_examples_keep_theirs(site):
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>", "", html, flags=re.S | re.I)
        assert not re.search(r"\n[ \t]", outside), page
    # The macro examples on "Macro's gebruiken" are code blocks: their line breaks and spaces are intact.
    macros_page = (site / "over" / "macros" / "index.html").read_text(encoding="utf-8")
    assert "<pre" in macros_page
