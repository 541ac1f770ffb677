"""Crawls of the simulator into the lake: formats, S3, the marker, interruptions, failures."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import boto3
import pyarrow.parquet as pq
import pytest

from newscrawler.lake import ARTICLE_SCHEMA, COLUMNS
from newscrawler.lake.storage import open_storage
from newscrawler.sim.server import running_simulator
from tests.support.paths import ROOT
from tests.support.s3_fault_proxy import failing_uploads
from tests.support.servers import fetch_json

FORMATS = ["parquet", "jsonl", "jsonl.gz"]
DATE = "20180109"


@pytest.fixture(scope="module")
def sim():
    with running_simulator(seed=5, articles_per_day=150) as url:
        yield url


@pytest.fixture(scope="module")
def truth(sim):
    return {(row["oid"], row["aid"]) for row in fetch_json(f"{sim}/_sim/articles?date={DATE}")}


def run_task(env: dict, *, timeout: float = 300) -> subprocess.CompletedProcess:
    """``run_scrapy.py`` as a container would run it."""
    return subprocess.run(
        [sys.executable, "run_scrapy.py", "-s", "LOG_LEVEL=WARNING"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def read_rows(storage, date: str) -> list[dict]:
    marker = storage.read_marker(date)
    rows = []
    for entry in marker["files"]:
        data = read_object(storage, f"date={date}/{entry['name']}")
        if entry["name"].endswith(".parquet"):
            import io

            table = pq.read_table(io.BytesIO(data))
            assert table.schema.equals(ARTICLE_SCHEMA)
            rows += table.to_pylist()
        else:
            text = (gzip.decompress(data) if entry["name"].endswith(".gz") else data).decode()
            assert "\\u" not in text  # Hangul is not escaped
            rows += [json.loads(line) for line in text.splitlines()]
        assert entry["bytes"] == len(data)
    return rows


def read_object(storage, key: str) -> bytes:
    if hasattr(storage, "root"):
        return (storage.root / key).read_bytes()
    return storage.client.get_object(Bucket=storage.bucket, Key=f"{storage.prefix}/{key}")[
        "Body"
    ].read()


def check_partition(storage, truth) -> None:
    assert set(storage.partitions()) == {DATE}
    names = storage.partitions()[DATE]
    marker = storage.read_marker(DATE)
    assert names == sorted(["_SUCCESS", *(entry["name"] for entry in marker["files"])])
    rows = read_rows(storage, DATE)
    assert len(rows) == len(truth) == marker["rows"]
    assert {(row["oid"], row["aid"]) for row in rows} == truth
    assert all(list(row) == list(COLUMNS) for row in rows)
    assert any("기자" in row["content"] or "다." in row["content"] for row in rows)
    assert marker["date"] == DATE
    assert marker["crawl"]["listed"] == len(truth) == marker["crawl"]["crawled"]
    assert marker["started_at"] <= marker["finished_at"]
    assert marker["version"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_local_lake(sim, truth, tmp_path, fmt):
    env = {"DATE": DATE, "NAVER_BASE_URL": sim, "NEWS_OUTPUT_URI": str(tmp_path / "lake")}
    done = run_task({**env, "NEWS_OUTPUT_FORMAT": fmt})
    assert done.returncode == 0, done.stderr[-2000:]
    storage = open_storage(str(tmp_path / "lake"))
    check_partition(storage, truth)
    assert storage.read_marker(DATE)["format"] == fmt
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == [f"date={DATE}"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_s3_lake(sim, truth, aws_env, fmt):
    bucket = f"lake-{fmt.replace('.', '-')}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    env = {"DATE": DATE, "NAVER_BASE_URL": sim, "NEWS_OUTPUT_URI": f"s3://{bucket}/naver"}
    done = run_task({**env, "NEWS_OUTPUT_FORMAT": fmt})
    assert done.returncode == 0, done.stderr[-2000:]
    check_partition(open_storage(f"s3://{bucket}/naver"), truth)
    assert "testing" not in done.stdout + done.stderr  # credentials never printed


def test_committed_date_is_skipped_unless_overwrite(sim, tmp_path):
    env = {"DATE": DATE, "NAVER_BASE_URL": sim, "NEWS_OUTPUT_URI": str(tmp_path / "lake")}
    assert run_task(env).returncode == 0
    marker = (tmp_path / "lake" / f"date={DATE}" / "_SUCCESS").read_bytes()
    again = run_task(env)
    assert again.returncode == 0 and "already committed" in again.stdout
    assert (tmp_path / "lake" / f"date={DATE}" / "_SUCCESS").read_bytes() == marker
    redo = run_task({**env, "NEWS_OVERWRITE": "1"})
    assert redo.returncode == 0
    assert (tmp_path / "lake" / f"date={DATE}" / "_SUCCESS").read_bytes() != marker


def snapshot(path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_interrupted_crawls_publish_nothing(tmp_path):
    """SIGTERM and SIGKILL, on a re-run of a committed date and on a new date."""
    lake = tmp_path / "lake"
    with running_simulator(seed=6, articles_per_day=1200) as url:
        env = {"NAVER_BASE_URL": url, "NEWS_OUTPUT_URI": str(lake), "NEWS_PROGRESS": "1"}
        small = {**env, "DATE": "20180101", "NAVER_SECTIONS": "105"}
        assert run_task(small).returncode == 0
        before = snapshot(lake)
        runs = [
            (sig, date)
            for sig in (signal.SIGTERM, signal.SIGKILL)
            for date in ("20180101", "20180102")
        ]
        for sig, date in runs:
            process = subprocess.Popen(
                [sys.executable, "run_scrapy.py", "-s", "LOG_LEVEL=WARNING"],
                cwd=ROOT,
                env={**os.environ, **env, "DATE": date, "NEWS_OVERWRITE": "1"},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            wait_for_items(process, 50)
            process.send_signal(sig)
            process.communicate(timeout=120)
            assert process.returncode != 0
            assert snapshot(lake) == before, "an interrupted crawl changed the lake"
        rerun = run_task({**env, "DATE": "20180102"})
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        truth = fetch_json(f"{url}/_sim/articles?date=20180102")
    storage = open_storage(str(lake))
    rows = read_rows(storage, "20180102")
    assert sorted((r["oid"], r["aid"]) for r in rows) == sorted((t["oid"], t["aid"]) for t in truth)
    assert snapshot(lake / "date=20180101") == {
        key.removeprefix("date=20180101/"): value for key, value in before.items()
    }


def wait_for_items(process: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 120
    for line in process.stdout:
        if line.startswith("@progress ") and json.loads(line[10:])["items"] >= count:
            return
        assert time.monotonic() < deadline, "crawl made no progress"
    raise AssertionError("crawl ended before it could be interrupted")


def test_failing_s3_upload_exits_non_zero_without_marker(sim, aws_env, moto_server):
    boto3.client("s3").create_bucket(Bucket="lake-failing")
    with failing_uploads(moto_server) as endpoint:
        env = {
            "DATE": DATE,
            "NAVER_BASE_URL": sim,
            "NEWS_OUTPUT_URI": "s3://lake-failing/naver",
            "AWS_ENDPOINT_URL": endpoint,
        }
        done = run_task(env)
    assert done.returncode == 1
    assert "publishing date=" in done.stderr and "Traceback" not in done.stderr
    assert open_storage("s3://lake-failing/naver").partitions() == {}
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket="lake-failing")


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DATE": DATE, "NEWS_OUTPUT_FORMAT": "csv"}, "unknown format"),
        ({"DATE": DATE, "NEWS_OUTPUT_URI": "s3:/bucket"}, "URI"),
        (
            {
                "DATE": DATE,
                "NEWS_OUTPUT_URI": "s3://lake/x",
                "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
            },
            "S3",
        ),
        ({}, "DATE is not set"),
        ({"START_DATE": "20180101", "AWS_BATCH_JOB_ARRAY_INDEX": "x"}, "task index"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, env, message):
    base = {
        "NEWS_OUTPUT_URI": str(tmp_path / "lake"),
        "AWS_ACCESS_KEY_ID": "k",
        "AWS_SECRET_ACCESS_KEY": "s",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ("DATE", "START_DATE")}
    done = subprocess.run(
        [sys.executable, "run_scrapy.py"],
        cwd=ROOT,
        env={**clean, **base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], done.stderr
    assert not (tmp_path / "lake").exists() or not any((tmp_path / "lake").iterdir())
