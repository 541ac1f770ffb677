"""Whether a finished crawl succeeded, read from its stats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.alarm import FAILURE_STAT

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def crawl_failure(crawler: Crawler) -> str | None:
    """The reason ``crawler``'s crawl failed, or None when it succeeded."""
    stats = crawler.stats
    if stats is None:
        return "crawler has no stats"
    failure = stats.get_value(FAILURE_STAT)
    if failure:
        return str(failure)
    reason = stats.get_value("finish_reason")
    if reason != "finished":
        return f"crawl did not finish (finish reason: {reason})"
    return None
