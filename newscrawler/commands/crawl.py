"""``scrapy crawl`` that checks its input before starting and fails on a failed crawl."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.spiderloader import get_spider_loader

from newscrawler.outcome import crawl_failure
from newscrawler.storage import StorageError, storage_for

if TYPE_CHECKING:
    import argparse

    from scrapy import Spider
    from scrapy.crawler import Crawler


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl, plus: bad spider arguments or output settings exit 2 with one line
    (before Scrapy starts logging); an unreachable lake exits 1; a crawl that the extraction
    alarm, an unfinished run or a failed upload marks failed exits 1."""

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        try:
            spidercls = get_spider_loader(self.settings).load(args[0]) if len(args) == 1 else None
            if hasattr(spidercls, "check_arguments"):
                spidercls.check_arguments(**opts.spargs)
            storage = storage_for(self.settings)
        except (KeyError, ValueError) as error:
            _exit(_message(error), 2)
        try:
            if storage is not None:
                storage.check()
        except StorageError as error:
            _exit(str(error), 1)

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spidercls)
        self.crawlers.append(crawler)
        return crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        self.crawlers: list[Crawler] = []
        super().run(args, opts)
        failures = [failure for crawler in self.crawlers if (failure := crawl_failure(crawler))]
        if failures and not self.exitcode:
            print(f"scrapy crawl: error: {failures[0]}", file=sys.stderr)
            self.exitcode = 1


def _exit(message: str, status: int) -> None:
    print(f"scrapy crawl: error: {message}", file=sys.stderr)
    raise SystemExit(status)


def _message(error: Exception) -> str:
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
