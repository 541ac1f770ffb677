"""The date list: ``news.naver.com/main/list.naver?mode=LSD&sid1=..&date=..&page=..``.

One page object reads every template of it: the section lists (``mode=LSD``/``LS2D``:
``ul.type06_headline`` and ``ul.type06``), the per-press list (``mode=LPOD``: a ``dl.type04``
headline plus ``ul.type02``) and the paper, title, summary and photo views.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawler.naver import ArticleKey, article_key
from newscrawler.pages.document import Document, own_texts
from newscrawler.pages.encoding import fix_encoding, page_source
from newscrawler.pages.times import KST, parse_list_time

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import TextResponse
    from selectolax.lexbor import LexborNode

# Only the list body: ranking asides on the same page link articles of other dates.
_ITEM_LINKS = "div.list_body a[href]"


def is_date_list_url(url: str) -> bool:
    """Whether ``url`` is a date list (``list.naver``, formerly ``list.nhn``)."""
    return urlsplit(url).path.rsplit("/", 1)[-1] in ("list.naver", "list.nhn")


class DateListPage:
    """One page of a date list."""

    layout = "list.naver"
    marker = "div.list_body, div.paging"

    def __init__(self, response: TextResponse) -> None:
        self.response = fix_encoding(response)
        self.document = Document(page_source(self.response))

    def is_date_list(self) -> bool:
        """Whether the page has a list body or paging at all."""
        return self.document.first(self.marker) is not None

    def links(self) -> dict[ArticleKey, str]:
        """The listed articles, in list order, each once, with the link the list gives."""
        links: dict[ArticleKey, str] = {}
        # A photo and a title link the same article with the same href: read each href once.
        for href in dict.fromkeys(node.attrs.get("href") or "" for node in self._item_links):
            key = article_key(href)
            if key and key not in links:
                links[key] = self.response.urljoin(href.strip())
        return links

    def articles(self) -> list[ArticleKey]:
        """The listed articles, in list order, each once."""
        return list(self.links())

    def listed_at(self, now: datetime | None = None) -> dict[ArticleKey, datetime | None]:
        """Each listed article's time as the list shows it; relative ones (``2분전``) are
        read against ``now``, by default the response's ``Date`` header or the clock."""
        now = now or self._served_at()
        times: dict[ArticleKey, datetime | None] = {}
        for node in self._item_links:
            key = article_key(node.attrs.get("href") or "")
            if key and key not in times:
                item = _enclosing_item(node)
                stamp = item.css_first("span.date") if item is not None else None
                times[key] = parse_list_time(stamp.text() if stamp else None, now)
        return times

    def page(self) -> int:
        """The page shown (Naver shows the last page for any number past it)."""
        current = next(self._paging_texts("strong"), "").strip()
        return int(current) if current.isdigit() else 1

    def last_page(self) -> int:
        """The highest page number the paging area shows."""
        labels = self._paging_texts("strong, a")
        return max((int(label) for label in map(str.strip, labels) if label.isdigit()), default=1)

    def has_more_pages(self) -> bool:
        """Whether the paging links a further block of pages (``다음``)."""
        return any(paging.css_first("a.next") is not None for paging in self._pagings)

    @cached_property
    def _pagings(self) -> list[LexborNode]:
        return self.document.css("div.paging")

    @cached_property
    def _item_links(self) -> list[LexborNode]:
        return self.document.css(_ITEM_LINKS)

    def _paging_texts(self, css: str) -> Iterator[str]:
        """The text nodes directly inside the paging's ``css`` elements."""
        for paging in self._pagings:
            for node in paging.css(css):
                yield from own_texts(node)

    def to_dict(self) -> dict:
        return {
            "articles": [{"oid": k.oid, "aid": k.aid, "url": k.url} for k in self.articles()],
            "page": self.page(),
            "last_page": self.last_page(),
        }

    def _served_at(self) -> datetime:
        date = self.response.headers.get("Date")
        if date:
            try:
                return parsedate_to_datetime(date.decode("latin-1")).astimezone(KST)
            except (TypeError, ValueError):
                pass
        return datetime.now(KST)


def _enclosing_item(node: LexborNode) -> LexborNode | None:
    """The list item (``li``, or the ``dl`` of a headline block) holding a link."""
    while node is not None and node.tag not in ("li", "dl"):
        node = node.parent
    return node
