# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
""" "Most viewed" asides: links to articles of earlier days, never of the page's own date.

A crawler that follows every article-looking link of a list page picks these up; a
correct one reads only `div.list_body`. Each aside is built once per date and cached
as bytes in the encoding of the page that carries it.
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import lru_cache
from html import escape

from newscrawler.sim import catalog
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import Entry

_GROUPS = 18  # press groups in a list page's ranking, five articles each
_BLANK = "\n                \n                    \n                        \n"


@lru_cache(maxsize=128)
def ranked(seed: int, date: str, articles_per_day: int, count: int) -> tuple[Entry, ...]:
    """``count`` articles of the nearest earlier day that has any (repeats if it has few)."""
    day = catalog.parse_date(date)
    if day is None:
        return ()
    pool: tuple[Entry, ...] = ()
    for back in range(1, 8):
        pool = catalog.entries(seed, f"{day - timedelta(days=back):%Y%m%d}", articles_per_day)
        if pool:
            break
    if not pool:
        return ()
    rng = random.Random(f"naver-sim:ranking:{seed}:{date}")
    picks = rng.sample(pool, min(count, len(pool)))
    return tuple(picks[i % len(picks)] for i in range(count))


def _short(title: str, size: int = 30) -> str:
    return title if len(title) <= size else title[:size] + " …"


def _press(entry: Entry) -> str:
    return presses.BY_OID[entry.oid].name


def _thumb(entry: Entry, kind: str) -> str:
    return (
        f"https://mimgnews.pstatic.net/image/origin/{entry.oid}/"
        f"{entry.published:%Y/%m/%d}/{int(entry.aid)}.jpg?type={kind}"
    )


@lru_cache(maxsize=128)
def list_ranking(seed: int, date: str, articles_per_day: int) -> bytes:
    """The rankings of a date list's right column, EUC-KR."""
    picks = ranked(seed, date, articles_per_day, _GROUPS * 5)
    groups = [picks[i : i + 5] for i in range(0, len(picks), 5)]
    lists = "".join(_list_group(n, group) for n, group in enumerate(groups))
    daily = _daily(picks[:15])
    html = f"""<div class="section _officeTopRanking">
    <h4>언론사별 가장 많이 본 뉴스</h4>
    <button type="button" class="section_info_icon nclicks('rig.renws2i') _rankingInfoButton">안내</button>
    <div class="section_info_layer _rankingInfoLayer" style="display: none">각 언론사의 가장 많이 본 기사 1건을 제공합니다. <button type="button" class="section_info_layer_close _rankingInfoCloseButton nclicks('rig.renws2x')"><span>닫기</span></button></div>
    <p class="section_sub_txt">오전 9시~오전 10시까지 집계한 결과입니다.</p>
{lists}    <button type="button" class="refresh_button nclicks('rig.renws2new') _refreshButton">더보기</button>
</div>
{daily}"""
    return html.encode("cp949", "xmlcharrefreplace")


def _list_group(number: int, group: tuple[Entry, ...]) -> str:
    display = "block" if number == 0 else "none"
    items = "".join(_list_item(entry) for entry in group)
    return (
        f'        \n    <ul class="section_list_ranking_press _rankingList" id="_rankingList{number * 5}" '
        f'style="display: {display}">\n{items}    </ul>\n'
    )


def _list_item(entry: Entry) -> str:
    href = (
        f"https://n.news.naver.com/mnews/article/{entry.oid}/{entry.aid}"
        f"?sid={entry.section}&rc=N&ntype=RANKING"
    )
    title = escape(_short(entry.title))
    return f"""            \n            \n            <li>{_BLANK}                        <a href="{href}" class="ranking_thumb nclicks('rig.renws2')" tabIndex="-1" aria-hidden="true">
                            <img src="{_thumb(entry, "nf88_60")}" width="88" height="60" alt="" onerror="this.src='https://ssl.pstatic.net/static.news/image/news/errorimage/noimage_88x60.png';">
                            \n                        </a>{_BLANK}
                <div class="list_text_wrap">
                    <div class="list_text">
                        <div class="list_text_inner">
                            <a href="{href}" class="list_tit nclicks('rig.renws2')">{title}</a>
                            \n                                <a class="list_press nclicks('rig.renws2pname')" href="/main/ranking/office.naver?officeId={entry.oid}"><span class="list_press_thumb"><img src="{presses.logo_url(entry.oid)}" width="16" height="16" alt=""></span>{_press(entry)}</a>
                            \n                        </div>
                    </div>
                </div>
            </li>
"""


def _daily(picks: tuple[Entry, ...]) -> str:
    lists = []
    for start in range(0, len(picks), 5):
        items = "".join(
            f'                <li>\n                    <a href="https://n.news.naver.com/mnews/article/{e.oid}/{e.aid}?sid={e.section}" '
            f'class="nclicks(rig.secteco)" title="{escape(e.title)}">{escape(_short(e.title, 22))}</a>\n'
            "                </li>\n"
            for e in picks[start : start + 5]
        )
        lists.append(f'            <ul class="list_txt">\n{items}            </ul>\n')
    return (
        '<div class="section" style="margin-bottom:20px; white-space:nowrap;" id="right_dailyList">\n'
        '    <h4>분야별 주요뉴스</h4>\n    <div class="classfy sd" style="display:block">\n'
        + "".join(lists)
        + "    </div>\n</div>\n"
    )


@lru_cache(maxsize=128)
def nnews_ranking(seed: int, date: str, articles_per_day: int) -> bytes:
    """The "많이 본 뉴스" and "함께 볼만한 뉴스" feeds beside an n.news article, UTF-8."""
    picks = ranked(seed, date, articles_per_day, 50)
    feeds = _feed("FEED_OFFICE_RANKING_VIEW", "많이 본 뉴스", picks[:20]) + _feed(
        "FEED_RECOMMEND", "함께 볼만한 뉴스", picks[20:]
    )
    html = f"""<div class="newsct_aside _GRID_TEMPLATE_COLUMN_ASIDE">
\t<div class="feed_left_wrap">
\t\t<div id="_FEED_CARD_LEFT_INNER_BEFORE">
{feeds}\t\t</div>
\t</div>
</div>
"""
    return html.encode("utf-8")


def _feed(template: str, heading: str, picks: tuple[Entry, ...]) -> str:
    items = "".join(
        f"""\t\t\t\t\t<li class="comp_feed_item">
\t\t\t\t\t\t<a href="/mnews/ranking/article/{e.oid}/{e.aid}?ntype&#x3D;RANKING" class="comp_feed_link _NLOG_IMPRESSION" data-clk="rank1feed" data-imp-url="/mnews/ranking/article/{e.oid}/{e.aid}?ntype&#x3D;RANKING" data-imp-index="{n}">
\t\t\t\t\t\t\t<div class="comp_feed_thumb_area">
\t\t\t\t\t\t\t\t<div class="comp_feed_thumb">
\t\t\t\t\t\t\t\t\t<img data-scroll="true" data-src="{_thumb(e, "nf352_352")}" class="_LAZY_LOADING _LAZY_LOADING_INIT_HIDE" alt="" style="display: none;" onerror="this.outerHTML='<span class=&quot;noimage&quot;></span>'">
\t\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t\t<div class="comp_feed_rank as_type_1"><span class="blind">{n}위</span></div>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<div class="comp_feed_info_wrap">
\t\t\t\t\t\t\t\t<div class="comp_feed_info_area">
\t\t\t\t\t\t\t\t\t<div class="comp_feed_title">{escape(e.title)}</div>
\t\t\t\t\t\t\t\t\t<div class="comp_feed_press">{_press(e)}</div>
\t\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t</a>
\t\t\t\t\t</li>
"""
        for n, e in enumerate(picks, 1)
    )
    return f"""\t\t\t<div class="comp_feed_wrap _NLOG_IMPRESSION _TEMPLATE" data-template-id="{template}">
\t\t\t\t<div class="comp_feed_header">
\t\t\t\t\t<div class="comp_feed_header_left">
\t\t\t\t\t\t<h2 class="comp_feed_header_title">{heading}</h2>
\t\t\t\t\t\t<span class="comp_feed_header_subtitle">오전 9시~10시까지 집계한 결과입니다.</span>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t\t<ul class="comp_feed_list">
{items}\t\t\t\t</ul>
\t\t\t</div>
"""


@lru_cache(maxsize=128)
def old_ranking(seed: int, date: str, articles_per_day: int) -> bytes:
    """The ranking column beside an old article page, EUC-KR."""
    picks = ranked(seed, date, articles_per_day, 60)
    rows = "".join(
        f"""\t\t\t<li>
\t\t\t\t<dl>
\t\t\t\t\t<dt><a href="https://news.naver.com/main/ranking/read.naver?mode=LSD&mid=shm&sid1=001&oid={e.oid}&aid={e.aid}&rankingType=RANKING" class="nclicks(rig.ranking)" title="{escape(e.title)}">{escape(_short(e.title, 26))}</a></dt>
\t\t\t\t\t<dd class="thumb"><a href="https://news.naver.com/main/ranking/read.naver?mode=LSD&mid=shm&sid1=001&oid={e.oid}&aid={e.aid}&rankingType=RANKING" class="nclicks(rig.ranking)"><img src="{_thumb(e, "nf88_60")}" width="70" height="48" alt=""></a></dd>
\t\t\t\t\t<dd class="press">{_press(e)}</dd>
\t\t\t\t</dl>
\t\t\t</li>
"""
        for e in picks
    )
    html = f"""\t\t\t\t<td class="aside">
\t\t\t\t\t<div class="aside">
<div class="section section_wide">
\t<h4>많이 본 뉴스</h4>
\t<ul class="section_list_ranking">
{rows}\t</ul>
</div>
"""
    return html.encode("cp949", "xmlcharrefreplace")


@lru_cache(maxsize=128)
def sports_ranking(seed: int, date: str, articles_per_day: int) -> bytes:
    """ "이 시각 많이 본 뉴스" beside a sports article, UTF-8."""
    picks = ranked(seed, date, articles_per_day, 60)
    videos = "".join(
        f"""\t\t\t\t<li class="video_item">
\t\t\t\t\t<a href="https://tv.naver.com/v/{int(e.aid) % 40000000}" class="link_video" onclick="clickcr(this, 'aev.list', '', '', event);">
\t\t\t\t\t\t<span class="image"><img src="{_thumb(e, "nf160_90")}" width="160" height="90" alt=""></span>
\t\t\t\t\t\t<span class="title"><span>{escape(_short(e.title, 24))}</span></span>
\t\t\t\t\t\t<div class="info"><span class="time">0{n % 9 + 1}:{n * 7 % 60:02d}</span><span class="count">재생수 {n * 1379 % 90000:,}</span></div>
\t\t\t\t\t</a>
\t\t\t\t</li>
"""
        for n, e in enumerate(picks[40:], 1)
    )
    rows = "".join(
        f"""\t\t\t\t\t\t<li><a href="/news?oid={e.oid}&aid={e.aid}" class="title"
\t\t\t\t\t\t\t   onclick="clickcr(this, 'aec*a.category', '', '', event);"><span>
\t\t\t\t\t\t\t{escape(e.title)}</span></a></li>
"""
        for e in picks[:40]
    )
    html = f"""<div id="news_best" class="aside_inner">
\t<div class="aside_head">
\t\t<h3 class="title">이 시각 많이 본 뉴스</h3>
\t\t<div class="news_info_layer"><p id="_wa_layer_message" role="tooltip">오후 9시 ~ 10시 까지 집계한 조회수 입니다.<br>총 누적수와는 다를 수 있습니다.</p></div>
\t</div>
\t<div class="aside_rank_news">
\t\t\t\t<ul class="aside_news_list" id="_ranking_news_list_0">
{rows}\t\t\t\t</ul>
\t</div>
</div>
<div id="video_best" class="aside_inner">
\t<div class="aside_head"><h3 class="title">많이 본 영상</h3></div>
\t\t\t<ul class="video_list">
{videos}\t\t\t</ul>
</div>
"""
    return html.encode("utf-8")


@lru_cache(maxsize=128)
def entertain_ranking(seed: int, date: str, articles_per_day: int) -> bytes:
    """ "많이 본 뉴스" beside an entertainment article, UTF-8."""
    picks = ranked(seed, date, articles_per_day, 40)
    rows = "".join(
        f"""\t\t\t<li class="rank_item"><em class="rank_num">{n}</em>
\t\t\t\t<a href="/read?oid={e.oid}&aid={e.aid}" class="rank_link nclicks(rig.rank)">
\t\t\t\t\t<img src="{_thumb(e, "nf88_60")}" width="88" height="60" alt="">
\t\t\t\t\t<span class="rank_tit">{escape(e.title)}</span>
\t\t\t\t</a>
\t\t\t</li>
"""
        for n, e in enumerate(picks, 1)
    )
    html = f"""\t\t<div id="aside" class="aside">
\t\t\t<h3 class="aside_tit">많이 본 뉴스</h3>
\t\t\t<ol class="rank_list">
{rows}\t\t\t</ol>
\t\t</div>
"""
    return html.encode("utf-8")
