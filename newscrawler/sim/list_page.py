# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""The classic date list ``main/list.naver?mode=LSD``, served as EUC-KR like the real one."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from html import escape

from newscrawler.sim import asides, boilerplate, catalog, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import Entry

PER_PAGE = 20
HEADLINES = 10  # items in `ul.type06_headline`; the rest go to `ul.type06`
BLOCK = 10  # page links per paging block
ENCODING = "cp949"
EMPTY_MESSAGE = "등록된 기사가 없습니다."

_HEAD_TOP = (
    '\n\n\n\n<!DOCTYPE HTML>\n<html lang="ko">\n<head>\n<meta charset="euc-kr">\n'
    '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
    '<meta name="referrer" contents="always">\n'
    '<meta http-equiv="refresh" content="600" />\n'
    '<meta name="viewport" content="width=1106" />\n' + boilerplate.WIDE_GAP * 4
).encode(ENCODING)
_DATE_GAP = "\n\t\t\t\t\t\t\t\t\n\t\t\t\t\t\t\t\t\t\n\t\t\t\t\t\t\t\t\t\t\n\t\t\t\t\t\t\t\t\t\t\t\n"


@cache
def _constant(name: str) -> bytes:
    builders = {
        "assets": boilerplate.list_head_assets,
        "onload": lambda: boilerplate.LIST_ONLOAD,
        "ranking_script": boilerplate.list_ranking_script,
        "tail": lambda: boilerplate.list_aside_tail() + boilerplate.list_footer(),
    }
    return builders[name]().encode(ENCODING, "xmlcharrefreplace")


@cache
def _header(sid1: str) -> bytes:
    return boilerplate.list_header(sid1).encode(ENCODING, "xmlcharrefreplace")


def page_count(items: int) -> int:
    """How many pages a list of ``items`` articles has (an empty list still has one)."""
    return max(1, -(-items // PER_PAGE))


def render(
    seed: int, articles_per_day: int, sid1: str, day: date, page: int, mid: str = "sec"
) -> bytes:
    """The list page ``page`` of ``sid1`` on ``day``; a page past the end shows the last."""
    ymd = f"{day:%Y%m%d}"
    listed = catalog.section_entries(seed, ymd, articles_per_day, sid1)
    pages = page_count(len(listed))
    page = min(max(page, 1), pages)
    shown = listed[(page - 1) * PER_PAGE : page * PER_PAGE]
    body = (
        _items(seed, sid1, shown)
        + _paging(sid1, ymd, page, pages, mid)
        + _day_navigation(sid1, day, mid)
    )
    parts = [
        _HEAD_TOP,
        _head_meta(sid1).encode(ENCODING),
        _constant("assets"),
        _header(sid1),
        _list_header(sid1, ymd).encode(ENCODING),
        body.encode(ENCODING, "xmlcharrefreplace"),
        _constant("onload"),
        asides.list_ranking(seed, ymd, articles_per_day),
        _constant("ranking_script"),
        _constant("tail"),
    ]
    return b"".join(parts)


def item_url(entry: Entry, sid1: str) -> str:
    """The link a list item carries: n.news for new articles, read.naver for old ones."""
    if entry.layout == "old":
        return (
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec"
            f"&sid1={sid1}&oid={entry.oid}&aid={entry.aid}"
        )
    return f"https://n.news.naver.com/mnews/article/{entry.oid}/{entry.aid}?sid={sid1}"


def _head_meta(sid1: str) -> str:
    name = sections.NAMES.get(sid1, "뉴스")
    description = sections.DESCRIPTIONS.get(sid1, "네이버 뉴스")
    image = "https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_800x420_20221201.png"
    # og:url always names sid1=100: Naver's list pages get it wrong the same way.
    return f"""<meta property="og:title"       content="{name} : 네이버 뉴스">
<meta property="og:type"        content="website">
<meta property="og:url"         content="https://news.naver.com/main/main.naver?mode=LSD&mid=shm&sid1=100">
<meta property="og:image"       content="{image}"/>
<meta property="og:description" content="{description}">
<meta property="og:article:author"\tcontent="네이버"/>

<meta name="twitter:card"\t\tcontent="summary">
<meta name="twitter:title"\t\tcontent="{name} : 네이버 뉴스">
<meta name="twitter:site"       content="네이버 뉴스">
<meta name="twitter:creator"    content="네이버 뉴스">
<meta name="twitter:image"\t\tcontent="{image}">
<meta name="twitter:description" content="{description}">
{boilerplate.GAP}
<title>{name} 홈 : 네이버 뉴스\t</title>
"""


def _list_header(sid1: str, ymd: str) -> str:
    base = f"list.naver?mode=LSD&mid=shm&sid1={sid1}"
    return f"""\t\t\t\t\t\t<div class="list_body newsflash_body">
{boilerplate.WIDE_GAP}
<div class="newsflash_header3">
\t\t\t<h3>전체</h3>
{boilerplate.GAP}
\t<div class="view_type">
\t    <a href="{base}&listType=paper&date={ymd}" class="newsp nclicks(fls.vtype)" title="신문에 게재된 기사만 보실 수 있습니다.">신문게재기사만</a><span class="bar">|</span>
\t\t<a href="{base}&listType=title&date={ymd}" class="tit_off nclicks(fls.vtype)">제목형</a>
\t\t<a href="{base}&listType=summary&date={ymd}" class="sum_on nclicks(fls.vtype)">요약형</a>
\t\t<a href="{base}&listType=photo&type=3&date={ymd}" class="photo_off nclicks(fls.vtype)">포토만</a>
\t</div>
</div>
{boilerplate.WIDE_GAP * 2}
"""


def _items(seed: int, sid1: str, shown: tuple[Entry, ...]) -> str:
    if not shown:
        return f'\t\t\t\t\t\t<div class="result_none"><p>{EMPTY_MESSAGE}</p></div>\n</div>\n'
    head = "".join(_item(seed, sid1, entry) for entry in shown[:HEADLINES])
    out = f'\t\t\t\t\t\t<ul class="type06_headline">\n{head}\t\t\t\t\t\t</ul>\n'
    if len(shown) > HEADLINES:
        rest = "".join(_item(seed, sid1, entry) for entry in shown[HEADLINES:])
        out += f'{boilerplate.GAP}\t\t\t\t\t\t<ul class="type06">\n{rest}\t\t\t\t\t\t</ul>\n'
    return out + boilerplate.WIDE_GAP + "</div>\n"


def _item(seed: int, sid1: str, entry: Entry) -> str:
    href = item_url(entry, sid1)
    title = escape(entry.title)
    lede = catalog.lede(seed, entry)
    lede = escape(lede[:70] + " …" if len(lede) > 70 else lede)
    photo = ""
    if entry.thumb:
        src = (
            f"https://imgnews.pstatic.net/image/origin/{entry.oid}/"
            f"{entry.published:%Y/%m/%d}/{int(entry.aid)}.jpg?type=nf106_72"
        )
        photo = f"""\t\t\t\t\t\t\t<dt class="photo">
\t\t\t\t\t\t\t\t<a href="{href}">
\t\t\t\t\t\t\t\t <img src="{src}" width="106" height="72" alt="{title}" onError="javascript:this.src='https://ssl.pstatic.net/static.news/image/news/2009/noimage_106x72.png';"/>
\t\t\t\t\t\t\t\t</a>
\t\t\t\t\t\t\t</dt>
"""
    return f"""\t\t\t\t\t<li>
\t\t\t\t\t\t<dl>
\t\t\t\t\t\t\t
{photo}\t\t\t\t\t\t\t
\t\t\t\t\t\t\t<dt>
\t\t\t\t\t\t\t\t<a href="{href}">
\t\t\t\t\t\t\t\t {title}
\t\t\t\t\t\t\t\t</a>
\t\t\t\t\t\t\t</dt>
\t\t\t\t\t\t\t<dd>
\t\t\t\t\t\t\t\t<span class="lede">{lede}</span>
\t\t\t\t\t\t\t\t<span class="writing">{presses.BY_OID[entry.oid].name}</span>
{_DATE_GAP}\t\t\t\t\t\t\t\t\t\t<span class="date">{timefmt.ampm(entry.published)}</span>
{_DATE_GAP}\t\t\t\t\t\t\t</dd>
\t\t\t\t\t\t</dl>
\t\t\t\t\t</li>
\t\t\t\t\t
"""


def _paging(sid1: str, ymd: str, page: int, pages: int, mid: str) -> str:
    base = f"?mode=LSD&mid={mid}&sid1={sid1}&date={ymd}&page="
    first = (page - 1) // BLOCK * BLOCK + 1
    last = min(first + BLOCK - 1, pages)
    links = []
    if first > 1:
        links.append(f'<a href="{base}{first - 1}" class="pre nclicks(fls.page)">이전</a>\n')
    for number in range(first, last + 1):
        if number == page:
            links.append(f"<strong>{number}</strong>\n")
        else:
            links.append(f'<a href="{base}{number}" class="nclicks(fls.page)">{number}</a>\n')
    if last < pages:
        links.append(f'<a href="{base}{last + 1}" class="next nclicks(fls.page)">다음</a>\n')
    return f'{boilerplate.GAP}\t<div class="paging">\n{"".join(links)}</div>\n\n'


def _day_navigation(sid1: str, day: date, mid: str) -> str:
    links = []
    for offset in (2, 1, 0, -1, -2):
        other = day + timedelta(days=offset)
        label = timefmt.day_label(other)
        if offset == 0:
            links.append(f'<span class="viewday">{label}</span>')
        else:
            links.append(
                f'<a href="?mode=LSD&mid={mid}&sid1={sid1}&date={other:%Y%m%d}" '
                f'class="nclicks(fls.date)">{label}</a>'
            )
    joined = '<span class="devidebar">&middot;</span>'.join(links)
    return (
        '<h4 class="blind">뉴스 이전날짜 더보기 링크모음</h4>\n'
        f'<div class="pagenavi_day">\n{joined}</div>\n{boilerplate.WIDE_GAP}'
    )
