"""sports.news.naver.com ``news.nhn`` article pages (UTF-8)."""

from __future__ import annotations

from html import escape

from newscrawler.sim import asides, bodies, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle
from newscrawler.sim.markup import Body, fragment, page

ENCODING = "utf-8"
DEFAULT_IMAGE = "https://imgnews.pstatic.net/image/sports/common/naverme/image-sports.png"


def render(seed: int, articles_per_day: int, article: SimArticle) -> Body:
    """The whole page of a sports article."""
    modified = ""
    if article.modified:
        shown = timefmt.ampm(article.modified, pad_hour=True)
        modified = fragment("sports/modified.html").substitute(shown=shown)
    values = {
        "title": escape(article.title),
        "headline": escape(article.title, quote=False),
        "description": escape(" ".join(article.paragraphs)[:120]),
        "image": bodies.photo_src(article, 1) if article.captions else DEFAULT_IMAGE,
        "updated": f"{article.modified or article.published:%Y%m%d%H%M%S}",
        "gdid_number": f"{int(article.aid):024d}",
        "press": article.press,
        "oid": article.oid,
        "aid": article.aid,
        "site": presses.BY_OID[article.oid].site,
        "logo": presses.logo_url(article.oid),
        "published": timefmt.ampm(article.published, pad_hour=True),
        "modified": modified,
        "idxno": str(int(article.aid[-6:])),
        "content": bodies.sports(article),
        "author": article.authors[0],
        "email": article.emails[0],
        "guide": fragment("sports/guide.html").substitute(),
        "ranking": asides.sports(seed, article.date, articles_per_day),
        "more": asides.more(
            "sports", seed, article.date, articles_per_day, asides.bucket(article.aid)
        ),
    }
    return page("sports/article.html", ENCODING).render(values)
