"""``scrapy crawl`` that checks its input before starting and fails on a failed crawl."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.spiderloader import get_spider_loader

from newscrawler.crawl import preflight
from newscrawler.extensions.alarm import crawl_failure
from newscrawler.lake.storage import StorageError

if TYPE_CHECKING:
    import argparse

    from scrapy import Spider
    from scrapy.crawler import Crawler


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl, plus the crawl pre-flight: bad spider arguments or settings exit 2
    with one line (before Scrapy starts logging); an unreachable lake or Naver exits 1; a
    committed date is skipped with one line unless ``NEWS_OVERWRITE`` is set; a crawl that
    the extraction alarm, an unfinished run or a failed upload marks failed exits 1."""

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        try:
            spidercls = get_spider_loader(self.settings).load(args[0]) if len(args) == 1 else None
            if not hasattr(spidercls, "check_arguments"):
                return
            date = spidercls.check_arguments(**opts.spargs)
            plan = preflight(
                [date], self._typed_settings(opts), sections=opts.spargs.get("sections")
            )
        except (KeyError, ValueError) as error:
            _exit(_message(error), 2)
        except (StorageError, ConnectionError) as error:
            _exit(str(error), 1)
        if date in plan.skipped:
            where = plan.storage.uri if plan.storage is not None else ""
            print(
                f"scrapy crawl: {plan.skipped[date]} in {where}; skipping: set "
                "NEWS_OVERWRITE=1 to crawl it again, or -s NEWS_OUTPUT_URI= to crawl without "
                "the lake",
                file=sys.stderr,
            )
            raise SystemExit(0)

    def _typed_settings(self, opts: argparse.Namespace) -> dict[str, str]:
        """The ``-s`` settings typed on the command line."""
        pairs = (pair.partition("=") for pair in getattr(opts, "set", []) or [])
        return {name: value for name, _, value in pairs}

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
