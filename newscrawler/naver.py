"""Naver News facts: sections, hosts, and the URLs of date lists and articles."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

SECTIONS: dict[str, str] = {
    "100": "정치",
    "101": "경제",
    "102": "사회",
    "103": "생활/문화",
    "104": "세계",
    "105": "IT/과학",
    "110": "오피니언",
}
# Names the pages themselves use for sections outside the date lists.
SECTION_NAMES: dict[str, str] = {**SECTIONS, "106": "연예", "107": "스포츠"}
SECTION_IDS: dict[str, str] = {
    **{name: sid for sid, name in SECTION_NAMES.items()},
    "생활": "103",
    "문화": "103",
    "IT": "105",
    "과학": "105",
}

NAVER_HOSTS = frozenset(
    {
        "news.naver.com",
        "n.news.naver.com",
        "m.news.naver.com",
        "sports.news.naver.com",
        "m.sports.naver.com",
        "entertain.naver.com",
        "m.entertain.naver.com",
    }
)
LIST_URL = "https://news.naver.com/main/list.naver"
ARTICLE_URL = "https://n.news.naver.com/mnews/article/{oid}/{aid}"

_ARTICLE_PATH = re.compile(r"/(?:mnews/)?article/(\d{3})/(\d{10})\b")


class ArticleKey(NamedTuple):
    oid: str
    aid: str

    @property
    def url(self) -> str:
        return ARTICLE_URL.format(oid=self.oid, aid=self.aid)


def list_url(sid1: str, date: str, page: int) -> str:
    """The date list of one section, as Naver links it."""
    query = urlencode({"mode": "LSD", "mid": "sec", "sid1": sid1, "date": date, "page": page})
    return f"{LIST_URL}?{query}"


def article_key(url: str) -> ArticleKey | None:
    """(oid, aid) of an article link in any of Naver's forms, or None."""
    parts = urlsplit(url)
    match = _ARTICLE_PATH.search(parts.path)
    if match:
        return ArticleKey(*match.groups())
    query = parse_qs(parts.query)
    oid, aid = query.get("oid", [""])[0], query.get("aid", [""])[0]
    if oid.isdigit() and aid.isdigit():
        return ArticleKey(oid.zfill(3), aid.zfill(10))
    return None


def route(url: str, base_url: str) -> str:
    """Send a Naver URL to ``base_url`` (an origin such as ``http://127.0.0.1:8080``)."""
    parts = urlsplit(url)
    if not base_url or parts.hostname not in NAVER_HOSTS:
        return url
    base = urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def is_loopback(base_url: str) -> bool:
    """Whether ``base_url`` points at this machine (a simulator, not Naver)."""
    host = urlsplit(base_url).hostname or ""
    return host == "localhost" or host == "::1" or host.startswith("127.")
