# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""entertain.naver.com ``read`` article pages (UTF-8).

No capture of this layout exists; its markup follows the project's reference notes:
`h2.end_tit`, `div.article_info span.author em`, `div.press_logo a img`, `div#articeBody`.
"""

from __future__ import annotations

from functools import cache
from html import escape

from newscrawler.sim import asides, bodies, boilerplate, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle

ENCODING = "utf-8"


@cache
def _constant(name: str) -> bytes:
    builders = {
        "assets": boilerplate.entertain_head_assets,
        "header": boilerplate.entertain_header,
        "footer": boilerplate.entertain_footer,
    }
    return builders[name]().encode(ENCODING)


def render(seed: int, articles_per_day: int, article: SimArticle) -> bytes:
    """The whole page of an entertainment article."""
    parts = [
        _head(article).encode(ENCODING),
        _constant("assets"),
        b"</head>\n",
        _constant("header"),
        _article(article).encode(ENCODING),
        asides.entertain_ranking(seed, article.date, articles_per_day),
        _constant("footer"),
    ]
    return b"".join(parts)


def _head(article: SimArticle) -> str:
    title = escape(article.title)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
\t<meta charset="utf-8">
\t<meta http-equiv="X-UA-Compatible" content="IE=edge">
\t<meta property="og:type" content="article">
\t<meta property="og:title" content="{title}">
\t<meta property="og:url" content="https://entertain.naver.com/read?oid={article.oid}&aid={article.aid}">
\t<meta property="og:description" content="{escape(" ".join(article.paragraphs)[:120])}">
\t<meta property="og:article:author" content="{article.press} | 네이버 연예">
\t<title>{title} : 네이버 연예</title>
"""


def _article(article: SimArticle) -> str:
    press = presses.BY_OID[article.oid]
    modified = ""
    if article.modified:
        modified = f'<span class="author">최종수정 <em>{timefmt.ampm(article.modified)}</em></span>'
    return f"""\t\t\t<div class="end_ct_area">
\t\t\t\t<div class="press_logo"><a href="https://{press.site}/" target="_blank" class="nclicks(are.press)"><img src="{presses.logo_url(article.oid)}" alt="{press.name}" title="{press.name}" height="30"></a></div>
\t\t\t\t<h2 class="end_tit">{escape(article.title, quote=False)}</h2>
\t\t\t\t<div class="article_info">
\t\t\t\t\t<span class="author">기사입력 <em>{timefmt.ampm(article.published)}</em></span>{modified}
\t\t\t\t\t<a href="https://{press.site}/view/{article.aid}" target="_blank" class="btn_origin nclicks(are.ori)">기사원문</a>
\t\t\t\t</div>
\t\t\t\t<div class="end_body_wrp">
\t\t\t\t\t<div id="articeBody" class="end_body_wrp">{bodies.entertain(article)}</div>
\t\t\t\t</div>
\t\t\t\t<p class="byline">{article.authors[0]} 기자 {article.emails[0]}</p>
\t\t\t\t<div class="copyright"><p>Copyright ⓒ {article.press}. All rights reserved. 무단 전재 및 재배포 금지.</p></div>
\t\t\t</div>
"""
