"""The legacy desktop article page ``main/read.naver`` (EUC-KR, until about 2022)."""

from __future__ import annotations

from html import escape

from newscrawler.sim import asides, bodies, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle
from newscrawler.sim.markup import Body, fragment, page

ENCODING = "cp949"
IMAGE = "https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_200x200_20160804.png"


def render(seed: int, articles_per_day: int, article: SimArticle) -> Body:
    """The whole page of a legacy ``read.naver`` article."""
    values = {
        "title": escape(article.title),
        "headline": escape(article.title, quote=False),
        "description": escape(" ".join(article.paragraphs)[:120]),
        "image": IMAGE,
        # og:url carries sid1=001 whatever the section: a quirk of the real pages.
        "url": (
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec"
            f"&oid={article.oid}&aid={article.aid}&sid1=001"
        ),
        "press": article.press,
        "section_name": sections.NAMES[article.section],
        "oid": article.oid,
        "aid": article.aid,
        "site": presses.BY_OID[article.oid].site,
        "logo": presses.logo_url(article.oid),
        "stamps": _stamps(article),
        "content": bodies.read_naver(article),
        "authors": ", ".join(article.authors),
        "ranking": asides.read_naver(seed, article.date, articles_per_day),
        "more": asides.more(
            "read.naver", seed, article.date, articles_per_day, asides.bucket(article.aid)
        ),
    }
    return page("read_naver/article.html", ENCODING).render(values)


def _stamps(article: SimArticle) -> str:
    out = fragment("read_naver/stamp_published.html").substitute(
        shown=timefmt.ampm(article.published)
    )
    if article.modified:
        modified = fragment("read_naver/stamp_modified.html")
        out += modified.substitute(shown=timefmt.ampm(article.modified))
    return out
