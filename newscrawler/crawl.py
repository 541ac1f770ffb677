"""The one crawl pre-flight and the one crawl launch, used by every entry point.

``scrapy crawl``, ``run_scrapy.py``, ``newscrawler crawl``, the fleets, the demo, the bench
and the tests all check a crawl's inputs here before anything starts (dates, sections,
settings, the lake and its format, the route to Naver) and decide here which dates to
crawl, so a mistake is found once, in under a second, with one line.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from newscrawler.coverage import skip_reason
from newscrawler.defaults import SETTINGS, check_name, check_value
from newscrawler.inputs import parse_sections
from newscrawler.lake import part_format
from newscrawler.lake.storage import storage_for
from newscrawler.lake.writers import check_parquet_options
from newscrawler.naver import LIST_URL
from newscrawler.spiders.naver_news import NaverNewsSpider

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

    from newscrawler.lake.storage import LakeStorage

REACH_TIMEOUT = 5.0


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """The project's settings (wherever the current directory is), with ``overrides`` on top
    at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    settings = get_project_settings()
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def setting_overrides(argv: list[str]) -> dict[str, str]:
    """``["-s", "A=1", "-s", "B=2"]`` -> ``{"A": "1", "B": "2"}``; ValueError otherwise."""
    overrides = {}
    words = iter(argv)
    for word in words:
        pair = next(words, "") if word == "-s" else ""
        name, equals, value = pair.partition("=")
        if word != "-s" or not equals or not name:
            raise ValueError(f"unexpected argument {word!r}: only -s NAME=VALUE is accepted")
        overrides[name] = value
    return overrides


def check_settings(
    settings: BaseSettings, given: Iterable[str] = (), environ: Iterable[str] = ()
) -> None:
    """ValueError for a bad ``NAVER_*``/``NEWS_*`` value, an unknown name in ``given`` (the
    ``-s`` options a user typed), or a name in ``environ`` that looks like a misspelt one."""
    for name in given:
        check_name(name)
    for name in environ:
        check_name(name, typos_only=True)
    for name in SETTINGS:
        check_value(name, settings.get(name))


def lake_format(storage: LakeStorage) -> str | None:
    """The format of the parts already in the lake (None for an empty lake)."""
    for names in storage.partitions().values():
        for name in names:
            try:
                return part_format(name)
            except ValueError:
                continue
    return None


def check_reachable(settings: BaseSettings) -> None:
    """A quick check that Naver (or ``NAVER_BASE_URL``) can be reached: ConnectionError
    saying whether the name did not resolve or the connection was refused."""
    base = settings.get("NAVER_BASE_URL") or LIST_URL
    parts = urlsplit(base)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ConnectionError(
            f"cannot resolve {host} ({error.strerror}): is this machine offline?"
        ) from None
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        probe.settimeout(REACH_TIMEOUT)
        try:
            probe.connect(address)
        except ConnectionRefusedError:
            raise ConnectionError(f"cannot reach {base}: connection refused") from None
        except OSError as error:
            reason = "timed out" if isinstance(error, TimeoutError) else error.strerror
            raise ConnectionError(f"cannot reach {base}: {reason}") from None


@dataclass
class CrawlPlan:
    """What a checked crawl will do."""

    settings: Settings
    storage: LakeStorage | None
    sections: list[str]
    todo: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def overrides(self) -> dict[str, str]:
        """The ``NAVER_*``/``NEWS_*`` settings to hand to a worker of this crawl."""
        return {
            name: str(self.settings.get(name))
            for name in SETTINGS
            if self.settings.get(name) not in (None, "")
        }


def preflight(
    dates: list[str],
    overrides: Mapping[str, Any] | None = None,
    *,
    sections: str | list[str] | None = None,
    environ: Mapping[str, str] = os.environ,
    reach: bool = True,
) -> CrawlPlan:
    """Check a crawl of ``dates`` before anything starts, and decide which dates to crawl.

    ValueError for a usage error (bad setting, section, format, URI); StorageError when the
    lake cannot be used; ConnectionError when Naver (or the simulator) cannot be reached.
    """
    overrides = dict(overrides or {})
    if sections is not None:
        overrides["NAVER_SECTIONS"] = ",".join(parse_sections(sections))
    settings = project_settings(overrides)
    check_settings(settings, overrides, environ)
    chosen = parse_sections(settings.get("NAVER_SECTIONS"))
    storage = storage_for(settings)
    plan = CrawlPlan(settings, storage, chosen)
    if settings.get("NEWS_OUTPUT_FORMAT") == "parquet":
        check_parquet_options(
            settings.get("NEWS_PARQUET_COMPRESSION"),
            settings.getint("NEWS_PARQUET_COMPRESSION_LEVEL") or None,
        )
    if storage is not None:
        storage.check()
        fmt, existing = settings.get("NEWS_OUTPUT_FORMAT"), lake_format(storage)
        if existing not in (None, fmt):
            raise ValueError(
                f"{storage.uri} holds {existing} parts, not {fmt}: one lake holds one format "
                f"(use --format {existing}, or another lake)"
            )
    overwrite = settings.getbool("NEWS_OVERWRITE")
    for date in dates:
        marker = storage.read_marker(date) if storage is not None else None
        reason = skip_reason(date, marker, chosen, overwrite)
        if reason:
            plan.skipped[date] = reason
        else:
            plan.todo.append(date)
    if reach and plan.todo:
        check_reachable(settings)
    return plan


def launch(dates: Iterable[str], settings: Settings, **spider_args: str) -> dict[str, Crawler]:
    """Crawl ``dates`` side by side in this process (a Twisted reactor runs once per
    process); each date's finished crawler, whose verdict :func:`crawl_failure` reads."""
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    for date in dates:
        crawlers[date] = process.create_crawler(NaverNewsSpider)
        process.crawl(crawlers[date], date=date, **spider_args)
    process.start()
    return crawlers
