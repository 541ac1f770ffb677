"""The ``naver_news`` spider: every section's date list for one date, then every article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawler.inputs import parse_date, parse_sections, unknown_arguments
from newscrawler.naver import ArticleKey, is_loopback, list_url
from newscrawler.pages import DateListPage, UnknownLayoutError, article_page_for

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from newscrawler.items import ArticleItem

# A simulator on this machine needs no politeness; explicit settings still win. Eight
# requests at once keep both cores busy; more only add responses held in memory.
LOOPBACK_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "NEWS_RETRY_BACKOFF_BASE": 0.05,
}


ARTICLE_PRIORITY = 10
# Answers for an article its press removed after the list named it.
GONE_STATUSES = (404, 410)


class NaverNewsSpider(scrapy.Spider):
    """Crawl one date of Naver News.

    Arguments: ``date`` (``20180101`` or ``2018-01-01``) and ``sections`` (comma-separated
    sid1 codes; default ``NAVER_SECTIONS``, every news section).
    """

    name = "naver_news"

    def __init__(self, date: str | None = None, sections: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.date = parse_date(date)
        self.sections = parse_sections(sections)
        self.seen: set[ArticleKey] = set()
        self.probe_page = 1000

    @staticmethod
    def check_arguments(date: str | None = None, sections: str | None = None, **other: str) -> str:
        """The date to crawl; ValueError for arguments the spider would refuse."""
        if other:
            raise ValueError(unknown_arguments(other, ("date", "sections")))
        if sections is not None:
            parse_sections(sections)
        return parse_date(date)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        kwargs.setdefault("sections", crawler.settings.get("NAVER_SECTIONS"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.probe_page = crawler.settings.getint("NAVER_LAST_PAGE_PROBE")
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not is_loopback(settings.get("NAVER_BASE_URL") or ""):
            return
        for name, value in LOOPBACK_SETTINGS.items():
            if settings.getpriority(name) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority="spider")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for sid1 in self.sections:
            yield self._list_request(sid1, 1, self.parse_first_page)

    def parse_first_page(self, response: Response, sid1: str, page: int) -> Iterator[Any]:
        """Page 1 shows up to ten page links; past those, probe for the last page."""
        listing = DateListPage(response)
        yield from self._follow_articles(listing, sid1, page)
        if listing.has_more_pages():
            probe = self._list_request(sid1, self.probe_page, self.parse_probe)
            probe.cb_kwargs["at_least"] = listing.last_page() + 1
            yield probe
        else:
            yield from self._list_pages(sid1, 2, listing.last_page())

    def parse_probe(self, response: Response, sid1: str, page: int, at_least: int) -> Iterator[Any]:
        """Naver answers a page past the end with the last page, which ``<strong>`` names."""
        last = DateListPage(response).page()
        if last >= page:  # the list is longer still: probe further out
            probe = self._list_request(sid1, page * 2, self.parse_probe)
            probe.cb_kwargs["at_least"] = at_least
            yield probe
            return
        if last < at_least:
            # Page 1 linked further pages than this: the paging markup has changed.
            self.crawler.stats.inc_value("newscrawler/list_pages_failed")
            self.logger.error(
                "section %s: the last-page probe found page %d, but page 1 links page %d",
                sid1, last, at_least,
            )  # fmt: skip
            last = at_least
        self.logger.debug("section %s of %s has %d list pages", sid1, self.date, last)
        yield from self._list_pages(sid1, 2, last)

    def parse_list_page(self, response: Response, sid1: str, page: int) -> Iterator[Any]:
        yield from self._follow_articles(DateListPage(response), sid1, page)

    def parse_article(self, response: Response, sid1: str) -> Iterator[ArticleItem]:
        try:
            article = article_page_for(response)
        except UnknownLayoutError:
            self.crawler.stats.inc_value("newscrawler/articles_unknown_layout")
            url = response.request.meta.get("naver_url", response.url)
            self.logger.warning("article layout not known, not extracted: %s", url)
            return
        yield article.to_item(date=self.date, list_section=sid1)

    def _list_pages(self, sid1: str, first: int, last: int) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value("newscrawler/list_pages", last)
        for page in range(first, last + 1):
            yield self._list_request(sid1, page, self.parse_list_page)

    def _list_request(self, sid1: str, page: int, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            list_url(sid1, self.date, page),
            callback=callback,
            errback=self.list_failed,
            cb_kwargs={"sid1": sid1, "page": page},
            dont_filter=True,
        )

    def _follow_articles(
        self, listing: DateListPage, sid1: str, page: int
    ) -> Iterator[scrapy.Request]:
        if listing.page() != page:
            # Asked past the end: Naver repeated its last page. Nothing new can follow.
            self.crawler.stats.inc_value("newscrawler/list_pages_repeated")
        for key, link in listing.links().items():
            if key in self.seen:
                self.crawler.stats.inc_value("newscrawler/articles_listed_again")
                continue
            self.seen.add(key)
            self.crawler.stats.inc_value("newscrawler/articles_listed")
            # Articles before further list pages: the queue stays short however long the
            # date's lists are, and so does memory. Dedupe is by (oid, aid) above.
            yield scrapy.Request(
                link,
                callback=self.parse_article,
                errback=self.article_failed,
                cb_kwargs={"sid1": sid1},
                priority=ARTICLE_PRIORITY,
                dont_filter=True,
            )

    def list_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("newscrawler/list_pages_failed")
        self.logger.error("list page failed: %s (%s)", failure.request.url, failure.value)

    def article_failed(self, failure: Failure) -> None:
        if failure.check(HttpError) and failure.value.response.status in GONE_STATUSES:
            # Listed, then removed by its press: nothing to crawl, and retrying won't help.
            self.crawler.stats.inc_value("newscrawler/articles_gone")
            self.logger.warning("article gone (%s): %s", failure.value.response.status,
                                failure.request.url)  # fmt: skip
            return
        self.crawler.stats.inc_value("newscrawler/articles_failed")
        self.logger.error("article failed: %s (%s)", failure.request.url, failure.value)
