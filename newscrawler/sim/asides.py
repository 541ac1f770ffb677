""" "Most viewed" asides: links to articles of earlier days, never of the page's own date.

A crawler that follows every article-looking link of a list page picks these up; a
correct one reads only `div.list_body`. Each aside is built once per date and cached
as a chunk in the encoding of the page that carries it.
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import lru_cache
from html import escape

from newscrawler.sim import catalog
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import Entry
from newscrawler.sim.markup import Chunk, chunk, fragment

_GROUPS = 21  # press groups in a list page's ranking, five articles each
_CACHED_DATES = 16  # per aside kind: a crawl reads one date, a benchmark a few
BUCKETS = 8  # sizes of the "more news" block, so that page sizes spread like Naver's
# Items in the "more news" block of each size bucket: (fewest, step), calibrated so that
# pages fall in the size range of the real captures (tests/sim checks it).
_MORE_ITEMS = {"mobile": (92, 11), "read.naver": (170, 7), "sports": (30, 5)}


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


def _thumb(entry: Entry, kind: str) -> str:
    return (
        f"https://mimgnews.pstatic.net/image/origin/{entry.oid}/"
        f"{entry.published:%Y/%m/%d}/{int(entry.aid)}.jpg?type={kind}"
    )


def _fields(entry: Entry, thumb: str = "nf88_60") -> dict[str, str]:
    """What the aside items print about a ranked article."""
    return {
        "oid": entry.oid,
        "aid": entry.aid,
        "section": entry.section,
        "title": escape(entry.title),
        "press": presses.BY_OID[entry.oid].name,
        "thumb": _thumb(entry, thumb),
        "logo": presses.logo_url(entry.oid),
    }


@lru_cache(maxsize=_CACHED_DATES)
def date_list(seed: int, date: str, articles_per_day: int) -> Chunk:
    """The rankings of a date list's right column, EUC-KR."""
    picks = ranked(seed, date, articles_per_day, _GROUPS * 5)
    group, item = fragment("asides/date_list_group.html"), fragment("asides/date_list_item.html")
    lists = "".join(
        group.substitute(
            first=start,
            display="block" if start == 0 else "none",
            items="".join(
                item.substitute(
                    _fields(entry),
                    href=f"https://n.news.naver.com/mnews/article/{entry.oid}/{entry.aid}"
                    f"?sid={entry.section}&rc=N&ntype=RANKING",
                    title=escape(_short(entry.title)),
                )
                for entry in picks[start : start + 5]
            ),
        )
        for start in range(0, len(picks), 5)
    )
    daily_item = fragment("asides/date_list_daily_item.html")
    daily = "".join(
        fragment("asides/date_list_daily.html").substitute(
            items="".join(
                daily_item.substitute(_fields(e), short=escape(_short(e.title, 22)))
                for e in picks[start : start + 5]
            )
        )
        for start in range(0, 15, 5)
    )
    html = fragment("asides/date_list.html").substitute(lists=lists, daily=daily)
    return chunk(html, "cp949")


@lru_cache(maxsize=_CACHED_DATES)
def mobile(seed: int, date: str, articles_per_day: int) -> Chunk:
    """The "많이 본 뉴스" and "함께 볼만한 뉴스" feeds beside an n.news article, UTF-8."""
    picks = ranked(seed, date, articles_per_day, 50)
    feeds = _feed("FEED_OFFICE_RANKING_VIEW", "많이 본 뉴스", picks[:20]) + _feed(
        "FEED_RECOMMEND", "함께 볼만한 뉴스", picks[20:]
    )
    return chunk(fragment("asides/mobile.html").substitute(feeds=feeds))


def _feed(template: str, heading: str, picks: tuple[Entry, ...]) -> str:
    item = fragment("asides/mobile_feed_item.html")
    items = "".join(item.substitute(_fields(e, "nf352_352"), n=n) for n, e in enumerate(picks, 1))
    feed = fragment("asides/mobile_feed.html")
    return feed.substitute(template=template, heading=heading, items=items)


@lru_cache(maxsize=_CACHED_DATES)
def read_naver(seed: int, date: str, articles_per_day: int) -> Chunk:
    """The ranking column beside a legacy article page, EUC-KR."""
    item = fragment("asides/read_naver_item.html")
    rows = "".join(
        item.substitute(_fields(e), short=escape(_short(e.title, 26)))
        for e in ranked(seed, date, articles_per_day, 60)
    )
    return chunk(fragment("asides/read_naver.html").substitute(rows=rows), "cp949")


@lru_cache(maxsize=_CACHED_DATES)
def sports(seed: int, date: str, articles_per_day: int) -> Chunk:
    """ "이 시각 많이 본 뉴스" beside a sports article, UTF-8."""
    picks = ranked(seed, date, articles_per_day, 60)
    video = fragment("asides/sports_video.html")
    videos = "".join(
        video.substitute(
            _fields(e, "nf160_90"),
            video=int(e.aid) % 40000000,
            short=escape(_short(e.title, 24)),
            minutes=n % 9 + 1,
            seconds=f"{n * 7 % 60:02d}",
            plays=f"{n * 1379 % 90000:,}",
        )
        for n, e in enumerate(picks[40:], 1)
    )
    item = fragment("asides/sports_item.html")
    rows = "".join(item.substitute(_fields(e)) for e in picks[:40])
    return chunk(fragment("asides/sports.html").substitute(rows=rows, videos=videos))


@lru_cache(maxsize=_CACHED_DATES)
def entertain(seed: int, date: str, articles_per_day: int) -> Chunk:
    """ "많이 본 뉴스" beside an entertainment article, UTF-8."""
    item = fragment("asides/entertain_item.html")
    rows = "".join(
        item.substitute(_fields(e), n=n)
        for n, e in enumerate(ranked(seed, date, articles_per_day, 40), 1)
    )
    return chunk(fragment("asides/entertain.html").substitute(rows=rows))


def bucket(aid: str) -> int:
    """The size bucket of an article: spread evenly, the same on every request."""
    return int(aid) * 2654435761 % 2**32 * BUCKETS >> 32


@lru_cache(maxsize=_CACHED_DATES * BUCKETS)
def more(layout: str, seed: int, date: str, articles_per_day: int, size: int) -> Chunk:
    """The "more news" block of size bucket ``size`` beside a ``layout`` article."""
    fewest, step = _MORE_ITEMS[layout]
    picks = ranked(seed, date, articles_per_day, fewest + step * (BUCKETS - 1))
    picks = picks[: fewest + step * size]
    if layout == "mobile":
        feeds = _feed("FEED_MORE_NEWS", "이 기사를 본 사람들이 함께 본 뉴스", picks)
        return chunk(fragment("asides/mobile_more.html").substitute(feeds=feeds))
    if layout == "read.naver":
        item = fragment("asides/read_naver_item.html")
        rows = "".join(
            item.substitute(_fields(e), short=escape(_short(e.title, 26))) for e in picks
        )
        return chunk(fragment("asides/read_naver_more.html").substitute(rows=rows), "cp949")
    rows = "".join(fragment("asides/sports_item.html").substitute(_fields(e)) for e in picks)
    return chunk(fragment("asides/sports_more.html").substitute(rows=rows))
