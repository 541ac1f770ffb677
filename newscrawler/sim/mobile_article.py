"""n.news.naver.com article pages: the 2023+ layout and the 2022 one (UTF-8)."""

from __future__ import annotations

from html import escape

from newscrawler.sim import asides, bodies, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle
from newscrawler.sim.markup import Body, fragment, page

ENCODING = "utf-8"
DEFAULT_IMAGE = (
    "https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_800x420_20221201.png"
)


def render(seed: int, articles_per_day: int, article: SimArticle) -> Body:
    """The whole page of a 2023 or 2022 layout article."""
    press = presses.BY_OID[article.oid]
    values = {
        "title": escape(article.title),
        "url": f"https://n.news.naver.com/mnews/article/{article.oid}/{article.aid}",
        "image": bodies.photo_src(article, 1, 800) if article.captions else DEFAULT_IMAGE,
        "description": escape(" ".join(article.paragraphs)[:150]),
        "press": article.press,
        "gdid": f"88000127_{int(article.aid):024d}",
        "section": article.section,
        "sid2": article.sid2,
        "oid": article.oid,
        "aid": article.aid,
        "site": press.site,
        "logo": presses.logo_url(article.oid),
        "logos": logos(article),
        "headline": _headline(article),
        "stamps": _stamps(article),
        "journalists": _each("mobile/journalist.html", article),
        "tag": "article" if article.layout == "2023" else "div",
        "content": bodies.mobile(article),
        "bylines": "".join(
            fragment("mobile/byline.html").substitute(name=name, email=email)
            for name, email in zip(article.authors, article.emails, strict=True)
        ),
        "cards": _each("mobile/journalist_card.html", article),
        "categories": ", ".join(
            fragment("mobile/category.html").substitute(name=sections.SHORT_NAMES[sid])
            for sid in (article.section, article.also_listed_in)
            if sid
        ),
        "ranking": asides.mobile(seed, article.date, articles_per_day),
        "more": asides.more(
            "mobile", seed, article.date, articles_per_day, asides.bucket(article.aid)
        ),
    }
    return page("mobile/article.html", ENCODING).render(values)


def logos(article: SimArticle) -> str:
    """The light and dark press logos of the header (the 2023-2025 press header)."""
    logo = fragment("mobile/logo.html")
    return "".join(
        logo.substitute(src=presses.logo_url(article.oid, dark), press=article.press, kind=kind)
        for dark, kind in ((False, "light"), (True, "dark"))
    )


def _headline(article: SimArticle) -> str:
    title = escape(article.title, quote=False)
    return fragment(f"mobile/headline_{article.layout}.html").substitute(title=title)


def _stamps(article: SimArticle) -> str:
    stamps = [("published", article.published), ("modified", article.modified)]
    return "".join(
        fragment(f"mobile/stamp_{kind}.html").substitute(
            iso=timefmt.iso(moment), shown=timefmt.ampm(moment)
        )
        for kind, moment in stamps
        if moment
    )


def _each(name: str, article: SimArticle) -> str:
    """One ``name`` fragment per reporter (their journalist ids start at 10000)."""
    return "".join(
        fragment(name).substitute(
            oid=article.oid,
            press=article.press,
            logo=presses.logo_url(article.oid),
            journalist_id=10000 + n,
            name=author,
        )
        for n, author in enumerate(article.authors)
    )
