# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""sports.news.naver.com ``news.nhn`` article pages (UTF-8)."""

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
        "assets": boilerplate.sports_head_assets,
        "header": boilerplate.sports_header,
        "tools": boilerplate.sports_tools,
        "footer": boilerplate.sports_footer,
    }
    return builders[name]().encode(ENCODING)


def render(seed: int, articles_per_day: int, article: SimArticle) -> bytes:
    """The whole page of a sports article."""
    parts = [
        _head(article).encode(ENCODING),
        _constant("assets"),
        b"</head>\n",
        _constant("header"),
        _headline(article).encode(ENCODING),
        _constant("tools"),
        _end(article).encode(ENCODING),
        asides.sports_ranking(seed, article.date, articles_per_day),
        _constant("footer"),
    ]
    return b"".join(parts)


def _head(article: SimArticle) -> str:
    title = escape(article.title)
    image = (
        bodies.photo_src(article, 1)
        if article.captions
        else "https://imgnews.pstatic.net/image/sports/common/naverme/image-sports.png"
    )
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
\t<meta charset="UTF-8">
\t<meta http-equiv="X-UA-Compatible" content="IE=edge">
\t<meta name="viewport" content="width=1080px,maximum-scale=2.0,minimum-scale=0.4,user-scalable=yes">
\t\t\t<meta property="me:feed:serviceId" content="sports"/>
\t\t\t<meta property="og:update_time" content="{(article.modified or article.published):%Y%m%d%H%M%S}"/>
\t\t<meta property="og:type"        content="article"/>
\t\t<meta property="og:image"       content="{image}" />
\t\t<meta property="og:title"       content="{title}"/>
\t\t<meta property="og:description" content="{escape(" ".join(article.paragraphs)[:120])}"/>
\t\t<meta property="og:url"         content="https://sports.news.naver.com/news?oid={article.oid}&aid={article.aid}"/>
\t\t<meta property="og:article:author" content="네이버 스포츠 | {article.press}"/>
\t\t<meta property="og:article:author:url" content="https://sports.news.naver.com"/>
\t\t<meta name="napp-site-analysis" content="gdid=88156f89_{int(article.aid):024d},service=sports,collection=news,section=107"/>
\t\t\t<title>{title}</title>
"""


def _headline(article: SimArticle) -> str:
    press = presses.BY_OID[article.oid]
    modified = ""
    if article.modified:
        modified = (
            '\t\t\t\t\t\t\t\t<span><span class="bar"></span>최종수정 '
            f"{timefmt.ampm(article.modified, pad_hour=True)}</span>\n"
        )
    return f"""\t\t\t\t\t\t<div class="news_headline">
\t\t\t\t\t\t\t\t\t<span class="logo" id="pressLogo"><a href="https://{press.site}/" class="link" target="_blank"><img height="35" src="{presses.logo_url(article.oid)}" alt="{press.name}" onError="javascript:setPressLogo('{press.name}');"></a></span>
\t\t\t\t\t\t\t<h4 class="title">{escape(article.title, quote=False)}</h4>
\t\t\t\t\t\t\t<div class="info">
\t\t\t\t\t\t\t\t<span>기사입력 {timefmt.ampm(article.published, pad_hour=True)}</span>
{modified}\t\t\t\t\t\t\t\t\t<a target="_blank" href="https://{press.site}/news/articleView.html?idxno={int(article.aid[-6:])}" class="press_link">기사원문</a>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t</div>
"""


def _end(article: SimArticle) -> str:
    return f"""\t\t\t\t\t<div class="news_end" id="newsEndContents">
\t\t\t\t\t\t\t{bodies.sports(article)}
\t\t\t\t\t\t<p class="source"><b>기사제공</b> {article.press}</p>
\t\t\t\t\t\t\t\t<p class="byline">{article.authors[0]} 기자({article.emails[0]})</p>
\t\t\t\t\t\t<div class="reporter_area">
\t\t\t\t\t\t\t<div class="reporter_recommend" style="display:none">
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<!-- 카피라이트 배너 -->
\t\t\t\t\t\t<div class="copyright">
\t\t\t\t\t\t\t<p>Copyright ⓒ {article.press}. All rights reserved. 무단 전재 및 재배포 금지.</p>
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<!-- 기사 분류 -->
\t\t\t\t\t\t<div class="categorize" id="_article_section_guide">
\t\t\t\t\t\t\t<a href="#wa_categorize_tooltip" class="btn_guide_categorize" role="button" aria-describedby="wa_categorize_tooltip">기사 섹션 분류 가이드</a>
\t\t\t\t\t\t</div>
\t\t\t\t\t</div>
\t\t\t\t\t<div class="news_end_btn">
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t</div>
\t\t\t<div class="aside">
"""
