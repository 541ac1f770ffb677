"""Hostile and variant pages, served with ``--variants``: what real Naver pages sometimes are.

Article variants replace some of a date's articles (chosen by a hash of the article, so
stable per seed); list variants restyle some list pages. ``/_sim/variants`` names each
variant, a Naver-shaped URL that serves it, and what a correct crawler makes of it.
Only ``only_scripts`` pages hold no article: a crawler counts them as unknown layouts,
and they are left out of ``/_sim/articles`` when variants are on.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from html import escape

from newscrawler.sim import catalog, date_list, mobile_article
from newscrawler.sim import press as presses
from newscrawler.sim.catalog import Entry, SimArticle
from newscrawler.sim.markup import Body, Chunk, chunk, fragment

HUGE_BYTES = 10 * 1024 * 1024
NESTING = 2000  # deeper than libxml2's default limit of 256 levels
SAMPLE_DATE = "20240530"  # the date whose articles stand for each variant
# Zero-width and control characters Naver titles have been seen to carry.
TITLE_JUNK = ("\u200b", "\ufeff", "\x07", "\u2060", "\x1b")


@dataclass(frozen=True)
class Variant:
    """One kind of hostile page: the layouts it can take and what a crawler should do."""

    name: str
    layouts: frozenset[str]
    share: int  # per thousand articles of those layouts
    expected: str  # "extracted" or "unknown"
    about: str


ARTICLE_VARIANTS: tuple[Variant, ...] = (
    Variant("broken_markup", frozenset({"2023"}), 20, "extracted",
            "unclosed items, stray end tags, no </body></html>, cut off mid-tag"),
    Variant("deep_nesting", frozenset({"2023", "2022"}), 10, "extracted",
            f"{NESTING} nested <div>s after the article body"),
    Variant("euc_kr_declared_utf8", frozenset({"read.naver"}), 40, "extracted",
            "EUC-KR bytes, but the header and <meta> say UTF-8"),
    Variant("utf8_declared_euc_kr", frozenset({"read.naver"}), 40, "extracted",
            "UTF-8 bytes, but the header and <meta> say EUC-KR (as saved captures do)"),
    Variant("only_scripts", frozenset({"2023"}), 10, "unknown",
            "a body of only <script>s (a page rendered in the browser): no article"),
    Variant("control_title", frozenset({"2023", "2022"}), 20, "extracted",
            "zero-width and control characters in the title"),
    Variant("press_header_2026", frozenset({"2023"}), 60, "extracted",
            "the 2026 press header: img.media_end_head_top_img[alt] and "
            "span.media_end_head_top_press, no title attribute"),
    Variant("sports_guide_footer", frozenset({"sports"}), 300, "extracted",
            "the section-guide footer inside #newsEndContents (not body text)"),
    Variant("huge_body", frozenset({"2023"}), 0, "extracted",
            "a 10 MB page (a 10 MB inline JSON script after the article)"),
)  # fmt: skip
BY_NAME = {v.name: v for v in ARTICLE_VARIANTS}
# Which list pages take a variant style when variants are on: page number % 5.
LIST_STYLES = {2: "relative", 3: "type02", 4: "broken"}


def article_variant(
    seed: int, entry: Entry | SimArticle, date: str, articles_per_day: int
) -> str | None:
    """The variant ``entry`` is served as, or None for the usual page."""
    if entry.layout == "2023" and entry.aid == _huge_aid(seed, date, articles_per_day):
        return "huge_body"
    roll = zlib.crc32(f"variant:{seed}:{entry.oid}:{entry.aid}".encode()) % 1000
    for variant in ARTICLE_VARIANTS:
        if entry.layout not in variant.layouts:
            continue
        if roll < variant.share:
            return variant.name
        roll -= variant.share
    return None


@cache
def _huge_aid(seed: int, date: str, articles_per_day: int) -> str | None:
    # One 10 MB page a date: the first 2023-layout article of the day.
    first = (e for e in catalog.entries(seed, date, articles_per_day) if e.layout == "2023")
    return next((e.aid for e in first), None)


def list_style(page: int) -> str:
    """The item style of list page ``page`` when variants are on."""
    return LIST_STYLES.get(page % 5, "type06")


def truth(seed: int, date: str, articles_per_day: int) -> list[Entry]:
    """The articles a correct crawler extracts from ``date`` when variants are on."""
    return [
        e
        for e in catalog.entries(seed, date, articles_per_day)
        if article_variant(seed, e, date, articles_per_day) != "only_scripts"
    ]


def of_date(seed: int, date: str, articles_per_day: int) -> list[dict[str, str]]:
    """Every variant article of ``date``, with what a crawler should make of it."""
    out = []
    for e in catalog.entries(seed, date, articles_per_day):
        name = article_variant(seed, e, date, articles_per_day)
        if name:
            out.append({"oid": e.oid, "aid": e.aid, "variant": name,
                        "expected": BY_NAME[name].expected})  # fmt: skip
    return out


def render(name: str, article: SimArticle, page: Body, content_type: str) -> tuple[Body, str]:
    """``page`` (the usual rendering of ``article``) turned into variant ``name``."""
    if name == "huge_body":
        head, _, tail = page.raw().rpartition(b"</body>")
        return Body((head, _huge_payload(), b"</body>" + tail)), content_type
    if name == "only_scripts":
        text = fragment("variants/only_scripts.html").substitute(
            title=escape(article.title), url=article.url, oid=article.oid, aid=article.aid
        )
        return Body.of(text.encode()), content_type
    raw = page.raw()
    if name == "euc_kr_declared_utf8":
        raw = raw.replace(b'<meta charset="euc-kr">', b'<meta charset="utf-8">')
        return Body.of(raw), "text/html;charset=UTF-8"
    if name == "utf8_declared_euc_kr":
        return Body.of(raw.decode("cp949").encode("utf-8")), content_type
    return Body.of(_REWRITES[name](article, raw)), content_type


def _broken(article: SimArticle, raw: bytes) -> bytes:
    head, _, rest = raw.partition(b'<div class="media_end_head go_trans">')
    head = head.replace(b"</li>", b"") + b"</span></em></table>\n"
    body = rest.rsplit(b"</body>", 1)[0]
    cut = body.rfind(b'<footer class="Nfooter">')
    return head + b'<div class="media_end_head go_trans">' + body[: cut + 40]


def _deep(article: SimArticle, raw: bytes) -> bytes:
    nested = fragment("variants/deep_nesting.html").substitute(
        opening='<div class="_nest">' * NESTING, closing="</div>" * NESTING
    )
    head, _, tail = raw.rpartition(b'<footer class="Nfooter">')
    return head + nested.encode() + b'<footer class="Nfooter">' + tail


def junk_title(title: str) -> str:
    """``title`` with zero-width and control characters between its words."""
    words = title.split(" ")
    return " ".join(w + TITLE_JUNK[n % len(TITLE_JUNK)] for n, w in enumerate(words))


def _control_title(article: SimArticle, raw: bytes) -> bytes:
    for quote in (True, False):
        clean = escape(article.title, quote=quote)
        raw = raw.replace(clean.encode(), escape(junk_title(article.title), quote=quote).encode())
    return raw


def _press_header(article: SimArticle, raw: bytes) -> bytes:
    header = fragment("variants/press_header_2026.html").substitute(
        logo=presses.logo_url(article.oid), press=article.press
    )
    return raw.replace(mobile_article.logos(article).encode(), header.encode())


def _sports_guide(article: SimArticle, raw: bytes) -> bytes:
    short = fragment("sports/guide.html").substitute().encode()
    return raw.replace(short, fragment("variants/sports_guide.html").substitute().encode())


_REWRITES = {
    "broken_markup": _broken,
    "deep_nesting": _deep,
    "control_title": _control_title,
    "press_header_2026": _press_header,
    "sports_guide_footer": _sports_guide,
}


@cache
def _huge_payload() -> Chunk:
    item = '{"type":"card","id":%d,"title":"오늘의 추천 뉴스","thumb":"https://imgnews.pstatic.net/x.jpg"},'
    count = HUGE_BYTES // len(item % 100000)
    payload = "[" + "".join(item % n for n in range(100000, 100000 + count)) + "{}]"
    return chunk(fragment("variants/huge_payload.html").substitute(payload=payload))


def catalog_of(seed: int, articles_per_day: int) -> dict[str, object]:
    """What ``/_sim/variants`` answers: each variant, a URL serving it, the expectation."""
    entries = catalog.entries(seed, SAMPLE_DATE, articles_per_day)
    pages = []
    for variant in ARTICLE_VARIANTS:
        sample = next(
            (e for e in entries
             if article_variant(seed, e, SAMPLE_DATE, articles_per_day) == variant.name),
            None,
        )  # fmt: skip
        if sample is None:
            continue
        article = catalog.expand(seed, SAMPLE_DATE, sample)
        pages.append({"name": variant.name, "kind": "article", "about": variant.about,
                      "url": article.url, "expected": _expected(variant, article)})  # fmt: skip
    pages += _list_samples(seed, articles_per_day)
    return {
        "sample_date": SAMPLE_DATE,
        "articles": "/_sim/variants?date=YYYYMMDD lists a date's variant articles",
        "unknown": [v.name for v in ARTICLE_VARIANTS if v.expected == "unknown"],
        "list_styles": {str(k): v for k, v in LIST_STYLES.items()},
        "variants": pages,
    }


def _expected(variant: Variant, article: SimArticle) -> dict[str, object]:
    if variant.expected == "unknown":
        return {"status": "unknown"}
    return {
        "status": "extracted",
        "oid": article.oid,
        "aid": article.aid,
        "title": article.title,
        "press": article.press,
        "section": article.section,
        "published": f"{article.published:%Y-%m-%dT%H:%M:%S}",
        "modified": f"{article.modified:%Y-%m-%dT%H:%M:%S}" if article.modified else None,
        "authors": article.authors,
        "paragraphs": article.paragraphs,
    }


def _list_samples(seed: int, articles_per_day: int) -> list[dict[str, object]]:
    day = catalog.parse_date(SAMPLE_DATE)
    assert day is not None
    out: list[dict[str, object]] = []
    listed = catalog.section_entries(seed, SAMPLE_DATE, articles_per_day, "102")
    for number, style in sorted(LIST_STYLES.items()):
        shown = date_list.shown(listed, number)[2]
        out.append({
            "name": f"list_{style}", "kind": "list", "about": f"a date list in the {style} style",
            "url": f"https://news.naver.com/main/list.naver?mode=LSD&mid=sec&sid1=102"
                   f"&date={SAMPLE_DATE}&page={number}",
            "expected": {"status": "listed", "articles": [[e.oid, e.aid] for e in shown]},
        })  # fmt: skip
    by_press = date_list.press_entries(seed, SAMPLE_DATE, articles_per_day, "001")
    out.append({
        "name": "list_lpod", "kind": "list",
        "about": "the per-press list: a dl.type04 headline and ul.type02 items",
        "url": f"https://news.naver.com/main/list.naver?mode=LPOD&mid=sec&oid=001&date={SAMPLE_DATE}",
        "expected": {"status": "listed",
                     "articles": [[e.oid, e.aid] for e in date_list.shown(by_press, 1)[2]]},
    })  # fmt: skip
    out.append({
        "name": "list_empty", "kind": "list", "about": "a date list with no article",
        "url": f"https://news.naver.com/main/list.naver?mode=LSD&mid=sec&sid1=100&date={_EMPTY}",
        "expected": {"status": "listed", "articles": []},
    })  # fmt: skip
    return out


_EMPTY = f"{catalog.EPOCH.replace(year=catalog.EPOCH.year - 1):%Y%m%d}"  # before the catalog
