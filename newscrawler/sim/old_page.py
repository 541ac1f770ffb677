# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""The old desktop article page ``main/read.naver`` (EUC-KR, until about 2022)."""

from __future__ import annotations

from functools import cache
from html import escape

from newscrawler.sim import asides, bodies, boilerplate, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle

ENCODING = "cp949"


@cache
def _constant(name: str) -> bytes:
    builders = {
        "assets": boilerplate.old_head_assets,
        "header": boilerplate.old_header,
        "after_body": boilerplate.old_after_body,
        "footer": boilerplate.old_footer,
    }
    return builders[name]().encode(ENCODING, "xmlcharrefreplace")


def render(seed: int, articles_per_day: int, article: SimArticle) -> bytes:
    """The whole page of an old layout article."""
    parts = [
        _head(article).encode(ENCODING, "xmlcharrefreplace"),
        _constant("assets"),
        _constant("header"),
        _article(article).encode(ENCODING, "xmlcharrefreplace"),
        _constant("after_body"),
        b"\t\t\t\t</td>\n",
        asides.old_ranking(seed, article.date, articles_per_day),
        _constant("footer"),
    ]
    return b"".join(parts)


def _head(article: SimArticle) -> str:
    title = escape(article.title)
    description = escape(" ".join(article.paragraphs)[:120])
    image = "https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_200x200_20160804.png"
    # og:url carries sid1=001 whatever the section: a quirk of the real pages.
    url = (
        "https://news.naver.com/main/read.naver?mode=LSD&mid=sec"
        f"&oid={article.oid}&aid={article.aid}&sid1=001"
    )
    return f"""<!DOCTYPE HTML>
<html lang="ko">
<head>
<meta charset="euc-kr">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="referrer" contents="always">
<meta name="viewport" content="width=1106" />
<title>{title} : 네이버 뉴스</title>
{boilerplate.GAP}
<meta property="me2:post_tag"\t\tcontent="{article.press} : 네이버뉴스"/>
<meta property="me2:category1"\t\tcontent="{article.press}"/>
<meta property="me2:category2"\t\tcontent="{sections.NAMES[article.section]}"/>
<meta property="me2:image"\t\t\tcontent=""/>

<meta property="og:title"\t\t\tcontent="{title}"/>
<meta property="og:type"\t\t\tcontent="article"/>
<meta property="og:url"\t\t\t\tcontent="{url}"/>
<meta property="og:image"\t\t\tcontent="{image}"/>
<meta property="og:description"\t\tcontent="{description}"/>
<meta property="og:article:author"\tcontent="{article.press} | 네이버"/>

<meta name="twitter:card"\t\t\tcontent="summary">
<meta name="twitter:title"\t\t\tcontent="{title}">
<meta name="twitter:site"\t\t\tcontent="네이버 뉴스">
<meta name="twitter:creator"\t\tcontent="{article.press}">
<meta name="twitter:image"\t\t\tcontent="{image}">
<meta name="twitter:description"\tcontent="{description}">
"""


def _stamps(article: SimArticle) -> str:
    out = f'기사입력 <span class="t11">{timefmt.ampm(article.published)}</span>'
    if article.modified:
        out += f' <span class="bar"></span> 최종수정 <span class="t11">{timefmt.ampm(article.modified)}</span>'
    return out


def _article(article: SimArticle) -> str:
    press = presses.BY_OID[article.oid]
    return f"""<div class="article_header">
\t<div class="press_logo">
\t\t\t<a href="https://{press.site}/" target="_blank" class="nclicks(atp_press)"><img src='{presses.logo_url(article.oid)}' height='35' alt='{press.name}' title='{press.name}' class='' ></a>
\t</div>
\t<div class="article_info">
\t\t<h3 id="articleTitle">{escape(article.title, quote=False)}</h3>
\t\t<div class="sponsor">
\t\t\t<!-- 기사 헤더 > 정보 -->
{boilerplate.GAP}
{_stamps(article)}
{boilerplate.GAP}
<!-- // 기사 헤더 > 정보 -->
\t\t\t\t\t<a href="https://{press.site}/view/{article.aid}" target="_blank" class="btn_artialoriginal nclicks(are.ori)">기사원문</a>
\t\t\t\t<a href="/main/scrap/folderList.naver?scrapItem.officeId={article.oid}&scrapItem.articleId={article.aid}" class="btn_scrap nclicks(atp_scrap)" title="스크랩" target="_blank">스크랩</a>
\t\t</div>
\t</div>
</div>
<!-- // 기사 헤더 --><div class="article_body size3  _font_setting_target" id="articleBody">
\t
\t<div id="articleBodyContents" class="_article_body_contents article_body_contents">
{bodies.old(article)}\t</div>
{boilerplate.GAP}
<div class="byline">
    <p class="b_text">
        {", ".join(article.authors)}
    </p>
</div>
{boilerplate.GAP}
<div class="copyright">
    <div class="c_inner">
        <p class="c_text">
            Copyright ⓒ {article.press}. All rights reserved. 무단 전재 및 재배포 금지.
        </p>
    </div>
</div>
</div>
"""
