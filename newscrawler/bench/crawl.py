"""Crawl throughput and CPU: our crawler against its two baselines on the same simulator date.

For each added latency one simulator serves the date; an untimed warm-up crawl (at DEBUG
level, so its log names every URL fetched) gives the bare Scrapy floor the exact URLs to
fetch and warms the simulator's caches. Then each round runs the three contenders, in an
order that rotates from round to round.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscrawler.bench.plan import DATE
from newscrawler.bench.process import CrawlRun, ProcessRun, crawl_date, measured_run
from newscrawler.sim.server import running_simulator

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from newscrawler.bench.plan import BenchPlan

logger = logging.getLogger(__name__)

_CRAWLED = re.compile(r"Crawled \(200\) <GET (\S+)>")
CONTENDERS = ("ours", "scrapy_floor", "sequential")


@dataclass(frozen=True)
class Throughput:
    """Articles one contender crawled and what its process spent on them."""

    articles: int
    process: ProcessRun

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.process.seconds

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.process.cpu_seconds / max(self.articles, 1)


@dataclass
class CrawlSection:
    """Everything the crawl rounds measured, by added latency."""

    throughput: dict[int, dict[str, list[Throughput]]]
    ours: dict[int, list[CrawlRun]]  # our crawls with their manifests, by latency
    sizes: dict[int, int]

    def summary(self) -> dict[str, dict]:
        """``{"latency_0": {"ours": {"articles_per_s": x, "cpu_ms_per_article": x}, ...}}``."""
        return {
            f"latency_{latency}": {
                name: {
                    "articles_per_s": statistics.median(t.articles_per_s for t in runs),
                    "cpu_ms_per_article": statistics.median(t.cpu_ms_per_article for t in runs),
                    "articles": statistics.median(t.articles for t in runs),
                    "runs": len(runs),
                }
                for name, runs in contenders.items()
            }
            | {"articles_per_day": self.sizes[latency]}
            for latency, contenders in self.throughput.items()
        }


def fetched_urls(base_url: str, workdir: Path) -> dict[str, list[str]]:
    """The URLs one crawl of DATE fetches, from a warm-up crawl's DEBUG log, by kind."""
    log = workdir / "warmup.log"
    run = crawl_date(base_url, DATE, workdir / "warmup-lake", log=log, LOG_LEVEL="DEBUG")
    if run.marker is None:
        raise RuntimeError(f"the warm-up crawl failed (exit {run.process.status}); see {log}")
    urls: dict[str, list[str]] = {"lists": [], "articles": []}
    # Only what answered 200: a redirect points at a real Naver host, which the floor (no
    # routing) must never reach, so it gets the simulator URL the redirect ended at.
    for url in _CRAWLED.findall(log.read_text(encoding="utf-8", errors="replace")):
        urls["lists" if "/main/list." in url else "articles"].append(url)
    log.unlink()
    return urls


def run_ours(base_url: str, workdir: Path, round_: int) -> tuple[Throughput, CrawlRun]:
    run = crawl_date(base_url, DATE, workdir / f"ours-{round_}")
    if run.marker is None:
        raise RuntimeError(f"our crawl of {DATE} failed (exit {run.process.status})")
    return Throughput(run.articles, run.process), run


def run_scrapy_floor(urls_file: Path, workdir: Path, round_: int) -> Throughput:
    result = workdir / f"floor-{round_}.json"
    module = "newscrawler.bench.baselines.scrapy_floor"
    process = measured_run([sys.executable, "-m", module, str(urls_file), str(result)])
    return Throughput(_counted(process, result, "scrapy floor"), process)


def run_sequential(base_url: str, limit: int, workdir: Path, round_: int) -> Throughput:
    result = workdir / f"sequential-{round_}.json"
    module = "newscrawler.bench.baselines.sequential"
    command = [sys.executable, "-m", module, base_url, DATE, str(limit), str(result)]
    process = measured_run(command)
    return Throughput(_counted(process, result, "sequential baseline"), process)


def _counted(process: ProcessRun, result: Path, name: str) -> int:
    if process.status != 0 or not result.exists():
        raise RuntimeError(f"the {name} failed (exit {process.status})")
    return json.loads(result.read_text(encoding="utf-8"))["articles"]


def measure_crawl(plan: BenchPlan, workdir: Path, note: Callable[[str], None]) -> CrawlSection:
    """Run the interleaved rounds at each latency of ``plan``."""
    section = CrawlSection({}, {}, dict(plan.crawl_sizes))
    for latency, size in plan.crawl_sizes.items():
        where = workdir / f"latency-{latency}"
        where.mkdir()
        runs: dict[str, list[Throughput]] = {name: [] for name in CONTENDERS}
        ours: list[CrawlRun] = []
        with running_simulator(articles_per_day=size, latency_ms=latency) as url:
            urls_file = where / "urls.json"
            urls_file.write_text(json.dumps(fetched_urls(url, where)), encoding="utf-8")
            for round_ in range(plan.repeat):
                for name in _rotated(CONTENDERS, round_):
                    if name == "ours":
                        throughput, crawl = run_ours(url, where, round_)
                        ours.append(crawl)
                    elif name == "scrapy_floor":
                        throughput = run_scrapy_floor(urls_file, where, round_)
                    else:
                        limit = plan.sequential_limit[latency]
                        throughput = run_sequential(url, limit, where, round_)
                    runs[name].append(throughput)
                    note(
                        f"crawl +{latency} ms, round {round_ + 1}, {name}: "
                        f"{throughput.articles} articles, {throughput.articles_per_s:.0f}/s, "
                        f"{throughput.cpu_ms_per_article:.1f} CPU ms/article"
                    )
        section.throughput[latency] = runs
        section.ours[latency] = ours
    return section


def _rotated(names: tuple[str, ...], by: int) -> list[str]:
    shift = by % len(names)
    return [*names[shift:], *names[:shift]]


def requests_per_article(runs: list[CrawlRun]) -> float:
    """Median over ``runs`` of requests sent (lists, probes, retries, articles) per article."""
    return statistics.median(run.requests / max(run.articles, 1) for run in runs)
