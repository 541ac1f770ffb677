"""One queue of dates shared by every slot of a backend (local processes, Docker hosts).

The lake's ``_SUCCESS`` marker is the acknowledgement: a date is done exactly when its worker
exited 0 *and* its partition is committed. A failed attempt keeps its log and goes back to
the queue (on another slot where one is free) until ``attempts`` are spent; a host that
stops answering gives its dates back without spending one. SIGTERM and SIGINT stop every
worker without publishing; the dispatcher waits for them before it returns.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import re
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from newscrawler.lake.storage import LakeStorage

logger = logging.getLogger(__name__)

TAIL_LINES = 20
# Exit status 2 is bad input: the same worker would fail the same way on any slot.
BAD_INPUT = 2
STOP_GRACE = 60.0
FORCE_AFTER = 15.0


@dataclass(frozen=True)
class Slot:
    """One place a date can run: a worker index on a host."""

    host: str
    index: int

    @property
    def name(self) -> str:
        return f"{self.host}/{self.index}"


class Attempt(Protocol):
    """One worker (process or container) crawling one date."""

    progress: dict
    tail: collections.deque[str]

    def poll(self) -> int | None:
        """The exit status once the worker has finished, else None."""

    def stop(self, signum: int) -> None:
        """Ask the worker to stop without publishing."""

    def kill(self) -> None:
        """Stop the worker now."""

    def close(self) -> None:
        """Release what the worker left (container, staging); its log is kept."""


class Backend(Protocol):
    """Where dates run: slots, and a way to start a worker on one."""

    def slots(self) -> list[Slot]: ...

    def start(self, date: str, slot: Slot, attempt: int, log: Path, run_id: str) -> Attempt: ...

    def dead_hosts(self) -> set[str]:
        """Hosts that do not answer now (their slots get no work)."""


@dataclass
class DateRun:
    """One date: its state, attempts, progress and why it failed."""

    date: str
    status: str = "queued"
    attempts: int = 0
    progress: dict = field(default_factory=dict)
    started: float = 0.0
    seconds: float = 0.0
    work: float = 0.0
    message: str = ""
    tail: list[str] = field(default_factory=list)
    slot: Slot | None = None
    failed_slots: set[Slot] = field(default_factory=set)
    worker: Attempt | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("committed", "skipped", "failed")


@dataclass
class DispatchResult:
    """What a dispatch did: one DateRun per date, the signal that stopped it, timings."""

    runs: list[DateRun]
    slots: list[Slot]
    makespan: float
    interrupted: int = 0
    stopped_because: str = ""

    @property
    def failed(self) -> list[DateRun]:
        return [run for run in self.runs if run.status == "failed"]

    @property
    def not_started(self) -> list[DateRun]:
        return [run for run in self.runs if run.status == "queued"]

    def lower_bound(self) -> float:
        """``max(total work / slots, longest date)``: no schedule can finish sooner."""
        works = [run.work for run in self.runs if run.work]
        if not works or not self.slots:
            return 0.0
        return max(sum(works) / len(self.slots), max(works))

    def exit_status(self) -> int:
        if self.interrupted:
            return 128 + self.interrupted
        return 1 if self.failed or self.not_started else 0


class View(Protocol):
    """What shows progress: the live table on a terminal, plain lines elsewhere."""

    def started(self, run: DateRun) -> None: ...
    def finished(self, run: DateRun, retrying: bool) -> None: ...
    def requeued(self, run: DateRun, why: str) -> None: ...
    def refresh(self) -> None: ...
    def stop(self) -> None: ...


class Dispatcher:
    """Run ``dates`` on ``backend``'s slots until each is committed or out of attempts."""

    def __init__(
        self,
        backend: Backend,
        storage: LakeStorage,
        log_dir: Path,
        *,
        attempts: int = 2,
        max_consecutive_failures: int = 3,
        tick: float = 0.25,
    ) -> None:
        self.backend, self.storage, self.log_dir = backend, storage, log_dir
        self.max_attempts = attempts
        self.max_consecutive_failures = max_consecutive_failures
        self.tick = tick
        self.run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.runs: list[DateRun] = []
        self.slots: list[Slot] = []
        self.started = time.monotonic()
        self.signalled = 0
        self.forced = False
        self.failure_streak: list[tuple[str, str]] = []

    def log_path(self, date: str) -> Path:
        return self.log_dir / f"{date}.log"

    def run(self, dates: list[str], view_factory: Callable[[Dispatcher], View]) -> DispatchResult:
        """Dispatch every date; returns when all are done, or after a stop (then workers
        have exited and nothing more will be published)."""
        self.runs = [DateRun(date) for date in dates]
        self.slots = self.backend.slots()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        queue = collections.deque(self.runs)
        busy: dict[Slot, DateRun] = {}
        stopped_because = ""
        view = view_factory(self)
        with self._signals_caught():
            try:
                while (queue and not stopped_because) or busy:
                    if self.signalled:
                        break
                    self._requeue_dead(busy, queue, view)
                    if not stopped_because:
                        self._fill(queue, busy, view)
                    for slot, run in list(busy.items()):
                        status = run.worker.poll() if run.worker else None
                        if run.worker is not None:
                            run.progress = dict(run.worker.progress)
                        if status is not None:
                            del busy[slot]
                            self._finish(run, status, queue, view)
                    stopped_because = stopped_because or self._streak_cause()
                    view.refresh()
                    time.sleep(self.tick)
            finally:
                if busy:
                    self._stop_all(busy, self.signalled or signal.SIGTERM)
                view.stop()
        return DispatchResult(
            self.runs,
            self.slots,
            time.monotonic() - self.started,
            interrupted=self.signalled,
            stopped_because=stopped_because,
        )

    def _fill(
        self, queue: collections.deque[DateRun], busy: dict[Slot, DateRun], view: View
    ) -> None:
        dead = self.backend.dead_hosts()
        free = [slot for slot in self.slots if slot not in busy and slot.host not in dead]
        while queue and free:
            run = queue.popleft()
            slot = _pick(free, run)
            free.remove(slot)
            self._start(run, slot, view)
            if run.worker is None:
                queue.appendleft(run)  # the host refused it: it is marked dead now
                continue
            busy[slot] = run

    def _start(self, run: DateRun, slot: Slot, view: View) -> None:
        run.attempts += 1
        log = self.log_path(run.date)
        header = (
            f"--- date={run.date} attempt {run.attempts} of {self.max_attempts} on {slot.name} "
            f"(run {self.run_id}) at {datetime.now(UTC).isoformat(timespec='seconds')} ---\n"
        )
        with log.open("a", encoding="utf-8") as handle:
            handle.write(header)
        try:
            run.worker = self.backend.start(run.date, slot, run.attempts, log, self.run_id)
        except HostUnavailable as error:
            run.attempts -= 1
            run.worker = None
            logger.warning("%s", error)
            return
        run.status, run.slot, run.progress = "running", slot, {}
        run.started = time.monotonic()
        view.started(run)

    def _finish(
        self, run: DateRun, status: int, queue: collections.deque[DateRun], view: View
    ) -> None:
        worker = run.worker
        assert worker is not None and run.slot is not None
        run.seconds = time.monotonic() - run.started
        run.work += run.seconds
        run.progress = dict(worker.progress)
        tail = list(worker.tail)
        worker.close()
        run.worker = None
        reason = self._verdict(run.date, status, tail)
        if not reason:
            run.status = (
                "skipped" if any("already committed" in line for line in tail) else ("committed")
            )
            run.message, run.tail = "", []
            self.failure_streak.clear()
            view.finished(run, retrying=False)
            return
        run.message, run.tail = reason, tail
        run.failed_slots.add(run.slot)
        retrying = run.attempts < self.max_attempts and status != BAD_INPUT
        run.status = "queued" if retrying else "failed"
        view.finished(run, retrying=retrying)
        if retrying:
            queue.appendleft(run)
        else:
            self.failure_streak.append((cause(reason, run.date), reason))

    def _verdict(self, date: str, status: int, tail: list[str]) -> str:
        """Why the attempt failed, or "" when the date is committed."""
        if status == 0:
            try:
                if self.storage.read_marker(date) is not None:
                    return ""
            except Exception as error:
                return f"exited 0 but the lake could not be read: {error}"
            return f"exited 0 but date={date} has no marker in {self.storage.uri}"
        return failure_line(tail) or f"exited with status {status}"

    def _streak_cause(self) -> str:
        """The cause shared by the last N failed dates, when N reached the limit."""
        limit = self.max_consecutive_failures
        if not limit or len(self.failure_streak) < limit:
            return ""
        last = self.failure_streak[-limit:]
        if len({same for same, _ in last}) > 1:
            return ""
        return f"{limit} dates in a row failed with the same cause: {last[-1][1]}"

    def _requeue_dead(
        self, busy: dict[Slot, DateRun], queue: collections.deque[DateRun], view: View
    ) -> None:
        dead = self.backend.dead_hosts()
        for slot, run in list(busy.items()):
            if slot.host not in dead or run.worker is None:
                continue
            del busy[slot]
            worker, run.worker = run.worker, None
            worker.close()  # stops the container first when the host answers again
            run.work += time.monotonic() - run.started
            if self._committed(run.date):
                run.status, run.seconds = "committed", time.monotonic() - run.started
                view.finished(run, retrying=False)
                continue
            run.attempts -= 1  # a lost host is not the date's failure
            run.status = "queued"
            view.requeued(run, f"host {slot.host} does not answer")
            queue.appendleft(run)

    def _committed(self, date: str) -> bool:
        try:
            return self.storage.read_marker(date) is not None
        except Exception:
            return False

    def _stop_all(self, busy: dict[Slot, DateRun], signum: int) -> None:
        """Signal every worker, wait for them (kill after a grace period), clean up."""
        started = time.monotonic()
        for wait in (FORCE_AFTER, STOP_GRACE - FORCE_AFTER):
            # The crawler stops gracefully on the first signal and at once on the second.
            for worker in self._unfinished(busy):
                with contextlib.suppress(Exception):
                    worker.stop(signum)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and not self.forced and self._unfinished(busy):
                time.sleep(0.1)
        logger.debug("workers stopped in %.1f s", time.monotonic() - started)
        for run in busy.values():
            if run.worker is None:
                continue
            if run.worker.poll() is None:
                with contextlib.suppress(Exception):
                    run.worker.kill()
            with contextlib.suppress(Exception):
                run.worker.close()
            run.progress = dict(run.worker.progress)
            run.worker = None
            run.status = "interrupted"
            run.seconds = time.monotonic() - run.started

    def _unfinished(self, busy: dict[Slot, DateRun]) -> list[Attempt]:
        """The workers still running, leaving out those on hosts that do not answer."""
        dead = self.backend.dead_hosts()
        return [
            run.worker
            for slot, run in busy.items()
            if run.worker is not None and slot.host not in dead and run.worker.poll() is None
        ]

    @contextlib.contextmanager
    def _signals_caught(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

        def caught(signum: int, frame: object) -> None:
            if self.signalled:  # a second signal: stop waiting for a graceful end
                self.forced = True
            self.signalled = self.signalled or signum

        for sig in previous:
            signal.signal(sig, caught)
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class HostUnavailable(RuntimeError):
    """A host did not take a worker (it stopped answering)."""


def _pick(free: list[Slot], run: DateRun) -> Slot:
    """A free slot, preferring hosts and slots where this date has not failed yet."""
    failed_hosts = {slot.host for slot in run.failed_slots}
    for candidates in (
        [slot for slot in free if slot.host not in failed_hosts],
        [slot for slot in free if slot not in run.failed_slots],
    ):
        if candidates:
            return candidates[0]
    return free[0]


def failure_line(lines: list[str]) -> str:
    """The line that best says why a worker failed: its last error line, else its last."""
    errors = [line for line in lines if "error:" in line.lower() or " ERROR:" in line]
    chosen = errors[-1] if errors else (lines[-1] if lines else "")
    return chosen.strip()


_NUMBERS = re.compile(r"\d+(?:\.\d+)?")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d+)? ")


def cause(reason: str, date: str) -> str:
    """A failure reason without its log timestamp, date and counts, to compare dates:
    "extraction failed for 13 of 13 articles" on one date is the same cause as "... 12 of
    12" on the next."""
    text = _TIMESTAMP.sub("", reason.strip()).replace(date, "DATE")
    return _NUMBERS.sub("N", text)
