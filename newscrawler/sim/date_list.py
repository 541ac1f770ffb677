"""The classic date list ``main/list.naver?mode=LSD``, served as EUC-KR like the real one."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from html import escape

from newscrawler.sim import asides, catalog, sections, timefmt
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import Entry
from newscrawler.sim.markup import Body, Chunk, chunk, fragment, page

PER_PAGE = 20
HEADLINES = 10  # items in `ul.type06_headline`; the rest go to `ul.type06`
BLOCK = 10  # page links per paging block
ENCODING = "cp949"
EMPTY_MESSAGE = "등록된 기사가 없습니다."
IMAGE = "https://ssl.pstatic.net/static.news/image/news/ogtag/navernews_800x420_20221201.png"


def page_count(items: int) -> int:
    """How many pages a list of ``items`` articles has (an empty list still has one)."""
    return max(1, -(-items // PER_PAGE))


def render(
    seed: int,
    articles_per_day: int,
    sid1: str,
    day: date,
    page_number: int,
    mid: str = "sec",
    style: str = "type06",
) -> Body:
    """The list page ``page_number`` of ``sid1`` on ``day``; past the end shows the last.

    ``style`` is how the items are written: ``type06`` (Naver's usual), or a variant:
    ``relative`` (times like "2분전"), ``type02`` (a `dl.type04` headline and
    `ul.type02` items, as the per-press lists) or ``broken`` (unclosed items).
    """
    ymd = f"{day:%Y%m%d}"
    listed = catalog.section_entries(seed, ymd, articles_per_day, sid1)
    base = f"?mode=LSD&mid={mid}&sid1={sid1}&date={ymd}&page="
    values = {
        "name": sections.NAMES.get(sid1, "뉴스"),
        "description": sections.DESCRIPTIONS.get(sid1, "네이버 뉴스"),
        "header": header(sid1),
        "base": f"list.naver?mode=LSD&mid=shm&sid1={sid1}",
        "day_navigation": _day_navigation(sid1, day, mid),
    }
    return _render(seed, articles_per_day, listed, sid1, day, page_number, base, style, values)


def render_press(seed: int, articles_per_day: int, oid: str, day: date, page_number: int) -> Body:
    """The per-press list ``mode=LPOD&oid=..`` of ``day``: a headline block and title rows."""
    ymd = f"{day:%Y%m%d}"
    listed = press_entries(seed, ymd, articles_per_day, oid)
    press = presses.BY_OID.get(oid)
    values = {
        "name": press.name if press else "언론사",
        "description": "언론사별 뉴스 제공",
        "header": header(""),
        "base": f"list.naver?mode=LPOD&mid=sec&oid={oid}",
        "day_navigation": _day_navigation("", day, "sec"),
    }
    base = f"?mode=LPOD&mid=sec&oid={oid}&date={ymd}&page="
    return _render(seed, articles_per_day, listed, "001", day, page_number, base, "type02", values)


@lru_cache(maxsize=256)
def press_entries(seed: int, date: str, articles_per_day: int, oid: str) -> tuple[Entry, ...]:
    """What the per-press list of ``oid`` on ``date`` shows, newest first."""
    listed = [e for e in catalog.entries(seed, date, articles_per_day) if e.oid == oid]
    listed.sort(key=lambda entry: (entry.published, entry.aid), reverse=True)
    return tuple(listed)


def shown(listed: tuple[Entry, ...], page_number: int) -> tuple[int, int, tuple[Entry, ...]]:
    """(page, pages, entries) that page ``page_number`` of ``listed`` shows."""
    pages = page_count(len(listed))
    number = min(max(page_number, 1), pages)
    return number, pages, listed[(number - 1) * PER_PAGE : number * PER_PAGE]


def _render(
    seed: int,
    articles_per_day: int,
    listed: tuple[Entry, ...],
    sid1: str,
    day: date,
    page_number: int,
    base: str,
    style: str,
    values: dict[str, str | Chunk],
) -> Body:
    ymd = f"{day:%Y%m%d}"
    number, pages, entries = shown(listed, page_number)
    values = {
        **values,
        "image": IMAGE,
        "ymd": ymd,
        "items": items(seed, sid1, entries, style),
        "paging": _paging(base, number, pages),
        "ranking": asides.date_list(seed, ymd, articles_per_day),
    }
    return page("date_list/page.html", ENCODING).render(values)


@lru_cache(maxsize=64)
def header(sid1: str) -> Chunk:
    """Top bar, section menu and left column of the lists of ``sid1``."""
    lnb = "".join(
        fragment(f"date_list/lnb_item{'_selected' if sid == sid1 else ''}.html").substitute(
            sid=sid, name=name
        )
        for sid, name in sections.NAMES.items()
    )
    snb = "".join(
        fragment("date_list/snb_item.html").substitute(
            sid1=sid1, sid2=sid2, number=number, name=name
        )
        for number, (sid2, name) in enumerate(sections.SUBSECTIONS.get(sid1, ()), 1)
    )
    name = sections.NAMES.get(sid1, "뉴스")
    html = fragment("date_list/header.html").substitute(lnb=lnb, snb=snb, sid1=sid1, name=name)
    return chunk(html, ENCODING)


def item_url(entry: Entry, sid1: str) -> str:
    """The link a list item carries: n.news for new articles, read.naver for legacy ones."""
    if entry.layout == "read.naver":
        return (
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec"
            f"&sid1={sid1}&oid={entry.oid}&aid={entry.aid}"
        )
    return f"https://n.news.naver.com/mnews/article/{entry.oid}/{entry.aid}?sid={sid1}"


def items(seed: int, sid1: str, shown: tuple[Entry, ...], style: str = "type06") -> str:
    """The list body's items in ``style`` (see `render`), or the empty-list message."""
    if not shown:
        return fragment("date_list/empty.html").substitute(message=EMPTY_MESSAGE)
    if style == "type02":
        return _type02(seed, sid1, shown)
    relative = style == "relative"
    rows = [item(seed, sid1, entry, relative_time(entry) if relative else None) for entry in shown]
    if style == "broken":
        # Unclosed items and a stray end tag: parsers must recover, links must survive.
        rows = [row.replace("</li>", "").replace("</dd>", "") for row in rows]
        rows[len(rows) // 2] += "</ul></span>\n"
    out = fragment("date_list/headlines.html").substitute(items="".join(rows[:HEADLINES]))
    if len(rows) > HEADLINES:
        out += fragment("date_list/more_items.html").substitute(items="".join(rows[HEADLINES:]))
    return out + fragment("date_list/items_end.html").substitute()


def _type02(seed: int, sid1: str, shown: tuple[Entry, ...]) -> str:
    first, rest = shown[0], shown[1:]
    href = item_url(first, sid1)
    title = escape(first.title)
    out = fragment("date_list/lpod_headline.html").substitute(
        photo=_photo(first, href, title),
        href=href,
        title=title,
        lede=_lede(seed, first),
        press=presses.BY_OID[first.oid].name,
        time=timefmt.ampm(first.published),
    )
    row = fragment("date_list/lpod_item.html")
    rows = "".join(
        row.substitute(
            href=item_url(entry, sid1),
            title=escape(entry.title),
            press=presses.BY_OID[entry.oid].name,
            time=timefmt.ampm(entry.published),
        )
        for entry in rest
    )
    if rows:
        out += fragment("date_list/lpod_items.html").substitute(items=rows)
    return out + fragment("date_list/items_end.html").substitute()


def relative_time(entry: Entry) -> str:
    """A "2분전" / "3시간전" / "1일전" stamp, as lists print recent items."""
    roll = int(entry.aid) % 3
    if roll == 0:
        return f"{int(entry.aid) % 59 + 1}분전"
    if roll == 1:
        return f"{int(entry.aid) % 23 + 1}시간전"
    return "1일전"


def item(seed: int, sid1: str, entry: Entry, when: str | None = None) -> str:
    """One `li > dl` item; ``when`` replaces the printed time (relative times)."""
    href = item_url(entry, sid1)
    title = escape(entry.title)
    return fragment("date_list/item.html").substitute(
        photo=_photo(entry, href, title),
        href=href,
        title=title,
        lede=_lede(seed, entry),
        press=presses.BY_OID[entry.oid].name,
        time=when or timefmt.ampm(entry.published),
    )


def _lede(seed: int, entry: Entry) -> str:
    lede = catalog.lede(seed, entry)
    return escape(lede[:70] + " …" if len(lede) > 70 else lede)


def _photo(entry: Entry, href: str, title: str) -> str:
    if not entry.thumb:
        return ""
    src = (
        f"https://imgnews.pstatic.net/image/origin/{entry.oid}/"
        f"{entry.published:%Y/%m/%d}/{int(entry.aid)}.jpg?type=nf106_72"
    )
    return fragment("date_list/item_photo.html").substitute(href=href, src=src, title=title)


def _paging(base: str, number: int, pages: int) -> str:
    first = (number - 1) // BLOCK * BLOCK + 1
    last = min(first + BLOCK - 1, pages)
    links = []
    if first > 1:
        links.append(("previous", first - 1))
    links += [("current" if n == number else "link", n) for n in range(first, last + 1)]
    if last < pages:
        links.append(("next", last + 1))
    shown = "".join(
        fragment(f"date_list/page_{kind}.html").substitute(base=base, number=n) for kind, n in links
    )
    return fragment("date_list/paging.html").substitute(links=shown)


def _day_navigation(sid1: str, day: date, mid: str) -> str:
    links = []
    for offset in (2, 1, 0, -1, -2):
        other = day + timedelta(days=offset)
        label = timefmt.day_label(other)
        if offset == 0:
            links.append(fragment("date_list/day_current.html").substitute(label=label))
        else:
            link = fragment("date_list/day_link.html")
            links.append(link.substitute(mid=mid, sid1=sid1, ymd=f"{other:%Y%m%d}", label=label))
    joined = fragment("date_list/day_separator.html").substitute().join(links)
    return fragment("date_list/day_navigation.html").substitute(joined=joined)
