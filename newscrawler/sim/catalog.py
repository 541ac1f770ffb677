"""Which articles exist on each date, and what they say: deterministic per seed.

A date's catalog is a tuple of light entries (enough for lists and lookups); an
article's body is only written out when someone asks for the whole `SimArticle`.
An aid encodes its date and its index in that date's catalog, so it is unique for
the seed and any (oid, aid) can be found without a search.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from newscrawler.sim import press as presses
from newscrawler.sim import sections
from newscrawler.sim.text import Writer, person_name

# The page objects' names: the 2023+ and the 2022 n.news article (`article#dic_area`,
# `div#dic_area`), the legacy `read.naver` article (EUC-KR), sports, entertainment.
LAYOUTS = ("2023", "2022", "read.naver", "sports", "entertain")
EPOCH = date(1990, 1, 1)
MAX_PER_DAY = 99_999  # an aid holds five digits of index
MINUTE_LAYOUTS = frozenset({"read.naver", "sports", "entertain"})  # pages that show no seconds
NEW_LAYOUTS = frozenset({"2023", "2022"})

_SECTION_IDS = tuple(sections.WEIGHTS)
_SECTION_WEIGHTS = tuple(sections.WEIGHTS.values())
_POOLS: dict[str, tuple[presses.Press, ...]] = {
    "sports": presses.SPORTS,
    "entertain": presses.ENTERTAIN,
}


@dataclass(frozen=True)
class SimArticle:
    """One simulated article, as its page shows it (times are naive KST)."""

    oid: str
    aid: str
    section: str  # primary sid1: what the page's `sectionId` says
    layout: str  # one of LAYOUTS
    press: str
    title: str
    # The text an extractor should recover: the summary lines first, then the body
    # paragraphs; never captions, ads, scripts, e-mail or copyright lines, promotions.
    paragraphs: list[str] = field(hash=False)
    authors: list[str] = field(hash=False)
    published: datetime
    modified: datetime | None
    also_listed_in: str | None  # a second section whose list also shows it
    date: str  # YYYYMMDD of the list it appears in
    emails: list[str] = field(hash=False)  # one per author
    sid2: str
    summary: list[str] = field(hash=False)  # `strong.media_end_summary` lines (also in paragraphs)
    captions: list[str] = field(hash=False)  # photo captions, in page order
    noise: tuple[str, ...]  # extra in-body clutter: ad, script, email, copyright, promo
    thumb: bool  # whether the list item has a photo

    @property
    def url(self) -> str:
        """Where this article lives on Naver (sports and entertainment on their hosts)."""
        return canonical_url(self.layout, self.section, self.oid, self.aid)


class Entry(NamedTuple):
    """The part of an article that lists and lookups need."""

    oid: str
    aid: str
    section: str
    layout: str
    published: datetime
    modified: datetime | None
    also_listed_in: str | None
    title: str
    thumb: bool
    vocab: str  # which word list its text comes from


def canonical_url(layout: str, section: str, oid: str, aid: str) -> str:
    """The URL Naver serves an article of ``layout`` at."""
    if layout == "read.naver":
        return (
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec"
            f"&sid1={section}&oid={oid}&aid={aid}"
        )
    if layout == "sports":
        return f"https://sports.news.naver.com/news.nhn?oid={oid}&aid={aid}"
    if layout == "entertain":
        return f"https://entertain.naver.com/read?oid={oid}&aid={aid}"
    return f"https://n.news.naver.com/mnews/article/{oid}/{aid}"


def parse_date(text: str) -> date | None:
    """A ``YYYYMMDD`` string as a date, or None when it is not one."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def articles_for(seed: int, date: str, articles_per_day: int) -> list[SimArticle]:
    """Every article listed on ``date`` (YYYYMMDD), in aid order (oldest first)."""
    return [expand(seed, date, entry) for entry in entries(seed, date, articles_per_day)]


def day_count(seed: int, day: date, articles_per_day: int) -> int:
    """How many articles ``day`` has: fewer at weekends, a little jitter on weekdays."""
    rng = random.Random(f"naver-sim:count:{seed}:{day:%Y%m%d}:{articles_per_day}")
    factor = rng.uniform(0.55, 0.65) if day.weekday() >= 5 else rng.uniform(0.9, 1.1)
    return min(MAX_PER_DAY, round(articles_per_day * factor))


@lru_cache(maxsize=64)
def entries(seed: int, date: str, articles_per_day: int) -> tuple[Entry, ...]:
    """The light catalog of ``date``, in aid order (oldest first)."""
    day = parse_date(date)
    if day is None or day < EPOCH or (day - EPOCH).days > 99_999:
        return ()
    rng = random.Random(f"naver-sim:catalog:{seed}:{date}:{articles_per_day}")
    writers: dict[str, Writer] = {}
    drafts = [_draft(rng, day, writers) for _ in range(day_count(seed, day, articles_per_day))]
    drafts.sort(key=lambda draft: draft[0].published)
    prefix = f"{(day - EPOCH).days:05d}"
    return tuple(
        draft[0]._replace(oid=draft[1], aid=f"{prefix}{index:05d}")
        for index, draft in enumerate(drafts)
    )


def _draft(rng: random.Random, day: date, writers: dict[str, Writer]) -> tuple[Entry, str]:
    layout = _layout(rng.random())
    if layout in _POOLS:
        section, vocab = rng.choice(sections.HOSTED_ELSEWHERE), layout
    else:
        section = rng.choices(_SECTION_IDS, _SECTION_WEIGHTS)[0]
        vocab = section
    pool = _POOLS.get(layout, presses.GENERAL)
    oid = rng.choices(pool, [p.weight for p in pool])[0].oid
    published, modified = _times(rng, day, layout in MINUTE_LAYOUTS)
    also = None
    if layout in NEW_LAYOUTS and rng.random() < 0.03:
        also = rng.choice([sid for sid in _SECTION_IDS if sid != section])
    writer = writers.get(vocab) or writers.setdefault(vocab, Writer(rng, vocab, day.day))
    title = writer.title()
    thumb = rng.random() < 0.7
    return Entry("", "", section, layout, published, modified, also, title, thumb, vocab), oid


def _layout(roll: float) -> str:
    if roll < 0.02:
        return "sports"
    if roll < 0.04:
        return "entertain"
    if roll < 0.19:
        return "read.naver"
    if roll < 0.34:
        return "2022"
    return "2023"


def _times(rng: random.Random, day: date, minute_only: bool) -> tuple[datetime, datetime | None]:
    # Most news lands between 6 am and midnight; a little overnight.
    overnight = rng.random() >= 0.85
    minute = rng.randrange(0, 6 * 60) if overnight else rng.randrange(6 * 60, 24 * 60)
    second = 0 if minute_only else rng.randrange(60)
    published = datetime(day.year, day.month, day.day) + timedelta(minutes=minute, seconds=second)
    if rng.random() >= 0.3:
        return published, None
    modified = published + timedelta(seconds=rng.randint(180, 6 * 3600))
    return published, modified.replace(second=0) if minute_only else modified


@lru_cache(maxsize=256)
def section_entries(seed: int, date: str, articles_per_day: int, sid1: str) -> tuple[Entry, ...]:
    """What the list of ``sid1`` on ``date`` shows, newest first."""
    listed = [
        entry
        for entry in entries(seed, date, articles_per_day)
        if sid1 in (entry.section, entry.also_listed_in)
    ]
    listed.sort(key=lambda entry: (entry.published, entry.aid), reverse=True)
    return tuple(listed)


def find(seed: int, oid: str, aid: str, articles_per_day: int) -> tuple[str, Entry] | None:
    """The (date, entry) of an article, or None when there is no such article."""
    if len(aid) != 10 or not aid.isdigit():
        return None
    day = EPOCH + timedelta(days=int(aid[:5]))
    date = f"{day:%Y%m%d}"
    catalog = entries(seed, date, articles_per_day)
    index = int(aid[5:])
    if index >= len(catalog) or catalog[index].oid != oid:
        return None
    return date, catalog[index]


@lru_cache(maxsize=2048)
def article(seed: int, oid: str, aid: str, articles_per_day: int) -> SimArticle | None:
    """The whole article (oid, aid), or None when there is no such article."""
    found = find(seed, oid, aid, articles_per_day)
    return expand(seed, found[0], found[1]) if found else None


def lede(seed: int, entry: Entry) -> str:
    """The article's first paragraph, without writing the rest of it."""
    _, writer, authors, _ = _start(seed, entry)
    return _first_paragraph(writer, entry, authors[0])


def expand(seed: int, date: str, entry: Entry) -> SimArticle:
    """Write out the body of ``entry``."""
    rng, writer, authors, emails = _start(seed, entry)
    paragraphs = [_first_paragraph(writer, entry, authors[0])]
    paragraphs += [writer.paragraph() for _ in range(rng.randint(4, 19))]
    summary: list[str] = []
    if entry.layout in NEW_LAYOUTS and rng.random() < 0.4:
        summary = [writer.title() for _ in range(rng.randint(1, 3))]
    captions = [writer.caption() for _ in range(_photo_count(rng))]
    noise = tuple(kind for kind, share in _NOISE[entry.layout] if rng.random() < share)
    pool = sections.SUBSECTIONS[entry.section]
    return SimArticle(
        oid=entry.oid,
        aid=entry.aid,
        section=entry.section,
        layout=entry.layout,
        press=presses.BY_OID[entry.oid].name,
        title=entry.title,
        paragraphs=summary + paragraphs,
        authors=authors,
        published=entry.published,
        modified=entry.modified,
        also_listed_in=entry.also_listed_in,
        date=date,
        emails=emails,
        sid2=rng.choice(pool)[0],
        summary=summary,
        captions=captions,
        noise=noise,
        thumb=entry.thumb,
    )


# Which clutter each layout may carry in its body, and how often.
_NOISE: dict[str, tuple[tuple[str, float], ...]] = {
    "2023": (("ad", 0.25), ("script", 0.2), ("email", 0.45), ("copyright", 0.3)),
    "2022": (("ad", 0.25), ("script", 0.2), ("email", 0.45), ("copyright", 0.3)),
    "read.naver": (("email", 0.4), ("copyright", 0.2), ("promo", 0.4)),
    "sports": (("promo", 0.6), ("copyright", 0.8)),
    "entertain": (("ad", 0.2), ("email", 0.5), ("copyright", 0.5), ("promo", 0.3)),
}


def _start(seed: int, entry: Entry) -> tuple[random.Random, Writer, list[str], list[str]]:
    rng = random.Random(f"naver-sim:body:{seed}:{entry.oid}:{entry.aid}")
    writer = Writer(rng, entry.vocab, entry.published.day)
    mail = presses.BY_OID[entry.oid].mail
    # Sports and entertainment bylines name one reporter only.
    single = rng.random() < 0.8 or entry.layout in _POOLS
    people = [person_name(rng)]
    while not single and len(people) < 2:
        other = person_name(rng)
        if other[0] != people[0][0]:  # two reporters of one name would read as one
            people.append(other)
    authors = [name for name, _ in people]
    emails = [f"{local}@{mail}" for _, local in people]
    return rng, writer, authors, emails


def _first_paragraph(writer: Writer, entry: Entry, author: str) -> str:
    text = writer.paragraph()
    press = presses.BY_OID[entry.oid].name
    if entry.layout == "sports":
        return presses.SPORTS_DATELINE.format(press=press, name=author) + text
    dateline = presses.DATELINES.get(entry.oid)
    if dateline is None:
        return text
    return dateline.format(place=writer.word("place"), name=author) + text


def _photo_count(rng: random.Random) -> int:
    roll = rng.random()
    return 0 if roll < 0.35 else 1 if roll < 0.75 else 2 if roll < 0.93 else 3
