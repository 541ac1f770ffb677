"""``scrapy crawl`` that checks spider arguments first and fails on a failed crawl."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.outcome import crawl_failure
from newscrawler.storage import StorageError, storage_for

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl, plus: bad spider arguments exit 2 with one line; a crawl that the
    extraction alarm (or an unfinished run) marks failed exits 1."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. scrapy crawl naver_news")
        assert self.crawler_process
        try:
            crawler = self._create_crawler(args[0])
            spidercls = crawler.spidercls
            if hasattr(spidercls, "check_arguments"):
                spidercls.check_arguments(**opts.spargs)
            storage = storage_for(self.settings)
            if storage is not None:
                storage.check()
        except (KeyError, ValueError) as error:
            print(f"scrapy crawl: error: {_message(error)}", file=sys.stderr)
            self.exitcode = 2
            return
        except StorageError as error:
            print(f"scrapy crawl: error: {error}", file=sys.stderr)
            self.exitcode = 1
            return
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        failure = crawl_failure(crawler)
        if failure:
            print(f"scrapy crawl: error: {failure}", file=sys.stderr)
            self.exitcode = 1


def _message(error: Exception) -> str:
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
