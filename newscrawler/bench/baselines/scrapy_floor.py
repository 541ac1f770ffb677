"""The framework floor: a bare Scrapy spider that fetches a list of URLs and does nothing else.

``python -m newscrawler.bench.baselines.scrapy_floor URLS RESULT``: ``URLS`` is a JSON file
``{"lists": [...], "articles": [...]}`` (what our crawl fetched); ``RESULT`` receives
``{"lists": n, "articles": n, "failed": n}`` (responses fetched, by kind). It runs with the
concurrency and headers our crawl uses against a simulator, and none of its components.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from newscrawler import settings as project
from newscrawler.spiders.naver_news import LOOPBACK_SETTINGS


class FetchOnlySpider(scrapy.Spider):
    """Fetch every URL once; count the responses."""

    name = "fetch_only"

    def __init__(self, lists: list[str], articles: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [(url, "lists") for url in lists] + [(url, "articles") for url in articles]
        self.counts = {"lists": 0, "articles": 0, "failed": 0}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url, kind in self.urls:
            yield scrapy.Request(
                url, self.fetched, errback=self.failed, cb_kwargs={"kind": kind}, dont_filter=True
            )

    def fetched(self, response: Response, kind: str) -> None:
        self.counts[kind] += 1

    def failed(self, failure: Any) -> None:
        self.counts["failed"] += 1


def floor_settings() -> dict[str, Any]:
    """Scrapy's defaults plus what our crawl sends and how many requests it keeps open."""
    scrapy_settings = {name: value for name, value in LOOPBACK_SETTINGS.items() if name.isupper()}
    return {
        **{name: value for name, value in scrapy_settings.items() if not name.startswith("NEWS_")},
        "USER_AGENT": project.USER_AGENT,
        "DEFAULT_REQUEST_HEADERS": project.DEFAULT_REQUEST_HEADERS,
        "ROBOTSTXT_OBEY": False,
        # Every URL is a simulator page that answered 200; never follow anything off it.
        "REDIRECT_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }


def main(argv: list[str]) -> int:
    urls_file, result_file = (Path(arg) for arg in argv)
    urls = json.loads(urls_file.read_text(encoding="utf-8"))
    process = CrawlerProcess(floor_settings())
    crawler = process.create_crawler(FetchOnlySpider)
    process.crawl(crawler, lists=urls["lists"], articles=urls["articles"])
    process.start()
    result_file.write_text(json.dumps(crawler.spider.counts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
