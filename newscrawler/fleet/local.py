"""Local worker processes: each slot runs ``python -m newscrawler.entrypoint`` for one date.

A worker runs in its own session (a terminal's Ctrl-C reaches the dispatcher, which passes
the signal on and waits) and stages its parts under a folder of its own inside the
dispatcher's staging folder, removed once the worker has exited, whatever became of it.
"""

from __future__ import annotations

import collections
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from newscrawler.extensions.progress import parse_progress
from newscrawler.fleet.dispatcher import TAIL_LINES, Slot
from newscrawler.lake.staging import new_staging

logger = logging.getLogger(__name__)

HOST = "local"


def worker_command(settings: dict[str, str]) -> list[str]:
    """The command line of a worker: the container entrypoint, with ``-s`` settings."""
    command = [sys.executable, "-m", "newscrawler.entrypoint"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


class LocalWorker:
    """One worker process: its progress, the last lines of its output, its staging."""

    def __init__(self, process: subprocess.Popen[str], log: Path, staging: Path) -> None:
        self.process, self.log, self.staging = process, log, staging
        self.progress: dict = {}
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.log.open("a", encoding="utf-8") as log:
            for line in self.process.stdout:
                record = parse_progress(line)
                if record is not None:
                    self.progress = record
                    continue
                log.write(line)
                log.flush()
                self.tail.append(line.rstrip("\n"))

    def poll(self) -> int | None:
        status = self.process.poll()
        if status is None:
            return None
        self.reader.join(timeout=5)  # the last lines, the error line above all
        return status

    def stop(self, signum: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signum)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.staging, ignore_errors=True)


class LocalWorkers:
    """``count`` worker slots on this machine, each crawling one date at a time."""

    def __init__(self, count: int, settings: dict[str, str]) -> None:
        self.count = count
        self.settings = dict(settings)
        # One staging folder of this process holds its workers' (a later run removes it if
        # this one is killed); each worker stages under a folder of its own inside.
        self.staging_root = new_staging(self.settings.pop("NEWS_STAGING_DIR", "") or None)

    def slots(self) -> list[Slot]:
        return [Slot(HOST, index) for index in range(1, self.count + 1)]

    def dead_hosts(self) -> set[str]:
        return set()

    def start(self, date: str, slot: Slot, attempt: int, log: Path, run_id: str) -> LocalWorker:
        staging = self.staging_root / f"{date}.{attempt}"
        staging.mkdir(parents=True, exist_ok=True)
        settings = {**self.settings, "NEWS_STAGING_DIR": str(staging), "NEWS_PROGRESS": "1"}
        env = {**os.environ, "DATE": date, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            worker_command(settings),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        return LocalWorker(process, log, staging)

    def close(self) -> None:
        """Remove the run's staging folder (every worker has exited by now)."""
        shutil.rmtree(self.staging_root, ignore_errors=True)
