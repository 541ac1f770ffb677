"""Machine-readable progress lines on stdout, for ``newscrawler crawl`` workers."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

PREFIX = "@progress "


class ProgressReporter:
    """Every ``NEWS_PROGRESS_INTERVAL`` seconds, print ``@progress {json}`` on stdout."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler, self.interval = crawler, interval
        self.date = ""
        self.task = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWS_PROGRESS"):
            raise NotConfigured
        reporter = cls(crawler, crawler.settings.getfloat("NEWS_PROGRESS_INTERVAL"))
        crawler.signals.connect(reporter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(reporter.spider_closed, signal=signals.spider_closed)
        return reporter

    def spider_opened(self, spider: Spider) -> None:
        self.date = spider.date
        self.task = create_looping_call(self.report)
        self.task.start(self.interval, now=True)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.report()

    def report(self) -> None:
        get = self.crawler.stats.get_value
        line = {
            "date": self.date,
            "listed": get("newscrawler/articles_listed", 0),
            "items": get("item_scraped_count", 0),
            "retries": get("retry/count", 0),
            "errors": get("log_count/ERROR", 0),
        }
        sys.stdout.write(PREFIX + json.dumps(line) + "\n")
        sys.stdout.flush()


def parse_progress(line: str) -> dict | None:
    """The progress record of a worker's stdout line, or None."""
    if not line.startswith(PREFIX):
        return None
    try:
        return json.loads(line[len(PREFIX) :])
    except ValueError:
        return None
