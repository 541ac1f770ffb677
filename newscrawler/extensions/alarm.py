"""The crawl's verdict: the layout-change alarm and the one judgement of a finished crawl.

A crawl succeeded only when it finished, every list page was fetched, the lists yielded
articles, and no more than ``NEWS_EXTRACTION_ALARM_RATE`` of them were lost. The verdict is
computed once, when the spider closes, and kept in the stats: the lake pipeline publishes on
it, and ``scrapy crawl``, ``run_scrapy.py`` and the other launchers exit on it.
"""

from __future__ import annotations

import logging
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
VERDICT_STAT = "newscrawler/verdict"
MISSING_PREFIX = "newscrawler/missing/"


class ExtractionAlarm:
    """Count articles missing required fields; judge the crawl when the spider closes.

    The verdict (see :func:`judge`) lands in the ``newscrawler/failure`` stat.
    """

    def __init__(self, stats: StatsCollector, max_rate: float) -> None:
        self.stats = stats
        self.max_rate = max_rate

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
                self.stats.inc_value(MISSING_PREFIX + name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        judge(self.stats, reason, self.max_rate)


def judge(stats: StatsCollector, reason: str, max_rate: float) -> str | None:
    """The crawl's verdict, computed on the first call and kept in the stats: why the crawl
    failed, or None when it succeeded. A failure recorded earlier (an upload) stands."""
    if not stats.get_value(VERDICT_STAT):
        failure = stats.get_value(FAILURE_STAT) or failure_reason(stats, reason, max_rate)
        stats.set_value(VERDICT_STAT, "failed" if failure else "succeeded")
        if failure and not stats.get_value(FAILURE_STAT):
            stats.set_value(FAILURE_STAT, failure)
            # Stopping on request (Ctrl-C, SIGTERM) is what the user asked for, not an error.
            logger.log(logging.WARNING if reason == "shutdown" else logging.ERROR, failure)
    return stats.get_value(FAILURE_STAT) or None


def crawl_failure(crawler: Crawler) -> str | None:
    """Why ``crawler``'s finished crawl failed, or None when it succeeded."""
    stats = crawler.stats
    if stats is None:
        return "crawler has no stats"
    failure = stats.get_value(FAILURE_STAT)
    if failure:
        return str(failure)
    if stats.get_value(VERDICT_STAT) != "succeeded":
        return f"crawl did not finish (finish reason: {stats.get_value('finish_reason')})"
    return None


def failure_reason(stats: StatsCollector, reason: str, max_rate: float) -> str | None:
    """Why this crawl must not count as complete, or None.

    Fails an unfinished crawl, a date whose list pages could not all be fetched, lists that
    yielded no article, any listed article that could not be downloaded (one Naver removed,
    404 or 410, is counted apart and does not fail the date), and more than ``max_rate`` of
    articles lost to unknown layouts or missing required fields.
    """
    get = stats.get_value
    if reason != "finished":
        return f"crawl did not finish (finish reason: {reason})"
    if get("newscrawler/list_pages_failed", 0):
        pages = get("newscrawler/list_pages_failed")
        return f"{pages} date list page(s) could not be fetched: the date would be incomplete"
    listed = get("newscrawler/articles_listed", 0)
    if not listed:
        return "no articles found in the date lists: Naver's list markup may have changed"
    failed = get("newscrawler/articles_failed", 0)
    if failed:
        # A listed article that never arrived would be missing from the committed date.
        return (
            f"{failed} listed article(s) could not be downloaded after every retry: "
            "the date would be incomplete"
        )
    unknown = get("newscrawler/articles_unknown_layout", 0)
    lost = get("newscrawler/articles_incomplete", 0) + failed + unknown
    if lost / listed <= max_rate:
        return None
    missing = {
        key.removeprefix(MISSING_PREFIX): count
        for key, count in stats.get_stats().items()
        if key.startswith(MISSING_PREFIX)
    }
    fields = ", ".join(f"{name} ({count})" for name, count in sorted(missing.items()))
    return (
        f"extraction failed for {lost} of {listed} articles ({lost / listed:.1%} > "
        f"{max_rate:.1%}): missing fields: {fields or 'none'}; failed downloads: {failed}; "
        f"unknown layouts: {unknown}. Naver's markup may have changed"
    )
