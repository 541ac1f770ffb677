"""What a dispatch shows: a live table on a terminal, plain log lines anywhere else.

Plain lines go to stderr, one per date started or finished, plus a summary line (dates
done/running/failed, articles, rate, ETA) a few seconds after the start and then every
``interval`` seconds, so cron, nohup, containers and CI see the crawl moving.
"""

from __future__ import annotations

import signal
import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rich.console import RenderableType

    from newscrawler.fleet.dispatcher import DateRun, Dispatcher, DispatchResult

PLAIN_WIDTH = 160
FIRST_SUMMARY = 5.0
TAIL_SHOWN = 5
SUMMARY_INTERVAL = 60.0
FIGURES = ("listed", "items", "retries", "errors")
COLUMNS = ("date", "status", "listed", "articles", "retries", "errors", "seconds")


def stderr_console() -> Console:
    """The console progress goes to: stderr, wide enough off a terminal for the tables."""
    console = Console(stderr=True)
    if not console.is_terminal:
        console = Console(stderr=True, width=PLAIN_WIDTH)
    return console


def view_for(console: Console, *, show_hosts: bool = False):
    """A factory of the right view for ``console`` (what ``Dispatcher.run`` takes)."""

    def make(dispatcher: Dispatcher) -> LiveView | PlainView:
        if console.is_terminal:
            return LiveView(dispatcher, console, show_hosts=show_hosts)
        return PlainView(dispatcher, console)

    return make


class Counts:
    """Dates by state, articles and rate of one dispatch, as the views show them."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        runs = dispatcher.runs
        self.total = len(runs)
        self.done = sum(run.status in ("committed", "skipped") for run in runs)
        self.failed = sum(run.status == "failed" for run in runs)
        self.running = sum(run.status == "running" for run in runs)
        self.queued = sum(run.status == "queued" for run in runs)
        self.articles = sum(run.progress.get("items", 0) for run in runs)
        self.errors = sum(run.progress.get("errors", 0) for run in runs)
        self.elapsed = max(time.monotonic() - dispatcher.started, 1e-9)
        self.rate = self.articles / self.elapsed
        finished = self.done + self.failed
        left = self.total - finished
        self.eta = self.elapsed / finished * left if finished and left else None

    def headline(self) -> str:
        eta = format_duration(self.eta) if self.eta is not None else "?"
        return (
            f"dates {self.done}/{self.total} done, {self.running} running, "
            f"{self.failed} failed, {self.queued} queued  articles {self.articles}  "
            f"errors {self.errors}  {self.rate:.0f} articles/s  ETA {eta}"
        )


class LiveView:
    """The live table (rich), redrawn on every refresh; gone when the dispatch ends."""

    def __init__(self, dispatcher: Dispatcher, console: Console, *, show_hosts: bool) -> None:
        self.dispatcher, self.console, self.show_hosts = dispatcher, console, show_hosts
        self.live = Live(self.render(), console=console, transient=True)
        self.live.start()

    def render(self) -> RenderableType:
        dispatcher = self.dispatcher
        table = date_table(dispatcher.runs, live=True, show_hosts=self.show_hosts)
        table.title = Counts(dispatcher).headline()
        if self.show_hosts:
            table.caption = host_line(dispatcher)
        return table

    def started(self, run: DateRun) -> None:
        pass

    def finished(self, run: DateRun, retrying: bool) -> None:
        if retrying:
            self.console.print(
                f"date={run.date} attempt {run.attempts} failed: {escape(run.message)}; retrying"
            )

    def requeued(self, run: DateRun, why: str) -> None:
        self.console.print(f"date={run.date} back in the queue: {escape(why)}")

    def refresh(self) -> None:
        self.live.update(self.render())

    def stop(self) -> None:
        self.live.stop()


class PlainView:
    """One log line per event and a periodic summary line, for non-terminals."""

    def __init__(self, dispatcher: Dispatcher, console: Console) -> None:
        self.dispatcher, self.console = dispatcher, console
        self.next_summary = time.monotonic() + FIRST_SUMMARY
        self.dead: set[str] = set()

    def say(self, line: str) -> None:
        self.console.print(escape(line), soft_wrap=True, highlight=False)

    def started(self, run: DateRun) -> None:
        assert run.slot is not None
        self.say(f"date={run.date} started on {run.slot.name} (attempt {run.attempts})")

    def finished(self, run: DateRun, retrying: bool) -> None:
        took = f"{run.seconds:.1f} s"
        if run.status in ("committed", "skipped"):
            articles = run.progress.get("items", 0)
            self.say(f"date={run.date} {run.status} in {took} ({articles} articles)")
        elif retrying:
            self.say(
                f"date={run.date} attempt {run.attempts} failed in {took}: {run.message}; retrying"
            )
        else:
            self.say(f"date={run.date} failed after {run.attempts} attempt(s): {run.message}")

    def requeued(self, run: DateRun, why: str) -> None:
        self.say(f"date={run.date} back in the queue: {why}")

    def refresh(self) -> None:
        dead = self.dispatcher.backend.dead_hosts()
        for host in sorted(dead - self.dead):
            self.say(f"host {host} does not answer: it gets no dates until it answers again")
        for host in sorted(self.dead - dead):
            self.say(f"host {host} answers again")
        self.dead = dead
        now = time.monotonic()
        if now >= self.next_summary:
            self.next_summary = now + SUMMARY_INTERVAL
            self.say("progress: " + Counts(self.dispatcher).headline())

    def stop(self) -> None:
        pass


def date_table(runs: list[DateRun], *, live: bool = False, show_hosts: bool = False) -> Table:
    """A row per date that started: its status, progress figures and seconds."""
    table = Table()
    columns = [*COLUMNS[:2], *(("host", "attempts") if show_hosts else ()), *COLUMNS[2:]]
    for column in columns:
        table.add_column(
            column, justify="left" if column in ("date", "status", "host") else "right"
        )
    now = time.monotonic()
    for run in runs:
        if run.status == "queued" and not run.attempts:
            continue
        seconds = now - run.started if live and run.status == "running" else run.seconds
        cells = [run.date, run.status]
        if show_hosts:
            cells += [run.slot.host if run.slot else "", str(run.attempts)]
        cells += [
            str(run.progress.get(key, "")) for key in ("listed", "items", "retries", "errors")
        ]
        table.add_row(*cells, f"{seconds:.1f}")
    return table


def host_line(dispatcher: Dispatcher) -> str:
    """``host: busy/slots`` for every host, ``dead`` for those that do not answer."""
    dead = dispatcher.backend.dead_hosts()
    busy: dict[str, int] = {}
    slots: dict[str, int] = {}
    for slot in dispatcher.slots:
        slots[slot.host] = slots.get(slot.host, 0) + 1
    for run in dispatcher.runs:
        if run.status == "running" and run.slot is not None:
            busy[run.slot.host] = busy.get(run.slot.host, 0) + 1
    return "  ".join(
        f"{host}: {'dead' if host in dead else f'{busy.get(host, 0)}/{count} busy'}"
        for host, count in slots.items()
    )


def summary(result: DispatchResult, *, show_hosts: bool = False) -> Table:
    """The end-of-run table: the live table's last state, titled with the totals."""
    table = date_table(result.runs, show_hosts=show_hosts)
    runs = result.runs
    done = sum(run.status in ("committed", "skipped") for run in runs)
    articles = sum(run.progress.get("items", 0) for run in runs)
    errors = sum(run.progress.get("errors", 0) for run in runs)
    rate = articles / max(result.makespan, 1e-9)
    table.title = (
        f"dates {done}/{len(runs)}  articles {articles}  errors {errors}  {rate:.0f} articles/s"
    )
    return table


def makespan_line(result: DispatchResult) -> str:
    """The makespan beside the best any schedule could do on these slots."""
    works = [run.work for run in result.runs if run.work]
    total = sum(works)
    longest = max(works, default=0.0)
    return (
        f"makespan {format_duration(result.makespan)}; lower bound "
        f"{format_duration(result.lower_bound())} = max(total work {format_duration(total)} / "
        f"{len(result.slots)} slots, longest date {format_duration(longest)})"
    )


def format_duration(seconds: float) -> str:
    """``75.0`` -> ``1m15s``; under a minute with one decimal, ``9.5s``."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def print_report(
    console: Console, result: DispatchResult, log_of: Callable[[str], Path], *, fleet: bool
) -> None:
    """The summary table, then a line per failed date with its log's last lines, then why
    the dispatch stopped early if it did."""
    if any(run.attempts for run in result.runs):
        console.print(summary(result, show_hosts=fleet))
    if fleet:
        console.print(makespan_line(result), highlight=False, soft_wrap=True)
    for run in result.failed:
        console.print(
            f"[red]date={run.date} failed[/red] after {run.attempts} attempt(s): "
            f"{escape(run.message)} (log: {log_of(run.date)})",
            highlight=False,
            soft_wrap=True,
        )
        for line in run.tail[-TAIL_SHOWN:]:
            console.print(f"    {escape(line)}", highlight=False, soft_wrap=True)
    if result.stopped_because:
        console.print(
            f"stopped starting new dates: {escape(result.stopped_because)} "
            f"({len(result.not_started)} date(s) not started)",
            highlight=False,
            soft_wrap=True,
        )
    if result.interrupted:
        name = signal.Signals(result.interrupted).name
        flight = [run.date for run in result.runs if run.status == "interrupted"]
        console.print(
            f"interrupted by {name}: stopped {len(flight)} date(s) in flight "
            f"({', '.join(flight) or 'none'}) without publishing them; run the same command "
            "again to crawl what is missing",
            highlight=False,
            soft_wrap=True,
        )
