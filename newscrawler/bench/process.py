"""Measured child processes: wall time, CPU and peak resident memory from the kernel's rusage.

Every crawl the bench compares runs in a process of its own, so its CPU and peak RSS are
its own and not the bench's or the simulator's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawler.lake.storage import open_storage

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ProcessRun:
    """What one finished child process cost."""

    status: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class CrawlRun:
    """One one-date crawl by our crawler and the ``_SUCCESS`` manifest it committed."""

    process: ProcessRun
    marker: dict | None

    @property
    def articles(self) -> int:
        return self.marker["rows"] if self.marker else 0

    @property
    def requests(self) -> int:
        return self.marker["crawl"]["requests"] if self.marker else 0


def measured_run(
    command: Sequence[str], env: Mapping[str, str] | None = None, log: Path | None = None
) -> ProcessRun:
    """Run ``command`` to its end; its own CPU and peak RSS come from ``wait4``."""
    environ = {**os.environ, **(env or {})}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), environ.get("PYTHONPATH"))))
    output = log.open("wb") if log else subprocess.DEVNULL
    try:
        started = time.monotonic()
        child = subprocess.Popen(
            command, env=environ, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - started
    finally:
        if log:
            output.close()  # type: ignore[union-attr]
    return ProcessRun(
        status=os.waitstatus_to_exitcode(status),
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
    )


def crawl_command(base_url: str, lake: Path, fmt: str = "parquet", **settings: str) -> list[str]:
    """The container entrypoint crawling one date (``DATE`` in the environment)."""
    command = [sys.executable, "-m", "newscrawler.entrypoint"]
    pairs = {
        "NAVER_BASE_URL": base_url,
        "NEWS_OUTPUT_URI": str(lake),
        "NEWS_OUTPUT_FORMAT": fmt,
        "LOG_LEVEL": "WARNING",
        **settings,
    }
    for name, value in pairs.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawl_date(
    base_url: str,
    date: str,
    lake: Path,
    fmt: str = "parquet",
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    **settings: str,
) -> CrawlRun:
    """Crawl ``date`` into ``lake`` in a child process; its costs and the committed manifest."""
    process = measured_run(
        crawl_command(base_url, lake, fmt, **settings), {"DATE": date, **(env or {})}, log
    )
    marker = open_storage(str(lake)).read_marker(date) if process.status == 0 else None
    return CrawlRun(process, marker)
