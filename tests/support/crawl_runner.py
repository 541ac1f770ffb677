"""Run one crawl in this process and print its stats as JSON (tests run it as a subprocess)."""

from __future__ import annotations

import json
import sys

from scrapy.crawler import CrawlerProcess

from newscrawler.outcome import crawl_failure
from newscrawler.project import project_settings
from newscrawler.spiders.naver_news import NaverNewsSpider


def main() -> None:
    settings, spider_args = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    process = CrawlerProcess(project_settings(settings))
    crawler = process.create_crawler(NaverNewsSpider)
    process.crawl(crawler, **spider_args)
    process.start()
    stats = {key: value for key, value in crawler.stats.get_stats().items()}
    print(json.dumps({"stats": stats, "failure": crawl_failure(crawler)}, default=str))


if __name__ == "__main__":
    main()
