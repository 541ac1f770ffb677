"""Fleet makespan: dynamic dispatch (one shared queue feeding every slot) against a static split.

The dates are uneven the way a year of news is: most are ordinary, some are busy with two or
three times the articles (served by simulators of those sizes, each date always by the same
one). The dynamic side is the fleet's own dispatcher over local worker processes; the static
side gives each slot an equal count of consecutive dates up front. Both run real one-date
crawls (``python -m newscrawler.entrypoint``), and the lower bound is
``max(total work / slots, longest date)`` over the per-date times of the dynamic run.
"""

from __future__ import annotations

import collections
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newscrawler.fleet.dispatcher import Dispatcher
from newscrawler.fleet.local import LocalWorker, LocalWorkers
from newscrawler.lake.storage import open_storage
from newscrawler.sim.server import running_simulator

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from newscrawler.bench.plan import BenchPlan
    from newscrawler.fleet.dispatcher import DateRun, Slot

FIRST_DATE = date(2018, 1, 1)
# Busy dates, by position among the dates (a news event, an election): load multipliers.
BUSY = {2: 3, 5: 3, 8: 3, 11: 3, 1: 2, 13: 2, 20: 2}


@dataclass
class FleetResult:
    """Makespans of both sides, their lower bounds, and the dates' sizes."""

    dynamic_s: float
    static_s: float
    lower_bound_s: float  # from the per-date times of the dynamic run
    static_lower_bound_s: float  # the same from the static run's times
    slots: int
    dates: dict[str, int]  # date -> articles per day of its simulator

    def summary(self) -> dict:
        return {
            "dynamic_s": self.dynamic_s,
            "static_s": self.static_s,
            "lower_bound_s": self.lower_bound_s,
            "static_lower_bound_s": self.static_lower_bound_s,
            "slots": self.slots,
            "dates": len(self.dates),
            "dynamic_vs_bound": self.dynamic_s / self.lower_bound_s,
            "static_vs_bound": self.static_s / self.lower_bound_s,
            "static_vs_own_bound": self.static_s / self.static_lower_bound_s,
        }


def fleet_dates(count: int) -> list[str]:
    """``count`` consecutive dates from 2018-01-01."""
    return [(FIRST_DATE + timedelta(days=day)).strftime("%Y%m%d") for day in range(count)]


class RoutedWorkers:
    """Local worker slots where each date goes to the simulator that serves its size."""

    def __init__(self, workers: LocalWorkers, urls: dict[str, str]) -> None:
        self.workers, self.urls = workers, urls

    def slots(self) -> list[Slot]:
        return self.workers.slots()

    def dead_hosts(self) -> set[str]:
        return set()

    def start(self, date: str, slot: Slot, attempt: int, log: Path, run_id: str) -> LocalWorker:
        # The dispatcher starts workers one at a time, from one thread.
        self.workers.settings["NAVER_BASE_URL"] = self.urls[date]
        return self.workers.start(date, slot, attempt, log, run_id)


class QuietView:
    """The dispatcher's view, showing nothing: the bench prints its own lines."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher

    def started(self, run: DateRun) -> None: ...
    def finished(self, run: DateRun, retrying: bool) -> None: ...
    def requeued(self, run: DateRun, why: str) -> None: ...
    def refresh(self) -> None: ...
    def stop(self) -> None: ...


TICK = 0.25  # how often both sides look for finished workers (the dispatcher's default)


def _workers(lake: Path, slots: int, urls: dict[str, str]) -> tuple[LocalWorkers, RoutedWorkers]:
    settings = {
        "NEWS_OUTPUT_URI": str(lake),
        "NEWS_OUTPUT_FORMAT": "parquet",
        "LOG_LEVEL": "WARNING",
    }
    workers = LocalWorkers(slots, settings)
    return workers, RoutedWorkers(workers, urls)


def run_dynamic(urls: dict[str, str], slots: int, lake: Path) -> tuple[float, dict[str, float]]:
    """The fleet dispatcher on ``slots`` local workers: makespan and seconds per date."""
    workers, backend = _workers(lake, slots, urls)
    try:
        storage = open_storage(str(lake))
        dispatcher = Dispatcher(backend, storage, lake.parent / "logs", attempts=1, tick=TICK)
        result = dispatcher.run(list(urls), QuietView)
    finally:
        workers.close()
    if result.failed or result.not_started:
        raise RuntimeError(f"dynamic dispatch did not commit every date: {result.failed}")
    return result.makespan, {run.date: run.work for run in result.runs}


def run_static(urls: dict[str, str], slots: int, lake: Path) -> tuple[float, dict[str, float]]:
    """Each slot crawls an equal count of consecutive dates, one after another (the same
    worker processes as the dispatcher's)."""
    dates = list(urls)
    workers, backend = _workers(lake, slots, urls)
    size = -(-len(dates) // slots)
    shares = {
        slot: collections.deque(dates[i * size : (i + 1) * size])
        for i, slot in enumerate(backend.slots())
    }
    (lake.parent / "logs").mkdir(parents=True, exist_ok=True)
    running: dict[Slot, tuple[str, LocalWorker, float]] = {}
    work: dict[str, float] = {}
    failed: list[str] = []
    started = time.monotonic()
    try:
        while any(shares.values()) or running:
            for slot, share in shares.items():
                if slot not in running and share:
                    day = share.popleft()
                    log = lake.parent / "logs" / f"{day}.log"
                    running[slot] = (
                        day,
                        backend.start(day, slot, 1, log, "static"),
                        time.monotonic(),
                    )
            for slot, (day, worker, began) in list(running.items()):
                status = worker.poll()
                if status is not None:
                    work[day] = time.monotonic() - began
                    worker.close()
                    del running[slot]
                    if status != 0:
                        failed.append(day)
            time.sleep(TICK)
    finally:
        for _, worker, _ in running.values():
            worker.close()
        workers.close()
    if failed:
        raise RuntimeError(f"the static split did not commit {', '.join(failed)}")
    return time.monotonic() - started, work


def measure_fleet(plan: BenchPlan, workdir: Path, note: Callable[[str], None]) -> FleetResult:
    """Dynamic dispatch against the static split on the same uneven dates (dynamic first)."""
    dates = fleet_dates(plan.fleet_dates)
    sizes = {
        day: plan.fleet_articles_per_day * BUSY.get(index, 1) for index, day in enumerate(dates)
    }
    with ExitStack() as stack:
        by_size = {
            size: stack.enter_context(running_simulator(articles_per_day=size))
            for size in sorted(set(sizes.values()))
        }
        urls = {day: by_size[size] for day, size in sizes.items()}
        dynamic_lake, static_lake = (
            workdir / "fleet-dynamic" / "lake",
            workdir / "fleet-static" / "lake",
        )
        dynamic_s, dynamic_work = run_dynamic(urls, plan.fleet_slots, dynamic_lake)
        note(
            f"fleet, dynamic dispatch: {len(dates)} dates on {plan.fleet_slots} slots "
            f"in {dynamic_s:.1f}s"
        )
        static_s, static_work = run_static(urls, plan.fleet_slots, static_lake)
        note(f"fleet, static split: {static_s:.1f}s")
    return FleetResult(
        dynamic_s,
        static_s,
        lower_bound(dynamic_work, plan.fleet_slots),
        lower_bound(static_work, plan.fleet_slots),
        plan.fleet_slots,
        sizes,
    )


def lower_bound(work: dict[str, float], slots: int) -> float:
    """``max(total work / slots, longest date)``: no schedule of these dates finishes sooner."""
    return max(sum(work.values()) / slots, max(work.values()))
