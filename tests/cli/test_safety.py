"""Safe by default: a committed date is never shrunk, and mistakes fail fast, once.

End to end through the real commands (``scrapy crawl``, ``run_scrapy.py``,
``newscrawler lake``) against the simulator.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawler.lake import marker_files
from newscrawler.lake.storage import open_storage
from newscrawler.sim.server import running_simulator
from tests.support.paths import ROOT

DATE = "20180104"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def simulator():
    with running_simulator(seed=5, articles_per_day=70) as url:
        yield url


def scrapy_crawl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "scrapy"), "crawl", "naver_news", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def newscrawler(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "newscrawler"), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def complete_lake(simulator, tmp_path_factory) -> Path:
    lake = tmp_path_factory.mktemp("safety") / "lake"
    done = scrapy_crawl(
        "-a", f"date={DATE}", "-s", f"NAVER_BASE_URL={simulator}", "-s", f"NEWS_OUTPUT_URI={lake}"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return lake


def test_a_subset_crawl_leaves_a_complete_partition_untouched(simulator, complete_lake):
    before = open_storage(str(complete_lake)).read_marker(DATE)
    assert before["sections"] == ["100", "101", "102", "103", "104", "105", "110"]
    for run in (
        lambda: scrapy_crawl(
            "-a", f"date={DATE}", "-a", "sections=100,105",
            "-s", f"NAVER_BASE_URL={simulator}", "-s", f"NEWS_OUTPUT_URI={complete_lake}",
            "-O", str(complete_lake.parent / "out.jsonl"),
        ),
        lambda: subprocess.run(
            [sys.executable, "run_scrapy.py"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
            env={**os.environ, "DATE": DATE, "NAVER_SECTIONS": "100",
                 "NAVER_BASE_URL": simulator, "NEWS_OUTPUT_URI": str(complete_lake)},
        ),
    ):  # fmt: skip
        done = run()
        assert done.returncode == 0, done.stderr[-2000:]
        said = (done.stdout + done.stderr).strip().splitlines()[-1]
        assert "already committed" in said and DATE in said
    assert open_storage(str(complete_lake)).read_marker(DATE) == before


def test_overwrite_replaces_and_the_old_version_is_gone(simulator, complete_lake, tmp_path):
    lake = tmp_path / "lake"
    first = ["-s", f"NAVER_BASE_URL={simulator}", "-s", f"NEWS_OUTPUT_URI={lake}"]
    assert scrapy_crawl("-a", f"date={DATE}", "-a", "sections=100", *first).returncode == 0
    partial = open_storage(str(lake)).read_marker(DATE)
    assert partial["sections"] == ["100"]
    # More sections extend a partial partition without being told to overwrite.
    done = scrapy_crawl("-a", f"date={DATE}", *first)
    assert done.returncode == 0, done.stderr[-2000:]
    full = open_storage(str(lake)).read_marker(DATE)
    assert full["rows"] > partial["rows"] and len(full["sections"]) == 7
    # NEWS_OVERWRITE=1 lets a subset replace it, as the user asked.
    done = scrapy_crawl(
        "-a",
        f"date={DATE}",
        "-a",
        "sections=101",
        *first,
        env={"NEWS_OVERWRITE": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    storage = open_storage(str(lake))
    marker = storage.read_marker(DATE)
    assert marker["sections"] == ["101"]
    assert storage.partitions()[DATE] == sorted(["_SUCCESS", *marker_files(marker)])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "NAVER_SECTIONS=100,999"], "unknown section 999"),
        (["-s", "NAVER_BASE_URL=127.0.0.1:8096"], "NAVER_BASE_URL: must be an http(s) origin"),
        (["-s", "NEWS_ROWS_PER_PART=abc"], "NEWS_ROWS_PER_PART: must be a whole number"),
        (["-s", "NEWS_ROWS_PER_PARTT=3"], "did you mean NEWS_ROWS_PER_PART?"),
        (["-s", "NEWS_OUTPUT_FORMAT=csv"], "unknown format 'csv'"),
        (["-s", "NEWS_OUTPUT_URI=/tmp/x/date=20180101"], "inside the partition"),
        (["-a", "section=105"], "did you mean sections?"),
    ],
)
def test_bad_settings_fail_fast_with_one_line(args, message):
    started = time.monotonic()
    done = scrapy_crawl("-a", f"date={DATE}", *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 4  # process start included; the check itself is instant


def test_an_unknown_host_says_so_at_once(tmp_path):
    done = subprocess.run(
        [sys.executable, "run_scrapy.py"], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DATE": DATE, "NAVER_BASE_URL": "http://naver.invalid",
             "NEWS_OUTPUT_URI": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("run_scrapy: error: cannot resolve naver.invalid")
    assert done.stderr.count("\n") == 1


def test_unreachable_naver_says_so_at_once(tmp_path):
    done = scrapy_crawl(
        "-a", f"date={DATE}", "-s", "NAVER_BASE_URL=http://127.0.0.1:9",
        "-s", f"NEWS_OUTPUT_URI={tmp_path}",
    )  # fmt: skip
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == "scrapy crawl: error: cannot reach http://127.0.0.1:9: connection refused"
    )


def test_a_lake_takes_one_format(simulator, complete_lake):
    done = scrapy_crawl(
        "-a", "date=20180105", "-s", f"NAVER_BASE_URL={simulator}",
        "-s", f"NEWS_OUTPUT_URI={complete_lake}", "-s", "NEWS_OUTPUT_FORMAT=jsonl",
    )  # fmt: skip
    assert done.returncode == 2
    assert "holds parquet parts, not jsonl" in done.stderr
    assert open_storage(str(complete_lake)).committed_dates() == {DATE}


def test_lake_status_and_verify(simulator, complete_lake, tmp_path):
    import shutil

    lake = tmp_path / "lake"
    shutil.copytree(complete_lake, lake)
    partition = lake / f"date={DATE}"
    (part,) = [p for p in partition.iterdir() if p.name.startswith("part-")]
    (partition / "part-00007.parquet").write_bytes(part.read_bytes())  # an orphan
    (lake / "date=20180106").mkdir()
    (lake / "date=20180106" / "part-00000.parquet").write_bytes(b"half")  # a failed publish
    (lake / "_staging" / "abc").mkdir(parents=True)
    done = newscrawler("lake", "status", "--lake", str(lake), "--start", DATE, "--end", "20180106")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # not a terminal: JSON
    states = {d["date"]: d["state"] for d in report["dates"]}
    assert states == {DATE: "committed", "20180105": "missing", "20180106": "failed"}
    (committed,) = [d for d in report["dates"] if d["date"] == DATE]
    assert committed["orphans"] == ["part-00007.parquet"] and committed["rows"] > 0
    assert report["leftovers"] == [str(lake / "_staging")]

    table = newscrawler("lake", "verify", "--lake", str(lake), "--format", "table")
    assert table.returncode == 0 and "ok" in table.stdout and "committed 1" in table.stdout

    part.write_bytes(part.read_bytes()[:-10])  # truncate a committed part
    broken = newscrawler("lake", "verify", "--lake", str(lake))
    assert broken.returncode == 1
    (checked,) = [d for d in json.loads(broken.stdout)["dates"] if d["date"] == DATE]
    assert "bytes, the marker says" in checked["problems"][0]
    part.write_bytes((complete_lake / f"date={DATE}" / part.name).read_bytes())

    fixed = newscrawler("lake", "verify", "--lake", str(lake), "--fix")
    assert fixed.returncode == 0 and json.loads(fixed.stdout)["removed"] == 3
    assert sorted(p.name for p in lake.iterdir()) == [f"date={DATE}"]
    assert sorted(p.name for p in partition.iterdir()) == ["_SUCCESS", part.name]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lake", "status", "--lake", "s3://Bad/x"], "lower case"),
        (["lake", "status", "--start", "20180101"], "--start and --end go together"),
        (["lake", "verify", "--start", "20180105", "--end", "20180101"], "before start date"),
    ],
)
def test_lake_bad_input(args, message):
    done = newscrawler(*args)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "setting", ["NAVER_SECTIONS=100,999", "NAVER_BASE_URL=127.0.0.1:8096", "NEWS_ROWS_PER_PART=abc"]
)
def test_newscrawler_crawl_refuses_a_bad_setting_before_any_worker(setting, tmp_path):
    started = time.monotonic()
    done = newscrawler(
        "crawl", "--start", "20180101", "--end", "20180131", "--workers", "4",
        "--output", str(tmp_path / "lake"), "-s", setting,
    )  # fmt: skip
    assert time.monotonic() - started < 2
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"newscrawler crawl: error: setting {setting.split('=')[0]}")
    assert not (tmp_path / "lake").exists()  # no worker started, no log written
