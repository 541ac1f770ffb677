"""``newscrawler crawl``: dates in parallel local worker processes, with live progress."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.table import Table

from newscrawler.progress import parse_progress

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass
class DateRun:
    """One date's worker process and what it has reported."""

    date: str
    status: str = "queued"
    progress: dict = field(default_factory=dict)
    started: float = 0.0
    seconds: float = 0.0
    message: str = ""
    process: subprocess.Popen | None = None


def worker_command(settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "newscrawler.entrypoint"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def run_dates(
    dates: Iterable[str],
    settings: dict[str, str],
    workers: int,
    log_dir: Path,
    console: Console,
) -> list[DateRun]:
    """Crawl each date in its own process, ``workers`` at a time; one DateRun per date."""
    runs = [DateRun(date) for date in dates]
    queue = list(reversed(runs))
    active: list[DateRun] = []
    log_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with Live(progress_table(runs, started), console=console, transient=True) as live:
        while queue or active:
            while queue and len(active) < workers:
                active.append(_start(queue.pop(), settings, log_dir))
            for run in list(active):
                if run.process is not None and run.process.poll() is not None:
                    _finish(run, log_dir)
                    active.remove(run)
            live.update(progress_table(runs, started))
            time.sleep(0.25)
    return runs


def _start(run: DateRun, settings: dict[str, str], log_dir: Path) -> DateRun:
    env = {**os.environ, "DATE": run.date, "NEWS_PROGRESS": "1"}
    log = (log_dir / f"{run.date}.log").open("w", encoding="utf-8")
    run.process = subprocess.Popen(
        worker_command(settings),
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        encoding="utf-8",
    )
    log.close()
    run.status, run.started = "running", time.monotonic()
    threading.Thread(target=_read_progress, args=(run,), daemon=True).start()
    return run


def _read_progress(run: DateRun) -> None:
    assert run.process is not None and run.process.stdout is not None
    for line in run.process.stdout:
        record = parse_progress(line)
        if record is not None:
            run.progress = record
        elif "already committed" in line:
            run.status = "skipped"


def _finish(run: DateRun, log_dir: Path) -> None:
    assert run.process is not None
    run.seconds = time.monotonic() - run.started
    if run.process.returncode == 0:
        run.status = "skipped" if run.status == "skipped" else "committed"
        return
    run.status = "failed"
    lines = (log_dir / f"{run.date}.log").read_text(encoding="utf-8").splitlines()
    errors = [line for line in lines if "error:" in line]
    run.message = errors[-1] if errors else (lines[-1] if lines else "")


def progress_table(runs: list[DateRun], started: float) -> Table:
    """Dates done/total, articles, errors and rate, then a row per running or finished date."""
    done = sum(run.status in ("committed", "skipped", "failed") for run in runs)
    items = sum(run.progress.get("items", 0) for run in runs)
    errors = sum(run.progress.get("errors", 0) for run in runs)
    elapsed = max(time.monotonic() - started, 1e-9)
    table = Table(
        title=f"dates {done}/{len(runs)}  articles {items}  errors {errors}  "
        f"{items / elapsed:.0f} articles/s"
    )
    for column in ("date", "status", "listed", "articles", "retries", "errors", "seconds"):
        table.add_column(column, justify="left" if column in ("date", "status") else "right")
    for run in runs:
        if run.status == "queued":
            continue
        seconds = run.seconds or (time.monotonic() - run.started)
        table.add_row(
            run.date,
            run.status,
            str(run.progress.get("listed", "")),
            str(run.progress.get("items", "")),
            str(run.progress.get("retries", "")),
            str(run.progress.get("errors", "")),
            f"{seconds:.1f}",
        )
    return table
