"""The Docker image end to end: one task crawls the simulator into moto's S3 and commits."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from newscrawler.sim.server import running_simulator
from tests.support.servers import fetch_json

if TYPE_CHECKING:
    from tests.support.docker import Docker

pytestmark = pytest.mark.slow

BUCKET = "newscrawler-container"
PREFIX = "lake"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with running_simulator(seed=1, articles_per_day=60, fault_rate=0.0) as url:
        yield url


@pytest.fixture(scope="module")
def s3(moto_server: str) -> Any:
    client = boto3.client("s3", endpoint_url=moto_server, **_boto_credentials())
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture(scope="module")
def task_env(simulator: str, moto_server: str, s3: Any) -> dict[str, str]:
    """What a task needs besides its date: the simulator, the lake on moto, credentials."""
    return {
        "NAVER_BASE_URL": simulator,
        "NEWS_OUTPUT_URI": f"s3://{BUCKET}/{PREFIX}",
        "NEWS_OUTPUT_FORMAT": "parquet",
        "AWS_ENDPOINT_URL": moto_server,
        **CREDENTIALS,
    }


def _boto_credentials() -> dict[str, str]:
    return {
        "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        "region_name": CREDENTIALS["AWS_DEFAULT_REGION"],
    }


def lake_keys(s3: Any) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"{PREFIX}/")
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


def partitions(keys: set[str]) -> set[str]:
    return {key.split("/")[1] for key in keys if key.endswith("/_SUCCESS")}


def assert_committed(s3: Any, simulator: str, date: str) -> dict:
    """The date's manifest, after checking it against the simulator's truth and the parts."""
    keys = lake_keys(s3)
    marker = f"{PREFIX}/date={date}/_SUCCESS"
    assert marker in keys, sorted(keys)
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key=marker)["Body"].read())
    truth = fetch_json(f"{simulator}/_sim/articles?date={date}")
    assert truth, "the simulator has no articles for the date"
    assert manifest["rows"] == len(truth)
    assert manifest["files"], manifest
    for part in manifest["files"]:
        assert f"{PREFIX}/date={date}/{part['name']}" in keys
        assert part["name"].endswith(".parquet")
    assert sum(part["rows"] for part in manifest["files"]) == manifest["rows"]
    return manifest


def test_task_commits_its_date_to_s3(
    docker_daemon: Docker, newscrawler_image: str, task_env: dict[str, str], s3: Any, simulator: str
) -> None:
    done = docker_daemon.container(newscrawler_image, {**task_env, "DATE": "20180103"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert_committed(s3, simulator, "20180103")


def test_array_index_picks_the_date(
    docker_daemon: Docker, newscrawler_image: str, task_env: dict[str, str], s3: Any, simulator: str
) -> None:
    before = partitions(lake_keys(s3))
    env = {**task_env, "START_DATE": "20180105", "AWS_BATCH_JOB_ARRAY_INDEX": "2"}
    done = docker_daemon.container(newscrawler_image, env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert partitions(lake_keys(s3)) - before == {"date=20180107"}
    assert_committed(s3, simulator, "20180107")


def test_missing_date_is_one_error_line(
    docker_daemon: Docker, newscrawler_image: str, task_env: dict[str, str], s3: Any
) -> None:
    before = lake_keys(s3)
    done = docker_daemon.container(newscrawler_image, task_env, timeout=120)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("run_scrapy: error:"), errors
    assert lake_keys(s3) == before


def test_image_runs_as_non_root_without_compilers(
    docker_daemon: Docker, newscrawler_image: str
) -> None:
    uid = docker_daemon.container(newscrawler_image, entrypoint="id", args=["-u"], timeout=60)
    assert uid.returncode == 0, uid.stderr
    assert int(uid.stdout.strip()) != 0
    probe = "for tool in gcc cc c++ g++ clang make; do command -v $tool; done; true"
    found = docker_daemon.container(
        newscrawler_image, entrypoint="sh", args=["-c", probe], timeout=60
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "", f"build tools in the image: {found.stdout}"


def test_docker_stop_ends_the_crawl_without_a_commit(
    docker_daemon: Docker, newscrawler_image: str, task_env: dict[str, str], s3: Any
) -> None:
    # A day big enough that the crawl is still running when it is stopped.
    with running_simulator(seed=1, articles_per_day=3000, fault_rate=0.0) as big:
        env = {**task_env, "NAVER_BASE_URL": big, "DATE": "20180110"}
        container = docker_daemon.start(newscrawler_image, env)
        try:
            deadline = time.monotonic() + 60
            while "Spider opened" not in docker_daemon.run("logs", container).stderr:
                assert time.monotonic() < deadline, "the crawl did not start"
                time.sleep(0.2)
            started = time.monotonic()
            docker_daemon.run("stop", "--time", "60", container, timeout=120)
            stopped = time.monotonic() - started
            status = int(docker_daemon.run("wait", container).stdout.strip())
            log = docker_daemon.run("logs", container).stderr
        finally:
            docker_daemon.run("rm", "--force", container, check=False)
    # SIGTERM reached Scrapy (exec form, PID 1): a graceful stop, not a kill after the grace.
    assert "Received SIGTERM" in log, log[-3000:]
    assert stopped < 30, stopped
    assert status not in (0, 137), (status, log[-3000:])
    assert not {key for key in lake_keys(s3) if "/date=20180110/" in key}
