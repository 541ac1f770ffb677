"""SIGTERM and SIGKILL at random (seeded) instants of a crawl, publishing included.

Two simulators with different seeds give two versions of one date: each run re-publishes
the date from the simulator whose version is not committed now, so a partition mixing old
and new files shows up as rows of both. After every kill the date must be exactly one
version, read through its marker and the files it names; a kill before the publish must
leave the committed files untouched. To land kills inside the publish, the storage is
slowed, never our code: a proxy in front of moto delays every S3 write, and the local lake
sits on a "slow disk" (tests/support/slow_lake.py delays each file-system call there).
"""

from __future__ import annotations

import json
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from newscrawler.sim.server import running_simulator
from tests.support.commands import Watched, command, run, spawn
from tests.support.fault_proxy import FaultProxy, fault_proxy
from tests.support.lake_check import (
    Lake,
    LocalLake,
    S3Lake,
    assert_exactly,
    committed,
    fingerprint,
    identity,
    truth_keys,
)
from tests.support.servers import fetch_json

DATE = "20180103"
ARTICLES_PER_DAY = 100
ROWS_PER_PART = 12  # many small parts: a publish of many files, each one a chance to die
PHASES = ("listing", "articles", "writing parts", "publishing")
QUIET = ("-s", "LOG_LEVEL=WARNING")


@dataclass(frozen=True)
class Version:
    name: str
    url: str
    truth: frozenset[tuple[str, str]]
    rows: frozenset[tuple[str, str, str]]


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> list[Version]:
    """Two simulators and the version of DATE each one gives, crawled once as a reference."""
    with ExitStack() as stack:
        found = []
        for name, seed in (("A", 51), ("B", 52)):
            url = stack.enter_context(running_simulator(seed=seed, articles_per_day=100))
            lake = LocalLake(tmp_path_factory.mktemp(f"reference-{name}"))
            done = run("run_scrapy.py", *QUIET, env=crawl_env(url, str(lake.root)))
            assert done.returncode == 0, done.stderr[-3000:]
            truth = frozenset(truth_keys(fetch_json(f"{url}/_sim/articles?date={DATE}")))
            view = committed(lake, DATE)
            assert view is not None
            assert_exactly(view.rows, truth, f"reference {name}")
            found.append(Version(name, url, truth, identity(view.rows)))
        assert found[0].rows != found[1].rows
        yield found


def crawl_env(url: str, lake: str, **extra: str) -> dict[str, str]:
    return {
        "DATE": DATE,
        "NAVER_BASE_URL": url,
        "NEWS_OUTPUT_URI": lake,
        "NEWS_OVERWRITE": "1",
        "NEWS_ROWS_PER_PART": str(ROWS_PER_PART),
        "NEWS_PROGRESS": "1",
        "NEWS_PROGRESS_INTERVAL": "0.05",
        **extra,
    }


def state(lake: Lake, versions: list[Version], what: str) -> Version:
    """The version the lake holds for DATE, checked to be exactly that version."""
    view = committed(lake, DATE)
    assert view is not None, f"{what}: date={DATE} has no marker: the committed date is lost"
    rows = identity(view.rows)
    for version in versions:
        if rows == version.rows:
            assert_exactly(view.rows, version.truth, f"{what}: version {version.name}")
            return version
    shares = {v.name: len(rows & v.rows) for v in versions}
    raise AssertionError(
        f"{what}: date={DATE} holds {len(view.rows)} rows that are neither version "
        f"(rows from each: {shares}; files {[e['name'] for e in view.marker['files']]})"
    )


def other(versions: list[Version], current: Version) -> Version:
    return next(v for v in versions if v is not current)


def wait_until(condition: Callable[[], bool], watched: Watched, seconds: float = 60) -> bool:
    """True once ``condition`` holds; False if the process ends first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if watched.process.poll() is not None:
            return condition()
        time.sleep(0.003)
    raise AssertionError("the crawl neither progressed nor ended")


def lake_events(path: Path) -> list[float]:
    """When the slowed calls inside a partition were made (the lake root's own write test,
    before the crawl, is not the publish)."""
    if not path.exists():
        return []
    lines = [line.split(" ", 2) for line in path.read_text().splitlines()]
    return [float(line[0]) for line in lines if len(line) == 3 and "/date=" in line[2]]


def partition_writes(proxy: FaultProxy, start: int) -> list:
    return [e for e in proxy.writes()[start:] if "date=" in e.path or "date%3D" in e.path]


def staged_parts(staging: Path) -> int:
    return sum(1 for _ in staging.rglob("part-*"))


def query_count(lake_uri: str, env: dict[str, str] | None = None) -> int:
    """What ``newscrawler query`` counts for DATE: it must read exactly the marker's files."""
    sql = f"SELECT count(*) AS n FROM newsdata WHERE date = '{DATE}'"
    done = run("newscrawler", "query", sql, "--lake", lake_uri, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)[0]["n"]


class LocalTarget:
    """A local lake on a slow disk."""

    def __init__(self, root: Path, delay: float) -> None:
        self.lake = LocalLake(root / "lake")
        self.root = root
        self.runs = 0
        self.staging = root / "staging"
        self.delay = delay
        self.events = root / "events"
        self.uri = str(self.lake.root)
        self.reader_env: dict[str, str] = {}

    def start(self, version: Version, slow: bool = True, staging: Path | None = None) -> Watched:
        """Start a crawl; its staging is a fresh folder unless ``staging`` is given, so the
        parts counted are this run's."""
        self.events.unlink(missing_ok=True)
        self.runs += 1
        self.staging = staging or self.root / f"staging-{self.runs}"
        self.staging.mkdir(exist_ok=True)
        env = crawl_env(version.url, self.uri, NEWS_STAGING_DIR=str(self.staging))
        argv = command("run_scrapy.py", *QUIET)
        if slow:
            wrapper = [sys.executable, "-m", "tests.support.slow_lake", self.uri]
            argv = [*wrapper, str(self.delay), str(self.events), "--", *argv[1:]]
        return spawn(argv, env)

    def publish_started(self) -> bool:
        return bool(lake_events(self.events))

    def publish_span(self) -> float:
        times = lake_events(self.events)
        return times[-1] - times[0]


class S3Target:
    """An S3 lake on moto behind a proxy that delays every write."""

    def __init__(self, proxy: FaultProxy, moto: str, bucket: str, root: Path) -> None:
        self.proxy, self.moto = proxy, moto
        client = boto3.client("s3", endpoint_url=moto)
        client.create_bucket(Bucket=bucket)
        self.lake = S3Lake(client, bucket, "naver")
        self.uri = f"s3://{bucket}/naver"
        self.staging = root / "staging"
        self.staging.mkdir()
        self.reader_env = {"AWS_ENDPOINT_URL": moto}
        self._mark = 0

    def start(self, version: Version, slow: bool = True) -> Watched:
        self.proxy.clear()
        if slow:
            self.proxy.add("delay", seconds=0.05)
        self._mark = len(self.proxy.writes())
        env = crawl_env(version.url, self.uri, NEWS_STAGING_DIR=str(self.staging))
        return spawn(command("run_scrapy.py", *QUIET), {**env, "AWS_ENDPOINT_URL": self.proxy.url})

    def publish_started(self) -> bool:
        return bool(partition_writes(self.proxy, self._mark))

    def publish_span(self) -> float:
        writes = partition_writes(self.proxy, self._mark)
        return writes[-1].at - writes[0].at


def finish(
    target, version: Version, versions: list[Version], what: str, slow: bool = True
) -> float:
    """A whole run that must commit ``version`` exactly; the publish's length in seconds."""
    watched = target.start(version, slow=slow)
    code = watched.wait(timeout=300)
    assert code == 0, f"{what}: exit {code}\n{''.join(watched.stderr)[-3000:]}"
    assert state(target.lake, versions, what) is version
    return target.publish_span() if slow else 0.0


def publish_series(target, versions: list[Version], kills: int, seed: int) -> dict:
    """SIGKILL ``kills`` re-publishes at random instants inside their publish."""
    rng = random.Random(seed)
    current = state(target.lake, versions, "before the series")
    window = finish(target, other(versions, current), versions, "calibration")
    current = state(target.lake, versions, "after calibration")
    landed = attempts = orphans_seen = 0
    while landed < kills:
        attempts += 1
        assert attempts <= kills * 3, f"only {landed} of {attempts} kills landed in a publish"
        new = other(versions, current)
        watched = target.start(new)
        started = wait_until(target.publish_started, watched)
        instant = rng.uniform(0, window)
        time.sleep(instant)
        watched.kill(signal.SIGKILL)
        code = watched.wait(timeout=60)
        what = f"kill {attempts} (seed {seed}, {instant:.3f}s into the publish)"
        finished = any(" committed to " in line for line in watched.stdout)
        if started and code == -signal.SIGKILL and not finished:
            landed += 1
        current = state(target.lake, versions, what)
        view = committed(target.lake, DATE)
        if view and view.orphans:
            orphans_seen += 1
        if view and (view.orphans or attempts % 5 == 0):
            count = query_count(target.uri, target.reader_env)
            assert count == len(view.rows), f"{what}: query counts {count}, marker {len(view.rows)}"
    finish(target, other(versions, current), versions, "after the series")
    view = committed(target.lake, DATE)
    assert view is not None and not view.orphans, f"orphans left after a clean publish: {view}"
    return {
        "kills_in_publish": landed,
        "attempts": attempts,
        "publish_seconds": round(window, 2),
        "kills_leaving_orphans": orphans_seen,
    }


def run_publish_series(storage, versions, tmp_path, moto_server, kills, seed) -> dict:
    if storage == "local":
        target = LocalTarget(tmp_path, delay=0.02)
        finish(target, versions[0], versions, "first commit", slow=False)
        return publish_series(target, versions, kills, seed)
    with fault_proxy(moto_server) as proxy:
        target = S3Target(proxy, moto_server, f"kills-{seed}", tmp_path)
        finish(target, versions[0], versions, "first commit", slow=False)
        return publish_series(target, versions, kills, seed)


@pytest.mark.parametrize("storage", ["local", "s3"])
def test_kills_inside_publish_smoke(storage, versions, tmp_path, aws_env, moto_server):
    run_publish_series(storage, versions, tmp_path, moto_server, kills=1, seed=7)


@pytest.mark.faults_long
@pytest.mark.parametrize("storage", ["local", "s3"])
def test_kills_inside_publish(storage, versions, tmp_path, aws_env, moto_server, figures):
    """At least 20 SIGKILLs timed to land inside a re-publish, on each storage."""
    result = run_publish_series(storage, versions, tmp_path, moto_server, kills=22, seed=2018)
    figures.setdefault("publish_kills", {})[storage] = result


def phase_at(target: LocalTarget, watched: Watched) -> str:
    """Which phase the crawl was in, from what it had shown when the signal went."""
    if target.publish_started():
        return "publishing"
    parts = staged_parts(target.staging)
    if parts >= 2:
        return "writing parts"
    if parts == 1 or watched.latest().get("items", 0) > 0:
        return "articles"
    return "listing" if watched.progress else "starting"


def aim(target: LocalTarget, watched: Watched, phase: str, rng: random.Random, window: float):
    """Wait for ``phase`` to begin, then a random part of it."""
    if phase == "listing":
        wait_until(lambda: bool(watched.progress), watched)
        time.sleep(rng.uniform(0, 0.04))
    elif phase == "articles":
        wait_until(lambda: staged_parts(target.staging) >= 1, watched)
        time.sleep(rng.uniform(0, 0.05))
    elif phase == "writing parts":
        wanted = rng.randint(2, max(2, ARTICLES_PER_DAY // ROWS_PER_PART))
        wait_until(lambda: staged_parts(target.staging) >= wanted, watched)
    else:
        wait_until(target.publish_started, watched)
        time.sleep(rng.uniform(0, window))


def phase_series(target: LocalTarget, versions, per_signal: int, seed: int) -> dict:
    rng = random.Random(seed)
    finish(target, versions[0], versions, "first commit", slow=False)
    window = finish(target, versions[1], versions, "calibration")
    current = state(target.lake, versions, "after calibration")
    hits: dict[str, Counter[str]] = {"SIGTERM": Counter(), "SIGKILL": Counter()}
    plan = [(sig, PHASES[i % 4]) for i in range(per_signal) for sig in hits]
    rng.shuffle(plan)
    for number, (name, phase) in enumerate(plan, 1):
        before = fingerprint(target.lake, DATE)
        new = other(versions, current)
        watched = target.start(new)
        aim(target, watched, phase, rng, window)
        hit = phase_at(target, watched)
        alive = watched.process.poll() is None
        watched.kill(getattr(signal, name))
        code = watched.wait(timeout=120)
        if not alive:
            hit = "after the end"
        elif target.publish_started():
            hit = "publishing"  # it began between the look and the signal
        what = f"{name} #{number} aimed at {phase}, landed in {hit} (seed {seed}, exit {code})"
        hits[name][hit] += 1
        current = state(target.lake, versions, what)
        if hit not in ("publishing", "after the end"):
            assert fingerprint(target.lake, DATE) == before, f"{what}: the lake changed"
        current = other(versions, current)
        finish(target, current, versions, f"the run after {what}", slow=False)
    return {name: dict(counter) for name, counter in hits.items()}


def test_interruptions_smoke(versions, tmp_path):
    target = LocalTarget(tmp_path, delay=0.02)
    hits = phase_series(target, versions, per_signal=2, seed=11)
    assert sum(hits["SIGKILL"].values()) == sum(hits["SIGTERM"].values()) == 2


@pytest.mark.faults_long
def test_interruptions_in_every_phase(versions, tmp_path, figures):
    """At least 20 SIGTERMs and 20 SIGKILLs, spread over the phases of a crawl."""
    target = LocalTarget(tmp_path, delay=0.02)
    hits = phase_series(target, versions, per_signal=21, seed=12)
    figures["phase_kills"] = hits
    for name, counter in hits.items():
        landed = {phase: counter.get(phase, 0) for phase in PHASES}
        assert sum(landed.values()) >= 20, (name, counter)
        assert all(count >= 3 for count in landed.values()), (name, counter)


def test_killed_run_leaves_no_stale_staging_after_next_run(versions, tmp_path):
    """A SIGKILLed crawl cannot clean its staging; the next run must."""
    target = LocalTarget(tmp_path, delay=0.0)
    staging = tmp_path / "staging"
    watched = target.start(versions[0], slow=False, staging=staging)
    wait_until(lambda: staged_parts(staging) >= 2, watched)
    watched.kill(signal.SIGKILL)
    watched.wait(timeout=60)
    assert staged_parts(staging) >= 2
    watched = target.start(versions[1], slow=False, staging=staging)
    assert watched.wait(timeout=300) == 0, "".join(watched.stderr)[-3000:]
    assert state(target.lake, versions, "the run after the kill") is versions[1]
    left = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    assert not left, f"stale staging of the killed run is still there: {left[:5]}"
