"""entertain.naver.com ``read`` article pages (UTF-8).

No capture of this layout exists; its markup follows the project's reference notes:
`h2.end_tit`, `div.article_info span.author em`, `div.press_logo a img`, `div#articeBody`.
"""

from __future__ import annotations

from html import escape

from newscrawler.sim import asides, bodies, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle
from newscrawler.sim.markup import Body, fragment, page

ENCODING = "utf-8"


def render(seed: int, articles_per_day: int, article: SimArticle) -> Body:
    """The whole page of an entertainment article."""
    modified = ""
    if article.modified:
        shown = timefmt.ampm(article.modified)
        modified = fragment("entertain/modified.html").substitute(shown=shown)
    values = {
        "title": escape(article.title),
        "headline": escape(article.title, quote=False),
        "description": escape(" ".join(article.paragraphs)[:120]),
        "press": article.press,
        "oid": article.oid,
        "aid": article.aid,
        "site": presses.BY_OID[article.oid].site,
        "logo": presses.logo_url(article.oid),
        "published": timefmt.ampm(article.published),
        "modified": modified,
        "content": bodies.entertain(article),
        "author": article.authors[0],
        "email": article.emails[0],
        "ranking": asides.entertain(seed, article.date, articles_per_day),
    }
    return page("entertain/article.html", ENCODING).render(values)
