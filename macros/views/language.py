"""The page "Taal op deze site": the B1 scores of every written page, as the build measured them.

``define_env`` measures the pages of ``docs/`` with :func:`macros.prose.site_scores`
once per build and hands the scores to the :class:`~macros.site.render.Renderer`;
this view only sorts them and works out each page's address.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.prose import LONG_SENTENCE, MAX_AVERAGE, PageScores
from macros.site.render import Renderer

__all__ = ["LANGUAGE_VIEWS", "language_scores", "page_url_of"]


def page_url_of(path: str) -> str:
    """The site address of a page in docs/: ``over/index.md`` → ``over/``, ``begroting.md`` → ``begroting/``."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def language_scores(r: Renderer, page_url: str) -> Markup:
    """Per written page: sentences, average and longest sentence, share of long words, Flesch–Douma."""
    pages: list[PageScores] = sorted(r.readability or [], key=lambda p: p.path)
    rows = [(p, page_url_of(p.path), p.longest(1)[0] if p.sentences else None) for p in pages if p.sentences]
    words = sum(p.words for p, _, _ in rows)
    sentences = sum(len(p.sentences) for p, _, _ in rows)
    longest = sorted(
        ((s, p, url) for p, url, _ in rows for s in p.longest(5)), key=lambda t: (-t[0].words, t[1].path, t[0].line)
    )[:5]
    return r.render(
        "taalniveau.html.jinja",
        page_url,
        rows=rows,
        longest=longest,
        average=words / sentences if sentences else 0.0,
        long_sentence=LONG_SENTENCE,
        max_average=MAX_AVERAGE,
    )


LANGUAGE_VIEWS = {"taalniveau": language_scores}
