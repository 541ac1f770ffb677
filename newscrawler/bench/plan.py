"""How big each measurement is: the full run and the CI-sized ``--quick`` run."""

from __future__ import annotations

from dataclasses import dataclass

DATE = "20180103"  # a Wednesday: a full weekday's count


@dataclass(frozen=True)
class BenchPlan:
    """Sizes and repeats of one bench run."""

    repeat: int  # rounds of each interleaved comparison; figures are medians
    extract_rounds: int  # timed extractions of each saved page
    crawl_sizes: dict[int, int]  # added latency (ms) -> articles per day of the crawl date
    sequential_limit: dict[int, int]  # added latency (ms) -> articles the sequential baseline takes
    memory_sizes: tuple[int, int]  # articles per day: the small and the large crawl
    memory_repeat: int
    fleet_dates: int
    fleet_articles_per_day: int  # of an ordinary date; busy dates have two or three times as many
    fleet_slots: int
    output_dates: int  # dates of the output benchmark, each holding one crawled date's rows
    query_repeat: int


FULL = BenchPlan(
    repeat=3,
    extract_rounds=30,
    crawl_sizes={0: 3000, 100: 1000},
    sequential_limit={0: 60, 100: 40},
    memory_sizes=(3000, 30000),
    memory_repeat=1,
    fleet_dates=30,
    fleet_articles_per_day=150,
    fleet_slots=2,
    output_dates=30,
    query_repeat=7,
)
QUICK = BenchPlan(
    repeat=2,
    extract_rounds=5,
    crawl_sizes={0: 300, 100: 200},
    sequential_limit={0: 15, 100: 10},
    memory_sizes=(300, 1500),
    memory_repeat=1,
    fleet_dates=6,
    fleet_articles_per_day=60,
    fleet_slots=2,
    output_dates=5,
    query_repeat=3,
)
