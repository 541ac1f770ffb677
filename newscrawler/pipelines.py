"""The lake pipeline: stream a date's items into staged parts, publish them on success."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import run_in_thread

from newscrawler import __version__
from newscrawler.coverage import LIST_SOURCE, skip_reason
from newscrawler.extensions.alarm import FAILURE_STAT, judge
from newscrawler.lake.staging import new_staging
from newscrawler.lake.storage import StorageError, storage_for
from newscrawler.lake.writers import PartitionWriter

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

    from newscrawler.lake.storage import LakeStorage

logger = logging.getLogger(__name__)

MANIFEST_STATS = {
    "listed": "newscrawler/articles_listed",
    "crawled": "item_scraped_count",
    "retried": "retry/count",
    "failed": "newscrawler/articles_failed",
    "gone": "newscrawler/articles_gone",
    "incomplete": "newscrawler/articles_incomplete",
    "unknown_layout": "newscrawler/articles_unknown_layout",
    "list_pages": "newscrawler/list_pages",
    "requests": "downloader/request_count",
}


class LakePipeline:
    """Write the crawled date as one partition of the lake at ``NEWS_OUTPUT_URI``.

    Parts go to local staging while the crawl runs; when the spider closes, a crawl that
    succeeded publishes them (the ``_SUCCESS`` manifest last) and any other crawl publishes
    nothing. A failed upload fails the crawl.
    """

    def __init__(self, crawler: Crawler, storage: LakeStorage, fmt: str) -> None:
        self.crawler, self.storage, self.fmt = crawler, storage, fmt
        settings = crawler.settings
        self.writer_options = {
            "rows_per_part": settings.getint("NEWS_ROWS_PER_PART"),
            "parquet_compression": settings.get("NEWS_PARQUET_COMPRESSION"),
            "parquet_compression_level": settings.getint("NEWS_PARQUET_COMPRESSION_LEVEL") or None,
            "row_group_rows": settings.getint("NEWS_PARQUET_ROW_GROUP_ROWS"),
            "gzip_level": settings.getint("NEWS_JSONL_GZIP_LEVEL"),
        }
        self.max_failure_rate = settings.getfloat("NEWS_EXTRACTION_ALARM_RATE")
        self.staging_root = settings.get("NEWS_STAGING_DIR") or None
        self.overwrite = settings.getbool("NEWS_OVERWRITE")
        self.staging: Path | None = None
        self.writer: PartitionWriter | None = None
        self.started_at = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        storage = storage_for(crawler.settings)
        if storage is None:
            raise NotConfigured("NEWS_OUTPUT_URI is empty: not writing the lake")
        pipeline = cls(crawler, storage, crawler.settings.get("NEWS_OUTPUT_FORMAT"))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.staging = new_staging(self.staging_root)
        self.writer = PartitionWriter(self.staging, self.fmt, **self.writer_options)

    def process_item(self, item: Any) -> Any:
        assert self.writer is not None
        self.writer.write(ItemAdapter(item).asdict())
        return item

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.writer is not None
        try:
            files = self.writer.close()
            failure = judge(self.crawler.stats, reason, self.max_failure_rate)
            if failure:
                level = logging.WARNING if reason == "shutdown" else logging.ERROR
                logger.log(level, "not publishing date=%s: %s", spider.date, failure)
                return
            current = await run_in_thread(self.storage.read_marker, spider.date)
            refused = skip_reason(spider.date, current, spider.sections, self.overwrite)
            if refused:
                raise StorageError(f"{refused}, committed while this crawl ran")
            manifest = self.manifest(spider.date, spider.sections)
            await run_in_thread(self.storage.publish, spider.date, files, manifest)
        except (StorageError, OSError) as error:
            message = f"publishing date={spider.date} failed: {error}"
            self.crawler.stats.set_value(FAILURE_STAT, message)
            logger.error(message)
        else:
            published = f"{self.storage.uri}/date={spider.date}"
            self.crawler.stats.set_value("newscrawler/published", published)
            logger.info("published %s", published)
        finally:
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)

    def manifest(self, date: str, sections: list[str]) -> dict:
        """The ``_SUCCESS`` marker's content; the storage adds the files it commits."""
        stats = self.crawler.stats.get_stats()
        return {
            "date": date,
            "format": self.fmt,
            "sections": sorted(sections),
            "list_source": LIST_SOURCE,
            "crawl": {name: stats.get(key, 0) for name, key in MANIFEST_STATS.items()},
            "version": __version__,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
