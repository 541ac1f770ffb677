"""The layout-change alarm: fail a crawl whose extraction quietly stopped working."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter
from scrapy import signals

from newscrawler.items import REQUIRED_FIELDS

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

FAILURE_STAT = "newscrawler/failure"


class ExtractionAlarm:
    """Count articles missing required fields; fail the crawl past ``NEWS_EXTRACTION_ALARM_RATE``.

    Also fails a crawl whose lists yielded no article at all, and one whose list pages could
    not be fetched (the date would be incomplete). The reason lands in the
    ``newscrawler/failure`` stat, which ``scrapy crawl`` and ``run_scrapy.py`` turn into a
    non-zero exit status.
    """

    def __init__(self, stats: StatsCollector, max_rate: float) -> None:
        self.stats = stats
        self.max_rate = max_rate
        self.missing: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        alarm = cls(crawler.stats, crawler.settings.getfloat("NEWS_EXTRACTION_ALARM_RATE"))
        crawler.signals.connect(alarm.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(alarm.spider_closed, signal=signals.spider_closed)
        return alarm

    def item_scraped(self, item: object) -> None:
        adapter = ItemAdapter(item)
        missing = [name for name in REQUIRED_FIELDS if not adapter.get(name)]
        if missing:
            self.stats.inc_value("newscrawler/articles_incomplete")
            for name in missing:
                self.missing[name] += 1
                self.stats.inc_value(f"newscrawler/missing/{name}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        failure = self.failure(reason)
        if failure:
            self.stats.set_value(FAILURE_STAT, failure)
            logger.error(failure)

    def failure(self, reason: str) -> str | None:
        """Why this crawl must not count as complete, or None."""
        if reason != "finished":
            return f"crawl did not finish (finish reason: {reason})"
        get = self.stats.get_value
        if get("newscrawler/list_pages_failed", 0):
            pages = get("newscrawler/list_pages_failed")
            return f"{pages} date list page(s) could not be fetched: the date is incomplete"
        listed = get("newscrawler/articles_listed", 0)
        if not listed:
            return "no articles found in the date lists: Naver's list markup may have changed"
        return self._rate_failure(listed)

    def _rate_failure(self, listed: int) -> str | None:
        get = self.stats.get_value
        lost = (
            get("newscrawler/articles_incomplete", 0)
            + get("newscrawler/articles_failed", 0)
            + get("newscrawler/articles_unknown_layout", 0)
        )
        if lost / listed <= self.max_rate:
            return None
        fields = ", ".join(f"{name} ({count})" for name, count in self.missing.most_common())
        return (
            f"extraction failed for {lost} of {listed} articles ({lost / listed:.1%} > "
            f"{self.max_rate:.1%}); missing fields: {fields or 'none'}; "
            f"failed downloads: {get('newscrawler/articles_failed', 0)}, "
            f"unknown layouts: {get('newscrawler/articles_unknown_layout', 0)}. "
            "Naver's markup may have changed."
        )
