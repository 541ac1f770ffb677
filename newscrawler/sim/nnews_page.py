# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""n.news.naver.com article pages: the 2023 layout and the 2022 one (UTF-8)."""

from __future__ import annotations

from functools import cache
from html import escape

from newscrawler.sim import asides, bodies, boilerplate, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle

ENCODING = "utf-8"


@cache
def _constant(name: str) -> bytes:
    builders = {
        "assets": boilerplate.nnews_head_assets,
        "script_tail": boilerplate.nnews_head_script_tail,
        "header": boilerplate.nnews_header,
        "after_body": boilerplate.nnews_after_body,
        "footer": boilerplate.nnews_footer,
    }
    return builders[name]().encode(ENCODING)


def render(seed: int, articles_per_day: int, article: SimArticle) -> bytes:
    """The whole page of a 2023 or 2022 layout article."""
    parts = [
        _head(article).encode(ENCODING),
        _constant("assets"),
        _head_script(article).encode(ENCODING),
        _constant("script_tail"),
        _constant("header"),
        _media_head(article).encode(ENCODING),
        (boilerplate.nnews_tools() % {"oid": article.oid, "aid": article.aid}).encode(ENCODING),
        _body(article).encode(ENCODING),
        _constant("after_body"),
        asides.nnews_ranking(seed, article.date, articles_per_day),
        _constant("footer"),
    ]
    return b"".join(parts)


def _description(article: SimArticle) -> str:
    return escape(" ".join(article.paragraphs)[:150])


def _head(article: SimArticle) -> str:
    title = escape(article.title)
    url = f"https://n.news.naver.com/mnews/article/{article.oid}/{article.aid}"
    image = (
        bodies.photo_src(article, 1, 800)
        if article.captions
        else ("https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_800x420_20221201.png")
    )
    gdid = f"88000127_{int(article.aid):024d}"
    return f"""<!doctype html>
<html lang="ko">
\t<head>
\t\t<meta charset="utf-8">
\t\t<meta http-equiv="X-UA-Compatible" content="IE=edge">
\t\t<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, minimum-scale=1.0, user-scalable=no" />
\t\t<meta property="og:title" content="{title}">
\t\t<meta property="og:type" content="article">
\t\t<meta property="og:url" content="{url}">
\t\t<meta property="og:image" content="{image}">
\t\t<meta property="og:description" content="{_description(article)}">
\t\t<meta property="og:article:author" content="{article.press} | 네이버">
\t\t<meta name="twitter:card" content="summary_large_image">
\t\t<meta name="twitter:title" content="{title}">
\t\t<meta name="twitter:site" content="네이버 뉴스">
\t\t<meta name="twitter:creator" content="{article.press}">
\t\t<meta name="twitter:image" content="{image}">
\t\t<meta name="twitter:description" content="{_description(article)}">
\t\t<meta name="napp-site-analysis" content="gdid={gdid},service=news,collection=news,section={article.section}">
\t\t<title>{title}</title>
"""


def _head_script(article: SimArticle) -> str:
    gdid = f"88000127_{int(article.aid):024d}"
    return f"""\t\t<script>
\t\t\tvar g_ssc = nsc = "Mnews.v2";
\t\t\tvar g_default_area = "art";
\t\t\tvar nelo = {{
\t\t\t\tname : "one-front",
\t\t\t\turl : "https://kr-col-ext.nelo.navercorp.com/_store",
\t\t\t\tsampleNumber : 100,
\t\t\t\tmaxCount : 100,
\t\t\t\tmaxSendMessage : "로그 전송 최대치 도달"
\t\t\t}};
\t\t\tvar domain = "https://n.news.naver.com";
\t\t\tvar newsDomain = "https://news.naver.com";
\t\t\tvar layoutName = "article";
\t\t\tvar layoutType = "article";
\t\t\tvar isAvailableDarkMode = false;

\t\t\tvar article = {{
\t\t\t\tisSubscribe: false,
\t\t\t\tofficeId: "{article.oid}",
\t\t\t\tarticleId: "{article.aid}",
\t\t\t\tsectionId : "{article.section}",
\t\t\t\tgdid: "{gdid}",
\t\t\t\ttype: "1",
\t\t\t\tsectionInfo: {{
\t\t\t\t\tfirstSection: "{article.section}",
\t\t\t\t\tsecondSection: "{article.sid2}",
\t\t\t\t\tthirdSection: "000"
\t\t\t\t}},
\t\t\t\ttitle: document.title
\t\t\t}};

\t\t\tvar office = {{
\t\t\t\tisChannel: true,
\t\t\t\tisPressHome: true,
\t\t\t\tname : "{article.press}",
\t\t\t\tcategory : "종합"
\t\t\t}};
"""


def _media_head(article: SimArticle) -> str:
    press = presses.BY_OID[article.oid]
    title = escape(article.title, quote=False)
    if article.layout == "2023":
        headline = f'<h2 id="title_area" class="media_end_head_headline"><span>{title}</span></h2>'
    else:
        headline = f'<h2 class="media_end_head_headline">{title}</h2>'
    logos = "".join(
        f'\t\t\t<img data-src="{presses.logo_url(article.oid, dark)}" width="" height="32" '
        f'alt="{press.name}" title="{press.name}" class="media_end_head_top_logo_img {kind}_type '
        '_LAZY_LOADING _LAZY_LOADING_INIT_HIDE" style="display:none;">\n'
        for dark, kind in ((False, "light"), (True, "dark"))
    )
    return f"""<div class="media_end_head go_trans">
\t<div class="media_end_head_top _LAZY_LOADING_WRAP">
\t\t<a href="https://{press.site}" class="media_end_head_top_logo _LAZY_LOADING_ERROR_HIDE">
{logos}\t\t</a>
\t\t<div class="media_end_head_top_channel _CHANNEL_BUTTON_WRAP" style="display:none;">
\t\t\t<button class="media_end_head_top_channel_add _CHANNEL_BUTTON" data-clk-add="chmain{article.oid}" data-clk-remove="chdelete{article.oid}" data-text="구독">구독</button>
\t\t</div>
\t</div>
\t<div class="media_end_head_title">
\t\t{headline}
\t</div>
\t<div class="media_end_head_info nv_notrans ">
\t\t<div class="media_end_head_info_datestamp">
{_stamps(article)}\t\t\t<a href="https://{press.site}/view/{article.aid}" target="_blank" class="media_end_head_origin_link" data-clk="are.ori">기사원문</a>
\t\t</div>
\t\t<div class="media_end_head_journalist">
{_journalists(article)}\t\t</div>
"""


def _stamps(article: SimArticle) -> str:
    out = (
        '\t\t\t<div class="media_end_head_info_datestamp_bunch">\n'
        '\t\t\t\t<em class="media_end_head_info_datestamp_term">입력</em>'
        '<span class="media_end_head_info_datestamp_time _ARTICLE_DATE_TIME" '
        f'data-date-time="{timefmt.iso(article.published)}">{timefmt.ampm(article.published)}</span>\n'
        "\t\t\t</div>\n"
    )
    if article.modified:
        out += (
            '\t\t\t<div class="media_end_head_info_datestamp_bunch">\n'
            '\t\t\t\t<em class="media_end_head_info_datestamp_term">수정</em>'
            '<span class="media_end_head_info_datestamp_time _ARTICLE_MODIFY_DATE_TIME" '
            f'data-modify-date-time="{timefmt.iso(article.modified)}">{timefmt.ampm(article.modified)}</span>\n'
            "\t\t\t</div>\n"
        )
    return out


def _journalists(article: SimArticle) -> str:
    return "".join(
        f"""\t\t\t<a href="https://media.naver.com/journalist/{article.oid}/{10000 + n}" class="media_end_head_journalist_box _LAZY_LOADING_WRAP" data-clk="ummore">
\t\t\t\t<em class="media_end_head_journalist_name">{name} 기자</em>
\t\t\t</a>
"""
        for n, name in enumerate(article.authors)
    )


def _body(article: SimArticle) -> str:
    tag = "article" if article.layout == "2023" else "div"
    bylines = "".join(
        f'\t\t\t<span class="byline_s">{name} 기자({email})</span>\n'
        for name, email in zip(article.authors, article.emails, strict=True)
    )
    categories = ", ".join(
        f'<em class="media_end_categorize_item">{sections.SHORT_NAMES[sid]}</em>'
        for sid in (article.section, article.also_listed_in)
        if sid
    )
    return f"""<div id="contents" class="newsct_body">
\t<div id="newsct_article" class="newsct_article _article_body">
\t\t<{tag} id="dic_area" class="go_trans _article_content">
\t\t\t{bodies.nnews(article)}\t\t</{tag}>
\t</div>
\t<div class="byline">
\t\t<p class="byline_p">
{bylines}\t\t</p>
\t</div>
{_journalist_cards(article)}\t<div class="copyright">
\t\t<div class="c_inner">
\t\t\t<p class="c_text">Copyright ⓒ {article.press}. All rights reserved. 무단 전재 및 재배포 금지.</p>
\t\t</div>
\t</div>\t<div class="media_end_categorize">
\t\t<a href="#" class="media_end_categorize_link _categorize_title _TOGGLE" data-target="_ARTICLE_SECTION_GUIDE_LAYER">이 기사는 언론사에서 {categories} 섹션으로 분류했습니다.</a>
\t\t<div id="_ARTICLE_SECTION_GUIDE_LAYER" class="media_end_categorize_ct">
\t\t\t<em class="media_end_categorize_ct_title">기사 섹션 분류 안내</em>
\t\t\t<p class="media_end_categorize_ct_p">기사의 섹션 정보는 해당 언론사의 분류를 따르고 있습니다. 언론사는 개별 기사를 2개 이상 섹션으로 중복 분류할 수 있습니다.</p>
\t\t\t<a href="#" class="media_end_categorize_ct_close _CLOSE" data-target="_ARTICLE_SECTION_GUIDE_LAYER">닫기</a>
\t\t</div>
\t</div>
\t<div id="channelBanner" style="display:none;">
\t\t<div class="media_end_channel_banner _LAZY_LOADING_WRAP">
\t\t\t<a href="#" class="media_end_channel_banner_link _CHANNEL_BANNER _CHANNEL_ADD" data-clk-add="chbanner{article.oid}" data-clk-remove="chsee{article.oid}">
\t\t\t\t<div class="media_end_channel_banner_img"><img data-src="{presses.logo_url(article.oid)}" class="_LAZY_LOADING _LAZY_LOADING_INIT_HIDE" width="40" height="40" alt="{article.press}" style="display:none;"></div>
\t\t\t\t<p class="media_end_channel_banner_txt"><span class="media_end_channel_banner_span"><strong>메인에서</strong> 바로 보는 언론사 편집 뉴스 지금 바로 구독해보세요!</span></p>
\t\t\t</a>
\t\t</div>
\t</div>
</div>
"""


def _journalist_cards(article: SimArticle) -> str:
    cards = "".join(
        f"""\t\t\t\t<div class="media_journalistcard_item _SUBSCRIBE_ELE" data-subscribe-type="JOURNALIST">
\t\t\t\t\t<div class="media_journalistcard_summary">
\t\t\t\t\t\t<span class="media_journalistcard_summary_press"><img data-src="{presses.logo_url(article.oid)}" height="24" alt="{article.press}" title="" class="media_journalistcard_summary_press_img light_type _LAZY_LOADING _LAZY_LOADING_INIT_HIDE" style="display:none;"></span>
\t\t\t\t\t\t<a href="https://media.naver.com/journalist/{article.oid}/{10000 + n}" class="media_journalistcard_summary_text" data-clk="mmore">
\t\t\t\t\t\t\t<span class="media_journalistcard_summary_name"><em class="media_journalistcard_summary_name_text">{name} 기자</em></span>
\t\t\t\t\t\t</a>
\t\t\t\t\t\t<div class="subscribe_wrap _JOURNALIST_ID" data-journalistId="{10000 + n}">
\t\t\t\t\t\t\t<a href="#" class="subscribe _SUBSCRIBE" data-channelKey="JOURNALIST_{10000 + n}" data-clk="msubs"><span class="subscribe_ico"><span>구독</span></span></a>
\t\t\t\t\t\t</div>
\t\t\t\t\t</div>
\t\t\t\t</div>
"""
        for n, name in enumerate(article.authors)
    )
    return f"""\t<div class="newsct_journalist">
\t\t<div class="newsct_journalist_inner">
\t\t\t<h4 class="blind">기자 프로필</h4>
\t\t\t<div class="media_journalistcard _JOURNALIST_CARD _MORE_WRAP">
{cards}\t\t\t</div>
\t\t</div>
\t</div>
"""
