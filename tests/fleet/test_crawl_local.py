"""``newscrawler crawl`` with local workers, end to end against the simulator.

The command runs in a child process with stdout and stderr on pipes (not a terminal), as
under cron or CI, so it prints plain progress lines.
"""

from __future__ import annotations

import contextlib
import os
import pty
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawler.lake.staging import ROOT_NAME
from newscrawler.sim.drift import Drift
from newscrawler.sim.server import running_simulator
from tests.support.cli import newscrawler
from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def big_simulator() -> Iterator[str]:
    """Dates big enough that a crawl is still running after several seconds."""
    with running_simulator(seed=7, articles_per_day=3000, fault_rate=0.0) as url:
        yield url


@pytest.fixture(scope="module")
def small_simulator() -> Iterator[str]:
    with running_simulator(seed=7, articles_per_day=12, fault_rate=0.0) as url:
        yield url


@pytest.fixture(scope="module")
def drifted_simulator() -> Iterator[str]:
    """Every article's title markup renamed: each date trips the extraction alarm."""
    with running_simulator(seed=7, articles_per_day=12, drift=Drift(articles=1.0)) as url:
        yield url


class Crawl:
    """``newscrawler crawl`` in a child process; stderr lines collected with their times."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newscrawler", "crawl", *args],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))

    def wait_for(self, text: str, seconds: float = 60) -> float:
        """Seconds from the start until a stderr line containing ``text``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for at, line in list(self.lines):
                if text in line:
                    return at
            assert self.process.poll() is None, self.stderr
            time.sleep(0.1)
        raise AssertionError(f"no line with {text!r} in:\n{self.stderr}")

    def finish(self, seconds: float = 300) -> tuple[int, str, str]:
        # communicate() would read stderr too, racing the reader thread for its lines.
        self.process.wait(timeout=seconds)
        assert self.process.stdout is not None
        stdout = self.process.stdout.read()
        self.reader.join(timeout=10)
        return self.process.returncode, stdout, self.stderr

    @property
    def stderr(self) -> str:
        return "\n".join(line for _, line in self.lines)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def worker_staging(staging: Path) -> list[Path]:
    """The staging folders the workers' lake pipelines made, one per worker (inside the
    dispatcher's folder, under one named after the date and attempt)."""
    return [
        path
        for path in staging.rglob("*")
        if path.is_dir() and path.parent.name == ROOT_NAME and "." in path.parent.parent.name
    ]


def staged_files(staging: Path) -> list[Path]:
    return [path for path in staging.rglob("*") if path.name != ROOT_NAME]


def lake_entries(lake: Path) -> set[str]:
    return {path.name for path in lake.iterdir()} if lake.is_dir() else set()


def test_sigterm_stops_every_worker_removes_staging_and_publishes_nothing(
    tmp_path: Path, big_simulator: str
) -> None:
    lake, staging = tmp_path / "lake", tmp_path / "staging"
    crawl = Crawl(
        tmp_path, "--start", "20180102", "--end", "20180105", "--workers", "2",
        "--output", str(lake), "-s", f"NAVER_BASE_URL={big_simulator}",
        "-s", f"NEWS_STAGING_DIR={staging}",
    )  # fmt: skip
    crawl.wait_for("date=20180102 started")
    crawl.wait_for("date=20180103 started")
    deadline = time.monotonic() + 20
    while len(worker_staging(staging)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(worker_staging(staging)) == 2, "both workers should be crawling by now"
    workers = children(crawl.process.pid)
    assert len(workers) == 2, workers
    crawl.process.send_signal(signal.SIGTERM)
    status, _, stderr = crawl.finish(seconds=120)
    assert status == 143, stderr
    assert "interrupted by SIGTERM" in stderr
    assert "(20180102, 20180103)" in stderr
    assert not [pid for pid in workers if alive(pid)]
    assert staged_files(staging) == []
    assert lake_entries(lake) <= {"_logs"}
    time.sleep(3)
    assert lake_entries(lake) <= {"_logs"}  # nothing published after the command exited


def test_a_run_off_terminal_prints_a_progress_line_within_ten_seconds(
    tmp_path: Path, big_simulator: str
) -> None:
    crawl = Crawl(
        tmp_path, "--date", "20180110", "--output", str(tmp_path / "lake"),
        "-s", f"NAVER_BASE_URL={big_simulator}",
    )  # fmt: skip
    try:
        at = crawl.wait_for("progress: dates 0/1 done, 1 running", seconds=15)
        assert at < 10
        assert crawl.wait_for("date=20180110 started on local/1") < at
    finally:
        crawl.process.send_signal(signal.SIGTERM)
        crawl.finish(seconds=120)


def test_the_same_failure_on_consecutive_dates_stops_new_dates(
    tmp_path: Path, drifted_simulator: str
) -> None:
    crawl = Crawl(
        tmp_path, "--start", "20180102", "--end", "20180106", "--attempts", "1",
        "--max-consecutive-failures", "2", "--output", str(tmp_path / "lake"),
        "-s", f"NAVER_BASE_URL={drifted_simulator}",
    )  # fmt: skip
    status, _, stderr = crawl.finish()
    assert status == 1, stderr
    started = [line for line in stderr.splitlines() if " started on " in line]
    assert len(started) == 2, stderr
    stop = [line for line in stderr.splitlines() if line.startswith("stopped starting new dates")]
    assert len(stop) == 1, stderr
    assert "2 dates in a row failed with the same cause" in stop[0]
    assert "extraction failed" in stop[0]
    assert "(3 date(s) not started)" in stop[0]


def test_a_retry_keeps_the_log_of_the_failed_attempt(
    tmp_path: Path, drifted_simulator: str
) -> None:
    logs = tmp_path / "logs"
    crawl = Crawl(
        tmp_path, "--date", "20180102", "--attempts", "2", "--log-dir", str(logs),
        "--output", str(tmp_path / "lake"), "-s", f"NAVER_BASE_URL={drifted_simulator}",
    )  # fmt: skip
    status, _, stderr = crawl.finish()
    assert status == 1, stderr
    assert "date=20180102 attempt 1 failed" in stderr and "retrying" in stderr
    assert "date=20180102 failed after 2 attempt(s)" in stderr
    log = (logs / "20180102.log").read_text()
    assert "--- date=20180102 attempt 1 of 2" in log
    assert "--- date=20180102 attempt 2 of 2" in log
    first, second = log.split("--- date=20180102 attempt 2 of 2")
    assert "extraction failed" in first and "extraction failed" in second


def test_dry_run_lists_what_would_be_crawled_and_skipped_and_starts_nothing(
    tmp_path: Path, small_simulator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lake = tmp_path / "lake"
    common = ["--output", str(lake), "-s", f"NAVER_BASE_URL={small_simulator}"]
    assert newscrawler("crawl", "--date", "20180103", *common) == 0
    capsys.readouterr()
    before = {path.relative_to(lake) for path in lake.rglob("*")}
    assert (
        newscrawler("crawl", "--start", "20180102", "--end", "20180104", "--dry-run", *common) == 0
    )
    out = capsys.readouterr().out
    assert "would crawl 2 date(s)" in out
    assert "  20180102\n  20180104\n" in out
    assert "would skip 1 date(s):\n  date=20180103 is already committed" in out
    assert {path.relative_to(lake) for path in lake.rglob("*")} == before


def test_the_default_log_folder_is_inside_the_lake_where_readers_skip_it(
    tmp_path: Path, small_simulator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lake = tmp_path / "lake"
    status = newscrawler(
        "crawl", "--date", "20180104", "--output", str(lake),
        "-s", f"NAVER_BASE_URL={small_simulator}",
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    assert (lake / "_logs" / "20180104.log").is_file()
    assert (lake / "date=20180104" / "_SUCCESS").is_file()
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "20180101", "--end", "20180102"], "either --date or --start with --end"),
        (["--start", "20180101"], "give --date, or --start with --end"),
        (["--start", "20180105", "--end", "20180101"], "before start date"),
        (["--date", "20180101", "--sections", "100,999"], "unknown section 999"),
        (["--date", "20180101", "--attempts", "0"], "--attempts: must be a positive"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        status = newscrawler("crawl", *args, "--output", str(tmp_path / "lake"), "--dry-run")
    except SystemExit as error:  # argparse's own checks
        status = error.code
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("newscrawler crawl: error:") and message in err


def test_help_shows_every_option_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        newscrawler("crawl", "--help")
    out = " ".join(capsys.readouterr().out.split())
    for option in ("--sections", "--dry-run", "--max-consecutive-failures", "--attempts"):
        assert option in out
    assert "(default 1)" in out and "(default 2)" in out and "(default 3; 0 never stops)" in out


def test_on_a_terminal_the_live_table_shows_the_eta_and_the_summary_stays(
    tmp_path: Path, small_simulator: str
) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawler", "crawl", "--start", "20180102", "--end",
         "20180103", "--output", str(tmp_path / "lake"), "-s", f"NAVER_BASE_URL={small_simulator}"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120",
                           "TERM": "xterm"},
        stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal,
    )  # fmt: skip
    os.close(terminal)
    screen = b""
    with contextlib.suppress(OSError):  # EIO once the command has exited
        while chunk := os.read(controller, 65536):
            screen += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 0
    text = screen.decode("utf-8", "replace")
    assert "dates 0/2 done" in text and "ETA" in text  # the live view while it runs
    assert "dates 2/2  articles" in text  # the summary table at the end
    assert "│ 20180102 │ committed │" in text and "│ 20180103 │ committed │" in text
    assert "started on local/1" not in text  # no plain lines on a terminal
