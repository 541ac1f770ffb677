"""The command lines as a user runs them: scrapy crawl, newscrawler extract / crawl / sim."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from newscrawler.lake.storage import open_storage
from newscrawler.sim.drift import Drift
from newscrawler.sim.server import running_simulator
from tests.support.paths import ROOT
from tests.support.servers import fetch_json

BIN = Path(sys.executable).parent


def run(*command: str, timeout: float = 300) -> subprocess.CompletedProcess:
    program = shutil.which(command[0], path=str(BIN)) or command[0]
    return subprocess.run(
        [program, *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def one_error_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def sim():
    with running_simulator(seed=9, articles_per_day=100) as url:
        yield url


def test_scrapy_crawl_from_the_repo_root(sim, tmp_path):
    out = tmp_path / "out.jsonl"
    done = run(
        "scrapy", "crawl", "naver_news", "-a", "date=20180101",
        "-s", f"NAVER_BASE_URL={sim}", "-s", f"NEWS_OUTPUT_URI={tmp_path / 'lake'}",
        "-O", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    items = [json.loads(line) for line in out.open(encoding="utf-8")]
    truth = fetch_json(f"{sim}/_sim/articles?date=20180101")
    assert sorted((i["oid"], i["aid"]) for i in items) == sorted(
        (t["oid"], t["aid"]) for t in truth
    )
    assert open_storage(str(tmp_path / "lake")).committed_dates() == {"20180101"}


TOMORROW = (date.today() + timedelta(days=2)).strftime("%Y%m%d")


@pytest.mark.parametrize(
    "args, message",
    [
        (["-a", "date=2018-13-45"], "invalid date"),
        (["-a", f"date={TOMORROW}"], "in the future"),
        (["-a", "date=20180101", "-a", "sections=999"], "unknown section 999"),
        ([], "a date is required"),
        (["-a", "date=20180101", "-s", "NEWS_OUTPUT_FORMAT=csv"], "unknown format"),
        (["-a", "date=20180101", "-s", "NEWS_OUTPUT_URI=s3://"], "URI"),
    ],
)
def test_scrapy_crawl_bad_input(args, message):
    done = run("scrapy", "crawl", "naver_news", *args)
    assert done.returncode == 2
    assert message in one_error_line(done)


def crawl_drifted(drift: Drift, lake: Path, per_day: int = 100) -> subprocess.CompletedProcess:
    """``scrapy crawl`` of 20180102 from a simulator whose markup drifted."""
    with running_simulator(seed=9, articles_per_day=per_day, drift=drift) as url:
        return run(
            "scrapy", "crawl", "naver_news", "-a", "date=20180102",
            "-s", f"NAVER_BASE_URL={url}", "-s", f"NEWS_OUTPUT_URI={lake}",
        )  # fmt: skip


def test_layout_alarm_fails_the_crawl_and_names_the_field(tmp_path):
    done = crawl_drifted(Drift(articles=0.1), tmp_path)
    assert done.returncode == 1
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("scrapy crawl: error: extraction failed for")
    assert "title (" in error
    assert not list(tmp_path.iterdir())  # nothing published


def test_no_articles_in_the_lists_fails_the_crawl(tmp_path):
    done = crawl_drifted(Drift(lists=True), tmp_path)
    assert done.returncode == 1
    assert not list(tmp_path.iterdir())
    assert "no articles found in the date lists" in done.stderr.strip().splitlines()[-1]


def test_small_drift_stays_under_the_alarm(tmp_path):
    done = crawl_drifted(Drift(articles=0.005), tmp_path, per_day=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert open_storage(str(tmp_path)).committed_dates() == {"20180102"}
    assert "newscrawler/missing/title" in done.stderr  # counted in the stats


def test_extract_article(naver_pages):
    url = "https://n.news.naver.com/mnews/article/003/0012577249"
    done = run(
        "newscrawler", "extract", str(naver_pages / "article_new_003_0012577249.html"), "--url", url
    )
    assert done.returncode == 0
    item = json.loads(done.stdout)
    assert (item["oid"], item["aid"], item["press"]) == ("003", "0012577249", "뉴시스")


def test_extract_list(naver_pages):
    url = "https://news.naver.com/main/list.naver?mode=LSD&mid=shm&sid1=100&date=20260530"
    done = run(
        "newscrawler", "extract", str(naver_pages / "list_LSD_100_20260530_p1.html"), "--url", url
    )
    listing = json.loads(done.stdout)
    assert len(listing["articles"]) == 20 and listing["page"] == 1 and listing["last_page"] == 10


def test_extract_errors(naver_pages):
    missing = run(
        "newscrawler", "extract", "no-such-page.html", "--url", "https://n.news.naver.com/x"
    )
    assert missing.returncode == 2
    assert "cannot read no-such-page.html" in one_error_line(missing)
    home = naver_pages / "home_20220218.html"
    unknown = run(
        "newscrawler", "extract", str(home), "--url", "https://news.naver.com/main/home.naver"
    )
    assert unknown.returncode == 1
    assert "unknown article layout" in one_error_line(unknown)
    usage = run("newscrawler", "extract", str(home))
    assert usage.returncode == 2 and "--url" in one_error_line(usage)


def test_crawl_command_runs_dates_in_workers_and_resumes(sim, tmp_path):
    lake = tmp_path / "lake"
    command = [
        "newscrawler", "crawl", "--start", "20180104", "--end", "20180106", "--workers", "2",
        "--output", str(lake), "--format", "jsonl.gz", "--log-dir", str(tmp_path / "logs"),
        "-s", f"NAVER_BASE_URL={sim}",
    ]  # fmt: skip
    first = run(*command)
    assert first.returncode == 0, first.stderr[-3000:]
    storage = open_storage(str(lake))
    assert storage.committed_dates() == {"20180104", "20180105", "20180106"}
    for day in ("20180104", "20180105", "20180106"):
        truth = fetch_json(f"{sim}/_sim/articles?date={day}")
        assert storage.read_marker(day)["rows"] == len(truth)
    assert "committed" in first.stderr and "dates 3/3" in first.stderr
    again = run(*command)
    assert again.returncode == 0
    assert "3 date(s) already committed" in again.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2018-13-45"], "invalid date"),
        (["--start", "20180105", "--end", "20180101"], "before start date"),
        (["--start", "20180105"], "--start with --end"),
        (["--date", "20180101", "--format", "xml"], "unknown format"),
        (["--date", "20180101", "--output", "s3://"], "URI"),
        (["--date", "20180101", "--workers", "0"], "positive"),
    ],
)
def test_crawl_command_bad_input(args, message, tmp_path):
    done = run("newscrawler", "crawl", *args)
    assert done.returncode == 2
    assert message in one_error_line(done)


def test_sim_usage_error():
    done = run("newscrawler", "sim", "--fault-rate", "2")
    assert done.returncode == 2
    assert "fault-rate" in one_error_line(done)
