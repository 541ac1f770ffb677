"""Crawls of a faulty simulator: each run commits the truth exactly once, or fails loudly.

The simulator injects 429 (Retry-After), 503, resets, slow and truncated answers at the
given rate; duplicate links across sections and pages and the last-page-again answer are
always on. A run that exits 0 must have committed exactly the simulator's truth; a run
that fails must say so on stderr and commit nothing. Never a partition with an article
missing or twice.
"""

from __future__ import annotations

import json
import time

import pytest

from newscrawler.sim.server import running_simulator
from tests.support.commands import PROGRESS, command, error_lines, run, spawn
from tests.support.lake_check import LocalLake, assert_exactly, committed, truth_keys
from tests.support.servers import fetch_json

DATES = ["20180103", "20180104", "20180105"]  # weekdays: full lists, a few pages each
RATES = [
    pytest.param(0.0, DATES[:2], id="0pct"),
    pytest.param(0.05, DATES[:2], id="5pct"),
    pytest.param(0.2, DATES[:2], id="20pct"),
    pytest.param(0.4, DATES, id="40pct", marks=pytest.mark.faults_long),
]
ARTICLES_PER_DAY = 150


def injected(url: str) -> int:
    return sum(fetch_json(f"{url}/_sim/stats")["faults"].values())


def verdict(lake: LocalLake, date: str, code: int, stderr: str, truth: set) -> str:
    """'committed' or 'failed', after checking the run kept its promise either way."""
    view = committed(lake, date)
    if code == 0:
        assert view is not None, f"date={date}: exit 0 but no marker"
        assert_exactly(view.rows, truth, f"date={date} committed")
        return "committed"
    assert view is None, f"date={date}: exit {code} but a marker was written"
    lines = error_lines(stderr)
    assert lines and ": error: " in lines[-1], f"a failed run must say why:\n{stderr[-2000:]}"
    assert "Traceback" not in stderr, stderr[-3000:]
    return "failed"


@pytest.mark.parametrize("rate, dates", RATES)
def test_crawl_under_faults(rate, dates, tmp_path, figures):
    lake = LocalLake(tmp_path / "lake")
    outcomes, retries, seconds = [], [], []
    with running_simulator(seed=41, articles_per_day=ARTICLES_PER_DAY, fault_rate=rate) as url:
        for date in dates:
            truth = truth_keys(fetch_json(f"{url}/_sim/articles?date={date}"))
            env = {
                "DATE": date,
                "NAVER_BASE_URL": url,
                "NEWS_OUTPUT_URI": str(lake.root),
                "NEWS_PROGRESS": "1",
                "NEWS_PROGRESS_INTERVAL": "0.5",
            }
            started = time.monotonic()
            done = run("run_scrapy.py", "-s", "LOG_LEVEL=WARNING", env=env, timeout=400)
            seconds.append(time.monotonic() - started)
            outcomes.append(verdict(lake, date, done.returncode, done.stderr, truth))
            progress = [line for line in done.stdout.splitlines() if line.startswith(PROGRESS)]
            view = committed(lake, date)
            if view is not None:
                retries.append(view.marker.get("crawl", {}).get("retried", 0))
            elif progress:
                retries.append(json.loads(progress[-1][len(PROGRESS) :])["retries"])
        faults = injected(url)
    figures.setdefault("fault_rates", {})[f"{rate:.2f}"] = {
        "runs": len(outcomes),
        "committed": outcomes.count("committed"),
        "failed_loudly": outcomes.count("failed"),
        "articles_per_run": ARTICLES_PER_DAY,
        "faults_injected": faults,
        "retries": sum(retries),
        "seconds_per_run": round(sum(seconds) / len(seconds), 2),
    }
    if rate == 0:
        assert faults == 0
    else:
        assert faults > 0, "the simulator injected no fault"
    if rate <= 0.2:
        # Eight retries with backoff make a lost request at these rates a one-in-millions
        # event: every run must commit.
        assert outcomes == ["committed"] * len(dates), outcomes


def test_scrapy_crawl_under_faults(tmp_path):
    """The ``scrapy crawl`` entry point, at 5% faults, with ``-O`` as the README shows."""
    lake = LocalLake(tmp_path / "lake")
    date = "20180108"
    with running_simulator(seed=42, articles_per_day=ARTICLES_PER_DAY, fault_rate=0.05) as url:
        truth = truth_keys(fetch_json(f"{url}/_sim/articles?date={date}"))
        done = run(
            "scrapy",
            "crawl",
            "naver_news",
            "-a",
            f"date={date}",
            "-s",
            f"NAVER_BASE_URL={url}",
            "-s",
            f"NEWS_OUTPUT_URI={lake.root}",
            "-s",
            "LOG_LEVEL=WARNING",
            "-O",
            str(tmp_path / "out.jsonl"),
            timeout=400,
        )
    assert verdict(lake, date, done.returncode, done.stderr, truth) == "committed"
    exported = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(exported) == len(truth)


def test_newscrawler_crawl_under_faults(tmp_path):
    """``newscrawler crawl`` over three dates in two workers, at 5% faults."""
    lake = LocalLake(tmp_path / "lake")
    with running_simulator(seed=43, articles_per_day=ARTICLES_PER_DAY, fault_rate=0.05) as url:
        truths = {
            date: truth_keys(fetch_json(f"{url}/_sim/articles?date={date}")) for date in DATES
        }
        done = run(
            "newscrawler",
            "crawl",
            "--start",
            DATES[0],
            "--end",
            DATES[-1],
            "--workers",
            "2",
            "--output",
            str(lake.root),
            "--log-dir",
            str(tmp_path / "logs"),
            "-s",
            f"NAVER_BASE_URL={url}",
            timeout=400,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    for date, truth in truths.items():
        view = committed(lake, date)
        assert view is not None, f"date={date} not committed"
        assert_exactly(view.rows, truth, f"date={date}")


def test_exhausted_retries_never_commit_a_partial_date(tmp_path, figures):
    """With one retry only, a few requests at 5% faults fail for good; the date then holds
    fewer articles than listed, and it must not be committed as if it were complete."""
    lake = LocalLake(tmp_path / "lake")
    date = "20180110"
    attempts = []
    with running_simulator(seed=44, articles_per_day=600, fault_rate=0.05) as url:
        truth = truth_keys(fetch_json(f"{url}/_sim/articles?date={date}"))
        for attempt in range(3):
            env = {
                "DATE": date,
                "NAVER_BASE_URL": url,
                "NEWS_OUTPUT_URI": str(lake.root),
                "NEWS_OVERWRITE": "1",
            }
            watched = spawn(
                command("run_scrapy.py", "-s", "LOG_LEVEL=WARNING", "-s", "RETRY_TIMES=1"), env
            )
            code = watched.wait(timeout=300)
            stderr = "".join(watched.stderr)
            view = committed(lake, date)
            if view is not None and code == 0:
                attempts.append(len(set(truth) - {(r["oid"], r["aid"]) for r in view.rows}))
            figures["exhausted_retries"] = {"runs": attempt + 1, "missing_when_committed": attempts}
            # A committed date must be complete, whatever the retry budget was.
            if code == 0:
                assert view is not None
                assert_exactly(view.rows, truth, f"attempt {attempt}: date={date} committed")
            else:
                assert ": error: " in error_lines(stderr)[-1], stderr[-2000:]
