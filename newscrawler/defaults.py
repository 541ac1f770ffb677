"""Every ``NAVER_*`` and ``NEWS_*`` setting, with its default and meaning.

Each one can also be given as an environment variable of the same name (that is how
containers and fleets configure a crawl); ``-s NAME=VALUE`` on the command line wins.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple


class Setting(NamedTuple):
    default: Any
    help: str


SETTINGS: dict[str, Setting] = {
    "NAVER_BASE_URL": Setting(
        "", "route every Naver host (news, n.news, sports, entertain) to this origin"
    ),
    "NAVER_SECTIONS": Setting(
        "100,101,102,103,104,105,110", "sid1 codes crawled when the spider gets no `sections`"
    ),
    "NAVER_LAST_PAGE_PROBE": Setting(
        1000, "page number requested to find a list's last page (Naver answers the last page)"
    ),
    "NEWS_EXTRACTION_ALARM_RATE": Setting(
        0.02, "fail the crawl when more than this share of articles lose a required field"
    ),
    "NEWS_OUTPUT_URI": Setting(
        "./data/naver_news", "lake root: a folder, file:///path or s3://bucket/prefix"
    ),
    "NEWS_OUTPUT_FORMAT": Setting("parquet", "parquet, jsonl or jsonl.gz"),
    "NEWS_ROWS_PER_PART": Setting(250_000, "rows per part file before the next part starts"),
    "NEWS_PARQUET_COMPRESSION": Setting("zstd", "Parquet compression codec"),
    "NEWS_PARQUET_ROW_GROUP_ROWS": Setting(2000, "rows buffered per Parquet row group"),
    "NEWS_JSONL_GZIP_LEVEL": Setting(6, "gzip level (1-9) for jsonl.gz"),
    "NEWS_STAGING_DIR": Setting("", "local folder for parts while a date is crawled (temp dir)"),
    "NEWS_OVERWRITE": Setting(False, "crawl a date again even when it is already committed"),
    "NEWS_PROGRESS": Setting(False, "print @progress JSON lines on stdout (crawl workers)"),
    "NEWS_PROGRESS_INTERVAL": Setting(1.0, "seconds between progress lines"),
    "NEWS_RETRY_BACKOFF_BASE": Setting(0.5, "seconds before the first retry; doubles each time"),
    "NEWS_RETRY_BACKOFF_MAX": Setting(60.0, "longest wait between retries, Retry-After included"),
}


def from_environ(environ: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, Any]:
    """Defaults overlaid with environment variables of the same names."""
    return {name: environ.get(name, spec.default) for name, spec in SETTINGS.items()}
