"""Every ``NAVER_*`` and ``NEWS_*`` setting: its default, meaning and check.

Each one can also be given as an environment variable of the same name (that is how
containers and fleets configure a crawl); ``-s NAME=VALUE`` on the command line wins.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from newscrawler.inputs import parse_sections
from newscrawler.lake.layout import check_format

PARQUET_CODECS = ("zstd", "snappy", "gzip", "brotli", "lz4", "none")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class Setting(NamedTuple):
    default: Any
    help: str
    check: Callable[[Any], object] | None = None


def _origin(value: Any) -> None:
    parts = urlsplit(str(value))
    if value and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise ValueError(f"must be an http(s) origin such as http://127.0.0.1:8080, got {value!r}")


def _between(low: float, high: float) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not low <= float(value) <= high:
            raise ValueError(f"must be between {low:g} and {high:g}, got {value}")

    return check


def _codec(value: Any) -> None:
    if str(value) not in PARQUET_CODECS:
        raise ValueError(f"unknown Parquet codec {value!r}: use one of {', '.join(PARQUET_CODECS)}")


SETTINGS: dict[str, Setting] = {
    "NAVER_BASE_URL": Setting(
        "", "route every Naver host (news, n.news, sports, entertain) to this origin", _origin
    ),
    "NAVER_SECTIONS": Setting(
        "100,101,102,103,104,105,110",
        "sid1 codes crawled when the spider gets no `sections`",
        parse_sections,
    ),
    "NAVER_LAST_PAGE_PROBE": Setting(
        1000,
        "page number requested to find a list's last page (Naver answers the last page)",
        _between(2, 1_000_000),
    ),
    "NEWS_EXTRACTION_ALARM_RATE": Setting(
        0.02,
        "fail the crawl when more than this share of articles lose a required field",
        _between(0, 1),
    ),
    "NEWS_OUTPUT_URI": Setting(
        "./data/naver_news", "lake root: a folder, file:///path or s3://bucket/prefix"
    ),
    "NEWS_OUTPUT_FORMAT": Setting("parquet", "parquet, jsonl or jsonl.gz", check_format),
    "NEWS_ROWS_PER_PART": Setting(
        250_000, "rows per part file before the next part starts", _between(1, 10**9)
    ),
    "NEWS_PARQUET_COMPRESSION": Setting("zstd", "Parquet compression codec", _codec),
    # zstd 9 over the default 3: 0.84x the bytes of gzip JSONL instead of 1.10x, for
    # 0.035 ms more CPU per article (newscrawler bench).
    "NEWS_PARQUET_COMPRESSION_LEVEL": Setting(
        9,
        "codec level (zstd 1-22, gzip 1-9, brotli 0-11; 0: the codec's default)",
        _between(0, 22),
    ),
    "NEWS_PARQUET_ROW_GROUP_ROWS": Setting(
        2000, "rows buffered per Parquet row group", _between(1, 10**7)
    ),
    "NEWS_JSONL_GZIP_LEVEL": Setting(6, "gzip level (1-9) for jsonl.gz", _between(1, 9)),
    "NEWS_STAGING_DIR": Setting("", "local folder for parts while a date is crawled (temp dir)"),
    "NEWS_OVERWRITE": Setting(False, "crawl a date again even when it is already committed"),
    "NEWS_PROGRESS": Setting(False, "print @progress JSON lines on stdout (crawl workers)"),
    "NEWS_PROGRESS_INTERVAL": Setting(1.0, "seconds between progress lines", _between(0.05, 3600)),
    "NEWS_RETRY_BACKOFF_BASE": Setting(
        0.5, "seconds before the first retry; doubles each time", _between(0, 3600)
    ),
    "NEWS_RETRY_BACKOFF_MAX": Setting(
        60.0, "longest wait between retries, Retry-After included", _between(0, 86400)
    ),
    "AWS_ENDPOINT_URL": Setting(
        "", "S3 endpoint (e.g. MinIO, moto); credentials come from boto3's standard chain"
    ),
}
PREFIXES = ("NAVER_", "NEWS_")


def from_environ(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Defaults overlaid with environment variables of the same names."""
    return {name: environ.get(name, spec.default) for name, spec in SETTINGS.items()}


def check_value(name: str, value: Any) -> None:
    """ValueError naming the setting when ``value`` is not one it takes."""
    spec = SETTINGS[name]
    try:
        if isinstance(spec.default, bool):
            if str(value).strip().lower() not in _TRUE | _FALSE:
                raise ValueError(f"must be 1 or 0 (true or false), got {value!r}")
        elif isinstance(spec.default, int | float):
            kind = int if isinstance(spec.default, int) else float
            try:
                kind(value)
            except (TypeError, ValueError):
                noun = "a whole number" if kind is int else "a number"
                raise ValueError(f"must be {noun}, got {value!r}") from None
        if spec.check is not None:
            spec.check(value)
    except ValueError as error:
        raise ValueError(f"setting {name}: {error}") from None


def check_name(name: str, *, typos_only: bool = False) -> None:
    """ValueError for an unknown ``NAVER_*``/``NEWS_*`` name, with a "did you mean"
    (with ``typos_only``, only for a name close to a known one)."""
    if name in SETTINGS or not name.startswith(PREFIXES):
        return
    close = difflib.get_close_matches(name, SETTINGS, n=1, cutoff=0.8 if typos_only else 0.6)
    if typos_only and not close:
        return
    hint = f"; did you mean {close[0]}?" if close else ""
    raise ValueError(f"unknown setting {name}{hint} (settings: newscrawler/defaults.py)")
