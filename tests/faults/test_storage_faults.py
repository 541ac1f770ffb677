"""Storage that fails under a re-publish: S3 stopped, slow or erroring; full or read-only disks.

Each case re-publishes a committed date while the storage fails. A fault the crawler cannot
get past must give a non-zero exit, one clear error line and no traceback, and leave the
committed version untouched (its marker and the files the marker names, byte for byte).
A fault it can get past (a slow endpoint, a few SlowDowns) must commit the new version
exactly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import boto3
import pytest

from newscrawler.sim.server import running_simulator
from tests.support.commands import command, error_lines, run, spawn
from tests.support.fault_proxy import fault_proxy
from tests.support.lake_check import (
    LocalLake,
    S3Lake,
    assert_exactly,
    committed,
    fingerprint,
    identity,
    truth_keys,
)
from tests.support.paths import require
from tests.support.servers import fetch_json

DATE = "20180103"
QUIET = ("-s", "LOG_LEVEL=WARNING")


@pytest.fixture(scope="module")
def sims() -> Iterator[dict[str, str]]:
    with (
        running_simulator(seed=61, articles_per_day=100) as old,
        running_simulator(seed=62, articles_per_day=100) as new,
    ):
        yield {"old": old, "new": new}


@pytest.fixture(scope="module")
def truth_new(sims) -> set:
    return truth_keys(fetch_json(f"{sims['new']}/_sim/articles?date={DATE}"))


@pytest.fixture(scope="module")
def reference(sims, tmp_path_factory) -> Path:
    """A local lake holding the old version of DATE, committed by a real crawl."""
    root = tmp_path_factory.mktemp("reference") / "lake"
    done = run("run_scrapy.py", *QUIET, env=env_for(sims["old"], str(root)))
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def env_for(url: str, lake: str, **extra: str) -> dict[str, str]:
    return {"DATE": DATE, "NAVER_BASE_URL": url, "NEWS_OUTPUT_URI": lake, **extra}


def republish(url: str, lake: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return run("run_scrapy.py", *QUIET, env=env_for(url, lake, NEWS_OVERWRITE="1", **extra))


def assert_failed_cleanly(done: subprocess.CompletedProcess[str], words: tuple[str, ...]):
    assert done.returncode != 0, "the fault went unnoticed: exit 0"
    lines = error_lines(done.stderr)
    assert lines and lines[-1].startswith("run_scrapy: error: "), done.stderr[-3000:]
    assert sum(": error: " in line and "[" not in line[:30] for line in lines) == 1, lines[-5:]
    assert any(word.lower() in lines[-1].lower() for word in words), lines[-1]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


# --- S3 through a fault proxy in front of moto ---------------------------------------------

LONG = pytest.mark.faults_long
# Faults the crawler must fail on: the rule, and words the error line may use.
S3_FAILURES = [
    pytest.param(dict(action="stop", methods={"PUT"}, after=2), (), id="stopped mid-upload"),
    pytest.param(
        dict(action="error", methods={"PUT"}, after=2),
        ("InternalError", "500"),
        id="500 mid-upload",
    ),
    pytest.param(
        dict(action="error", methods={"PUT"}, after=2, status=503, code="SlowDown"),
        ("SlowDown", "503"),
        id="503 SlowDown mid-upload",
        marks=LONG,
    ),
    pytest.param(
        dict(action="error", methods={"PUT"}, path_contains="_SUCCESS"),
        ("InternalError", "500"),
        id="500 on the marker (mid-publish)",
    ),
    pytest.param(
        dict(action="stop", methods={"PUT"}, path_contains="_SUCCESS"),
        (),
        id="stopped at the marker (mid-publish)",
        marks=LONG,
    ),
    pytest.param(
        dict(action="error", header="x-amz-copy-source", status=503, code="SlowDown"),
        ("SlowDown", "503"),
        id="SlowDown on server-side copies (mid-publish)",
        marks=LONG,
    ),
]
S3_WORDS = ("s3", "publish", "upload", "endpoint", "connect")
S3_PUBLISH = {"NEWS_ROWS_PER_PART": "12"}  # several parts: "mid-upload" has a middle


@pytest.fixture
def s3_lake(sims, aws_env, moto_server, request):
    """A bucket whose DATE holds the old version, committed straight to moto."""
    bucket = "faults-" + request.node.name.split("[")[-1].strip("]").lower()
    bucket = "".join(c if c.isalnum() else "-" for c in bucket)[:50].strip("-")
    client = boto3.client("s3")
    client.create_bucket(Bucket=bucket)
    done = run("run_scrapy.py", *QUIET, env=env_for(sims["old"], f"s3://{bucket}/naver"))
    assert done.returncode == 0, done.stderr[-3000:]
    return S3Lake(client, bucket, "naver")


@pytest.mark.parametrize("rule, words", S3_FAILURES)
def test_s3_fault_keeps_the_committed_version(
    rule, words, sims, s3_lake, moto_server, truth_new, figures, request
):
    case = request.node.callspec.id
    before = fingerprint(s3_lake, DATE)
    with fault_proxy(moto_server) as proxy:
        fault = proxy.add(**rule)
        started = time.monotonic()
        done = republish(sims["new"], s3_lake.uri, **S3_PUBLISH, AWS_ENDPOINT_URL=proxy.url)
        seconds = time.monotonic() - started
    figures.setdefault("storage_faults", {})[f"s3: {case}"] = {
        "exit": done.returncode,
        "fired": fault.fired,
        "seconds": round(seconds, 1),
    }
    if fault.fired == 0:
        # This publish never makes the request the fault targets: it must simply work.
        assert done.returncode == 0, done.stderr[-3000:]
        assert_exactly(committed(s3_lake, DATE).rows, truth_new, case)
        return
    assert_failed_cleanly(done, words or S3_WORDS)
    assert fingerprint(s3_lake, DATE) == before, "the committed version changed"


@LONG
def test_s3_fault_on_deletes_keeps_one_whole_version(
    sims, s3_lake, moto_server, truth_new, figures
):
    """Deletes failing (of old parts, of staging): whatever the exit, one version, whole."""
    old_rows = identity(committed(s3_lake, DATE).rows)
    with fault_proxy(moto_server) as proxy:
        proxy.add(action="error", methods={"DELETE", "POST"})
        done = republish(sims["new"], s3_lake.uri, **S3_PUBLISH, AWS_ENDPOINT_URL=proxy.url)
    view = committed(s3_lake, DATE)
    assert view is not None
    figures.setdefault("storage_faults", {})["s3: deletes failing"] = {"exit": done.returncode}
    if identity(view.rows) != old_rows:
        assert_exactly(view.rows, truth_new, "new version after failing deletes")
    if done.returncode != 0:
        assert_failed_cleanly(done, S3_WORDS)


@pytest.mark.parametrize(
    "case, rule",
    [
        pytest.param(
            "slow endpoint (0.3 s per write)",
            dict(action="delay", seconds=0.3),
            marks=LONG,
            id="slow",
        ),
        pytest.param(
            "three SlowDowns, then fine",
            dict(action="error", status=503, code="SlowDown", times=3),
            id="slowdowns",
        ),
        pytest.param(
            "two resets, then fine",
            dict(action="reset", methods={"PUT"}, times=2),
            marks=LONG,
            id="resets",
        ),
    ],
)
def test_s3_fault_the_crawl_gets_past(case, rule, sims, s3_lake, moto_server, truth_new, figures):
    with fault_proxy(moto_server) as proxy:
        fault = proxy.add(**rule)
        started = time.monotonic()
        done = republish(sims["new"], s3_lake.uri, **S3_PUBLISH, AWS_ENDPOINT_URL=proxy.url)
        seconds = time.monotonic() - started
    assert fault.fired > 0
    assert done.returncode == 0, done.stderr[-3000:]
    view = committed(s3_lake, DATE)
    assert view is not None
    assert_exactly(view.rows, truth_new, case)
    figures.setdefault("storage_faults", {})[f"s3: {case}"] = {
        "exit": 0,
        "fired": fault.fired,
        "seconds": round(seconds, 1),
    }


# --- local disks -------------------------------------------------------------------------


@contextmanager
def tmpfs(path: Path, size: str = "1m") -> Iterator[Path]:
    """A small tmpfs mounted at ``path`` (root only), unmounted afterwards."""
    require(os.geteuid() == 0, "mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    require(mounted.returncode == 0, f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(directory: Path, leave: int) -> None:
    """Fill the file system of ``directory`` until ``leave`` bytes are free."""
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize
    with open(directory / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def copy_lake(reference: Path, target: Path) -> LocalLake:
    shutil.copytree(reference, target, dirs_exist_ok=True)
    return LocalLake(target)


def test_staging_on_a_full_disk(sims, reference, tmp_path, figures):
    lake = copy_lake(reference, tmp_path / "lake")
    before = fingerprint(lake, DATE)
    with tmpfs(tmp_path / "staging") as staging:
        fill(staging, leave=16 * 1024)
        done = republish(sims["new"], str(lake.root), NEWS_STAGING_DIR=str(staging))
    figures.setdefault("storage_faults", {})["local: staging on a full disk"] = {
        "exit": done.returncode
    }
    assert_failed_cleanly(done, ("space", "staging", "write"))
    assert fingerprint(lake, DATE) == before


def test_lake_on_a_full_disk(sims, reference, tmp_path, figures):
    with tmpfs(tmp_path / "disk", size="1m") as disk:
        lake = copy_lake(reference, disk / "lake")
        before = fingerprint(lake, DATE)
        fill(disk, leave=8 * 1024)
        done = republish(sims["new"], str(lake.root))
        after = fingerprint(lake, DATE)
    figures.setdefault("storage_faults", {})["local: lake on a full disk"] = {
        "exit": done.returncode
    }
    assert_failed_cleanly(done, ("space", "publish", "write"))
    assert after == before


def test_read_only_lake(sims, reference, tmp_path, figures):
    with tmpfs(tmp_path / "disk") as disk:
        lake = copy_lake(reference, disk / "lake")
        before = fingerprint(lake, DATE)
        remount_read_only(disk)
        done = republish(sims["new"], str(lake.root))
        after = fingerprint(lake, DATE)
    figures.setdefault("storage_faults", {})["local: read-only lake"] = {"exit": done.returncode}
    assert_failed_cleanly(done, ("read-only", "not writable", "permission"))
    assert after == before


@LONG
def test_lake_turns_read_only_mid_crawl(sims, reference, tmp_path, figures):
    staging = tmp_path / "staging"
    staging.mkdir()
    with tmpfs(tmp_path / "disk") as disk:
        lake = copy_lake(reference, disk / "lake")
        before = fingerprint(lake, DATE)
        env = env_for(
            sims["new"], str(lake.root), NEWS_OVERWRITE="1", NEWS_STAGING_DIR=str(staging)
        )
        watched = spawn(command("run_scrapy.py", *QUIET), env)
        deadline = time.monotonic() + 120
        while not any(staging.rglob("part-*")) and watched.process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        remount_read_only(disk)
        code = watched.wait(timeout=300)
        after = fingerprint(lake, DATE)
    done = subprocess.CompletedProcess([], code, "".join(watched.stdout), "".join(watched.stderr))
    figures.setdefault("storage_faults", {})["local: lake turns read-only mid-crawl"] = {
        "exit": code
    }
    assert_failed_cleanly(done, ("read-only", "not writable", "publish"))
    assert after == before


@LONG
def test_immutable_partition(sims, reference, tmp_path, figures):
    """``chattr +i`` on the committed partition: nothing inside can be replaced."""
    lake = copy_lake(reference, tmp_path / "lake")
    partition = lake.root / f"date={DATE}"
    locked = subprocess.run(["chattr", "+i", str(partition)], capture_output=True, text=True)
    require(locked.returncode == 0, f"chattr +i is not supported here: {locked.stderr.strip()}")
    try:
        before = fingerprint(lake, DATE)
        done = republish(sims["new"], str(lake.root))
        after = fingerprint(lake, DATE)
    finally:
        subprocess.run(["chattr", "-i", str(partition)], check=False)
    figures.setdefault("storage_faults", {})["local: immutable partition"] = {
        "exit": done.returncode
    }
    assert_failed_cleanly(done, ("permitted", "permission", "publish"))
    assert after == before


def test_lake_path_under_a_file(sims, tmp_path, figures):
    (tmp_path / "file").write_text("not a folder")
    done = republish(sims["new"], str(tmp_path / "file" / "lake"))
    figures.setdefault("storage_faults", {})["local: lake path under a file"] = {
        "exit": done.returncode
    }
    assert_failed_cleanly(done, ("not a directory", "cannot create", "lake"))
    assert (tmp_path / "file").read_text() == "not a folder"
