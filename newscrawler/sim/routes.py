"""What the simulator answers for a path and query: Naver's pages plus ``/_sim/*``.

Every Naver host is served from one origin, so only the path and query tell pages apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from html import escape
from urllib.parse import parse_qs, urlsplit

from newscrawler.sim import (
    catalog,
    date_list,
    entertain_article,
    mobile_article,
    read_naver_article,
    sports_article,
    variants,
)
from newscrawler.sim.catalog import SimArticle
from newscrawler.sim.drift import NO_DRIFT, Drift
from newscrawler.sim.markup import Body, fragment

HTML_UTF8 = "text/html;charset=UTF-8"
HTML_EUCKR = "text/html;charset=EUC-KR"
JSON = "application/json;charset=UTF-8"
KST = timezone(timedelta(hours=9))
ROBOTS = b"User-agent: *\nDisallow: /\n"

_LIST_PATHS = frozenset({"/main/list.naver", "/main/list.nhn"})
_READ_NAVER_PATHS = frozenset(
    {"/main/read.naver", "/main/read.nhn", "/main/ranking/read.naver", "/main/ranking/read.nhn"}
)
_SPORTS_PATH = re.compile(r"^/(?:news\.nhn|news|(?:\w+/)?news/read\.(?:naver|nhn))$")
_ENTERTAIN_PATHS = frozenset({"/read", "/now/read"})
_MOBILE_PATH = re.compile(r"^/(?:mnews/)?(?:ranking/)?article/(\d{3})/(\d{10})/?$")
_RENDERERS: dict[str, Callable[[int, int, SimArticle], Body]] = {
    "2023": mobile_article.render,
    "2022": mobile_article.render,
    "read.naver": read_naver_article.render,
    "sports": sports_article.render,
    "entertain": entertain_article.render,
}


@dataclass(frozen=True)
class Response:
    """A complete answer: status, content and the headers besides Content-Length."""

    status: int
    content: Body
    content_type: str = HTML_UTF8
    location: str | None = None
    kind: str = "other"  # "list" or "article" for the paths that may get injected faults

    @property
    def body(self) -> bytes:
        """The content, uncompressed."""
        return self.content.raw()

    @property
    def faultable(self) -> bool:
        """Whether this answers a list or article path (the only ones faults hit)."""
        return self.kind in ("list", "article")


class Site:
    """The simulated Naver of one seed and size."""

    def __init__(
        self,
        seed: int,
        articles_per_day: int,
        stats: Callable[[], dict[str, object]],
        drift: Drift = NO_DRIFT,
        variants: bool = False,
    ) -> None:
        self.seed = seed
        self.articles_per_day = articles_per_day
        self.stats = stats
        self.drift = drift
        self.variants = variants

    def handle(self, target: str) -> Response:
        """The response to a GET of ``target`` (a path with its query)."""
        parts = urlsplit(target)
        path = parts.path or "/"
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if path.startswith("/_sim/"):
            return self._control(path, query)
        if path == "/robots.txt":
            return Response(200, Body.of(ROBOTS), "text/plain;charset=UTF-8")
        if path in _LIST_PATHS:
            return self._list(query)
        match = _MOBILE_PATH.match(path)
        if match:
            return self._article(match.group(1), match.group(2), ("2023", "2022"))
        if path in _READ_NAVER_PATHS:
            return self._article(query.get("oid", ""), query.get("aid", ""), ("read.naver",))
        if _SPORTS_PATH.match(path):
            return self._article(query.get("oid", ""), query.get("aid", ""), ("sports",))
        if path in _ENTERTAIN_PATHS:
            return self._article(query.get("oid", ""), query.get("aid", ""), ("entertain",))
        return Response(404, _not_found())

    def _control(self, path: str, query: dict[str, str]) -> Response:
        if path == "/_sim/health":
            return _json({"ok": True})
        if path == "/_sim/stats":
            return _json(self.stats())
        if path == "/_sim/articles":
            ymd = query.get("date", "")
            if catalog.parse_date(ymd) is None:
                return _json({"error": "date must be YYYYMMDD"}, 400)
            entries = (variants.truth if self.variants else catalog.entries)(
                self.seed, ymd, self.articles_per_day
            )
            return _json([{"oid": e.oid, "aid": e.aid, "section": e.section} for e in entries])
        if path == "/_sim/variants":
            return self._variants(query)
        return _json({"error": "not found"}, 404)

    def _variants(self, query: dict[str, str]) -> Response:
        if not self.variants:
            return _json({"error": "variants are off: start the simulator with --variants"}, 404)
        if "date" not in query:
            return _json(variants.catalog_of(self.seed, self.articles_per_day))
        if catalog.parse_date(query["date"]) is None:
            return _json({"error": "date must be YYYYMMDD"}, 400)
        return _json(variants.of_date(self.seed, query["date"], self.articles_per_day))

    def _list(self, query: dict[str, str]) -> Response:
        day = catalog.parse_date(query.get("date", "")) or datetime.now(KST).date()
        page = query.get("page", "1")
        mid = query.get("mid", "sec") if query.get("mid") in ("sec", "shm") else "sec"
        number = int(page) if page.isdigit() else 1
        if self.variants and query.get("mode") == "LPOD":
            oid = query.get("oid", "")
            body = date_list.render_press(
                self.seed, self.articles_per_day, oid, _clamp(day), number
            )
            return Response(200, body, HTML_EUCKR, kind="list")
        style = variants.list_style(number) if self.variants else "type06"
        body = date_list.render(
            self.seed,
            self.articles_per_day,
            query.get("sid1", ""),
            _clamp(day),
            number,
            mid,
            style,
        )
        return Response(200, self.drift.list_page(body), HTML_EUCKR, kind="list")

    def _article(self, oid: str, aid: str, layouts: tuple[str, ...]) -> Response:
        article = (
            catalog.article(self.seed, oid.zfill(3), aid.zfill(10), self.articles_per_day)
            if oid.isdigit() and aid.isdigit()
            else None
        )
        if article is None:
            return Response(404, _not_found(), kind="article")
        if article.layout not in layouts:
            # Naver sends each article to the one host and path that shows it.
            return Response(302, _moved(article.url), location=article.url, kind="article")
        body = _RENDERERS[article.layout](self.seed, self.articles_per_day, article)
        content_type = HTML_EUCKR if article.layout == "read.naver" else HTML_UTF8
        variant = (
            variants.article_variant(self.seed, article, article.date, self.articles_per_day)
            if self.variants
            else None
        )
        if variant:
            body, content_type = variants.render(variant, article, body, content_type)
        body = self.drift.article(article.oid, article.aid, body)
        return Response(200, body, content_type, kind="article")


def _clamp(day: date) -> date:
    # Keep neighbouring-date links inside what `date` can represent.
    return min(max(day, date(1900, 1, 3)), date(9999, 12, 29))


def _json(payload: object, status: int = 200) -> Response:
    return Response(status, Body.of(json.dumps(payload, ensure_ascii=False).encode()), JSON)


def _moved(url: str) -> Body:
    return Body.of(fragment("error/moved.html").substitute(href=escape(url)).encode())


def _not_found() -> Body:
    return Body.of(fragment("error/not_found.html").substitute().encode())
