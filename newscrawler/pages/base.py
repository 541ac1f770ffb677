"""What every article page object shares: its inputs, the item, and the field helpers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from newscrawler.items import ArticleItem
from newscrawler.naver import SECTION_NAMES, SECTIONS, ArticleKey, article_key
from newscrawler.pages.document import Document
from newscrawler.pages.encoding import fix_encoding, page_source
from newscrawler.pages.text import body_text, clean_inline, person_name
from newscrawler.pages.times import isoformat, parse_time

if TYPE_CHECKING:
    from scrapy.http import TextResponse
    from selectolax.lexbor import LexborNode

_NAME_SEPARATORS = re.compile(r"[,·/]")


class UnknownLayoutError(ValueError):
    """The page is not a layout we know how to read."""


class ArticlePage:
    """One article page. Subclasses read one layout; each field is one small method.

    Inputs: the response and, when the response's URL is not the Naver URL asked for (a
    simulator, a saved file), that URL. A missing field is None (or ``[]`` for authors), so
    the crawl's extraction alarm counts it.
    """

    #: The layout's name, as the simulator, the fixtures and the README call it.
    layout: ClassVar[str] = ""
    #: CSS that only this layout's pages match.
    marker: ClassVar[str] = ""

    def __init__(
        self, response: TextResponse, url: str | None = None, document: Document | None = None
    ) -> None:
        self.response = response if document else fix_encoding(response)
        self.url = url or naver_url(response)
        self.document = document or Document(page_source(self.response))
        self._times: dict[str, dict[str, datetime]] = {}

    # Fields each layout reads its own way.
    def title(self) -> str | None:
        raise NotImplementedError

    def body(self) -> LexborNode | None:
        return self.document.first(self.marker)

    def press(self) -> str | None:
        raise NotImplementedError

    def authors(self) -> list[str]:
        raise NotImplementedError

    def published(self) -> datetime | None:
        raise NotImplementedError

    def modified(self) -> datetime | None:
        return None

    def section(self) -> str | None:
        return None

    # Fields read the same way on every layout.
    def key(self) -> ArticleKey:
        key = article_key(self.url) or article_key(self.document.meta("og:url") or "")
        if key is None:
            raise UnknownLayoutError(f"no oid/aid in {self.url}")
        return key

    def content(self) -> str | None:
        body = self.body()
        return (body_text(body) or None) if body is not None else None

    def to_item(self, date: str | None = None, list_section: str | None = None) -> ArticleItem:
        """The item; ``list_section`` is the sid1 of the date list that linked the page."""
        key, published = self.key(), self.published()
        section = self._pick_section(list_section)
        return ArticleItem(
            oid=key.oid,
            aid=key.aid,
            url=key.url,
            date=date or (published.strftime("%Y%m%d") if published else None),
            section=section,
            section_name=SECTION_NAMES.get(section or ""),
            press=self.press(),
            title=self.title(),
            content=self.content(),
            authors=self.authors(),
            published_at=isoformat(published),
            modified_at=isoformat(self.modified()),
            time=published.strftime("%Y-%m-%d %H:%M:%S") if published else None,
            crawled_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def _pick_section(self, list_section: str | None) -> str | None:
        # The page's own section wins when it is a list section: an article listed in two
        # sections then gets the same section whichever list the crawler reached first.
        own = self.section()
        if own in SECTIONS or not list_section:
            return own
        return list_section

    # Helpers for the layouts' field methods.
    def _meta_part(self, prop: str, index: int) -> str | None:
        """One ``|``-separated part of a meta tag, e.g. the press in "연합뉴스 | 네이버"."""
        return clean_inline((self.document.meta(prop) or "").split("|")[index])

    def _names(self, css: str, region: Document | None = None) -> list[str]:
        names: list[str] = []
        for text in (region or self.document).texts(css):
            for part in _NAME_SEPARATORS.split(text):
                name = person_name(part)
                if name and name not in names:
                    names.append(name)
        return names

    def _labelled_times(self, css: str) -> dict[str, datetime]:
        """Times written after a label, e.g. ``기사입력 2017.05.12. 오후 02:09``."""
        if css in self._times:  # published and modified read the same elements
            return self._times[css]
        found = self._times[css] = {}
        for text in self.document.texts(css):
            moment = parse_time(text)
            if moment is not None:
                label = "modified" if ("수정" in text or found) else "published"
                found.setdefault(label, moment)
        return found


def naver_url(response: TextResponse) -> str:
    """The Naver URL asked for, before routing to ``NAVER_BASE_URL``."""
    request = response.request
    return (request.meta.get("naver_url") if request else None) or response.url
