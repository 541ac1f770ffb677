"""The date list page: ``news.naver.com/main/list.naver?mode=LSD&sid1=..&date=..&page=..``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.naver import ArticleKey, article_key
from newscrawler.pages.encoding import fix_encoding

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# Only the list body: ranking asides on the same page link articles of other dates.
_ITEM_LINKS = "div.list_body li dl dt a::attr(href)"


class DateListPage:
    """One page of a section's date list."""

    marker = "div.list_body, div.paging"

    def __init__(self, response: TextResponse) -> None:
        self.response = fix_encoding(response)

    @classmethod
    def matches(cls, response: TextResponse) -> bool:
        return bool(response.css(cls.marker))

    def links(self) -> dict[ArticleKey, str]:
        """The listed articles, in list order, each once, with the link the list gives."""
        links: dict[ArticleKey, str] = {}
        for href in self.response.css(_ITEM_LINKS).getall():
            key = article_key(href)
            if key and key not in links:
                links[key] = self.response.urljoin(href.strip())
        return links

    def articles(self) -> list[ArticleKey]:
        """The listed articles, in list order, each once."""
        return list(self.links())

    def page(self) -> int:
        """The page shown (Naver shows the last page for any number past it)."""
        current = self.response.css("div.paging strong::text").get("").strip()
        return int(current) if current.isdigit() else 1

    def last_page(self) -> int:
        """The highest page number the paging area shows."""
        labels = self.response.css("div.paging strong::text, div.paging a::text").getall()
        return max((int(label) for label in map(str.strip, labels) if label.isdigit()), default=1)

    def has_more_pages(self) -> bool:
        """Whether the paging links a further block of pages (``다음``)."""
        return bool(self.response.css("div.paging a.next"))

    def to_dict(self) -> dict:
        return {
            "articles": [{"oid": k.oid, "aid": k.aid, "url": k.url} for k in self.articles()],
            "page": self.page(),
            "last_page": self.last_page(),
        }
