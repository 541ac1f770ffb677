"""``newscrawler fleet`` on two real TLS Docker daemons, the simulator and moto's S3.

The bucket keeps object versions, so the number of versions of a date's ``_SUCCESS`` is the
number of times the date was committed. Containers use host networking, so the loopback
URLs of the simulator and moto work inside them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from newscrawler.sim.server import running_simulator
from tests.support.docker import Docker
from tests.support.dockerd_tls import (
    TLSDaemon,
    TLSMaterial,
    copy_image,
    make_tls_material,
    running_tls_daemon,
    tag_flaky_image,
)
from tests.support.paths import ROOT
from tests.support.servers import fetch_json

pytestmark = pytest.mark.slow

BUCKET = "newscrawler-fleet"
FLAKY_IMAGE = "newscrawler:test-flaky"
FLAKY_DATE = "20180105"
SECRET_NAME = "NEWSCRAWLER_FLEET_TEST_SECRET"
SECRET = "fleet-secret-3f9a2c71d4e8"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
PASSED = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL")


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TLSMaterial:
    return make_tls_material(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def daemons(docker_daemon: Docker, newscrawler_image: str, tls: TLSMaterial) -> Iterator[list]:
    """Two TLS daemons holding the project image and an image that fails one date."""
    with contextlib.ExitStack() as stack:
        found = [stack.enter_context(running_tls_daemon(name, tls.server)) for name in "ab"]
        for daemon in found:
            copy_image(docker_daemon, daemon.docker, newscrawler_image)
            tag_flaky_image(daemon.docker, newscrawler_image, FLAKY_IMAGE, FLAKY_DATE, SECRET_NAME)
        yield found


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with running_simulator(seed=5, articles_per_day=24, fault_rate=0.0) as url:
        yield url


@pytest.fixture(scope="module")
def s3(moto_server: str) -> Any:
    client = boto3.client(
        "s3",
        endpoint_url=moto_server,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    return client


@pytest.fixture
def hosts_file(tmp_path: Path, daemons: list[TLSDaemon], tls: TLSMaterial) -> Path:
    path = tmp_path / "hosts.txt"
    lines = [f"{daemon.url} slots=2 tlsdir={tls.client}  # daemon {n}" for n, daemon in
             enumerate(daemons)]  # fmt: skip
    path.write_text("# two loopback daemons\n" + "\n".join(lines) + "\n")
    return path


def environment(moto_server: str) -> dict[str, str]:
    return {
        **os.environ,
        **CREDENTIALS,
        "AWS_ENDPOINT_URL": moto_server,
        SECRET_NAME: SECRET,
        "PYTHONPATH": str(ROOT),
    }


def fleet_command(hosts: Path, image: str, prefix: str, simulator: str, *extra: str) -> list:
    passed = [word for name in (*PASSED, SECRET_NAME) for word in ("--env", name)]
    return [
        sys.executable, "-m", "newscrawler", "fleet", "--hosts", str(hosts), "--image", image,
        "--output", f"s3://{BUCKET}/{prefix}", "-s", f"NAVER_BASE_URL={simulator}",
        *passed, *extra,
    ]  # fmt: skip


class Fleet:
    """A running ``newscrawler fleet``; its stderr lines are collected as they come."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, seconds: float = 240, after: str = "") -> str:
        """The first stderr line with ``text`` (after the first line with ``after``)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            lines = list(self.lines)
            start = next((n for n, line in enumerate(lines) if after in line), len(lines))
            for line in lines[start:]:
                if text in line:
                    return line
            assert self.process.poll() is None, "\n".join(self.lines[-30:])
            time.sleep(0.2)
        raise AssertionError(f"no line with {text!r}:\n" + "\n".join(self.lines[-30:]))

    def finish(self, seconds: float = 600) -> tuple[int, str, str]:
        # communicate() would read stderr too, racing the reader thread for its lines.
        self.process.wait(timeout=seconds)
        assert self.process.stdout is not None
        stdout = self.process.stdout.read()
        self.reader.join(timeout=10)
        return self.process.returncode, stdout, "\n".join(self.lines)


def marker_versions(s3: Any, prefix: str) -> dict[str, int]:
    """How many times each date of ``prefix`` was committed (versions of its marker)."""
    counts: dict[str, int] = {}
    pages = s3.get_paginator("list_object_versions").paginate(Bucket=BUCKET, Prefix=f"{prefix}/")
    for page in pages:
        for version in page.get("Versions", []):
            parts = version["Key"].split("/")
            if parts[-1] == "_SUCCESS" and parts[1].startswith("date="):
                counts[parts[1][5:]] = counts.get(parts[1][5:], 0) + 1
    return counts


def committed(s3: Any, prefix: str) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"{prefix}/")
    keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
    parts = [key.split("/") for key in keys]
    return {part[1][5:] for part in parts if len(part) == 3 and part[2] == "_SUCCESS"}


def leftover_containers(daemons: list[TLSDaemon]) -> list[str]:
    found = []
    for daemon in daemons:
        if daemon.process.poll() is None:
            listing = daemon.docker.run(
                "ps", "--all", "--quiet", "--filter", "label=newscrawler.run"
            )
            found += listing.stdout.split()
    return found


def assert_secret_hidden(tmp_path: Path, *outputs: str) -> None:
    for text in outputs:
        assert SECRET not in text
    for log in tmp_path.rglob("*.log"):
        assert SECRET not in log.read_text(errors="replace"), log


def dates(first: int, last: int) -> list[str]:
    return [f"201801{day:02d}" for day in range(first, last + 1)]


def test_wrong_client_certificate_fails_with_one_line_naming_the_host(
    tmp_path: Path, daemons: list[TLSDaemon], tls: TLSMaterial, simulator: str, moto_server: str,
    s3: Any,
) -> None:  # fmt: skip
    hosts = tmp_path / "hosts.txt"
    hosts.write_text(f"{daemons[0].url} tlsdir={tls.client}\n{daemons[1].url} tlsdir={tls.wrong}\n")
    command = fleet_command(hosts, FLAKY_IMAGE, "wrong-cert", simulator, "--start", "20180101",
                            "--end", "20180102")  # fmt: skip
    done = subprocess.run(
        command, env=environment(moto_server), cwd=tmp_path, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("newscrawler fleet: error: host " + daemons[1].url), lines
    assert "TLS" in lines[0]
    assert committed(s3, "wrong-cert") == set()
    assert_secret_hidden(tmp_path, done.stdout, done.stderr)


def test_a_failing_date_is_retried_on_the_other_host_then_reported_with_its_log_tail(
    tmp_path: Path, hosts_file: Path, simulator: str, moto_server: str, s3: Any,
    daemons: list[TLSDaemon],
) -> None:  # fmt: skip
    command = fleet_command(hosts_file, FLAKY_IMAGE, "flaky", simulator, "--start", "20180104",
                            "--end", FLAKY_DATE, "--log-dir", str(tmp_path / "logs"))  # fmt: skip
    status, stdout, stderr = Fleet(command, environment(moto_server), tmp_path).finish()
    assert status == 1, stderr
    assert f"date={FLAKY_DATE} failed after 2 attempt(s): run_scrapy: error: simulated crash" in (
        stderr
    )
    assert f"    crawling date={FLAKY_DATE}" in stderr  # the log tail
    assert committed(s3, "flaky") == {"20180104"}
    log = (tmp_path / "logs" / f"{FLAKY_DATE}.log").read_text()
    headers = [line for line in log.splitlines() if line.startswith("--- date=")]
    assert len(headers) == 2, log
    hosts_used = {header.split(" on ")[1].split("/")[0] for header in headers}
    assert len(hosts_used) == 2, headers  # the retry went to the other host
    assert log.count("simulated crash") == 2
    # The secret reached the container (its digest is in the log), its value nowhere.
    digest = hashlib.sha256(SECRET.encode()).hexdigest()[:16]
    assert f"secret digest {digest}" in log
    assert_secret_hidden(tmp_path, stdout, stderr)
    assert leftover_containers(daemons) == []


def test_interrupted_fleet_stops_its_containers_and_resumes_with_what_is_missing(
    tmp_path: Path, hosts_file: Path, simulator: str, moto_server: str, s3: Any,
    daemons: list[TLSDaemon], newscrawler_image: str,
) -> None:  # fmt: skip
    wanted = dates(1, 8)
    command = fleet_command(hosts_file, newscrawler_image, "resume", simulator, "--start",
                            wanted[0], "--end", wanted[-1])  # fmt: skip
    fleet = Fleet(command, environment(moto_server), tmp_path)
    fleet.wait_for(" committed in ")
    fleet.process.send_signal(signal.SIGINT)
    status, stdout, stderr = fleet.finish(seconds=180)
    assert status == 130, stderr
    assert "interrupted by SIGINT" in stderr
    assert leftover_containers(daemons) == []
    first = committed(s3, "resume")
    assert first and first < set(wanted)
    time.sleep(5)
    assert committed(s3, "resume") == first  # nothing published after the fleet exited

    status, stdout, again = Fleet(command, environment(moto_server), tmp_path).finish()
    assert status == 0, again
    assert f"{len(first)} date(s) already committed" in again, (stdout, again)
    started = {line.split()[0][5:] for line in again.splitlines() if " started on " in line}
    assert started == set(wanted) - first
    assert marker_versions(s3, "resume") == dict.fromkeys(wanted, 1)
    assert_secret_hidden(tmp_path, stdout, stderr, again)


def test_twelve_uneven_dates_are_committed_once_when_a_daemon_dies_and_comes_back(
    tmp_path: Path, hosts_file: Path, simulator: str, moto_server: str, s3: Any,
    daemons: list[TLSDaemon], newscrawler_image: str,
) -> None:  # fmt: skip
    wanted = dates(1, 12)
    sizes = {date: len(fetch_json(f"{simulator}/_sim/articles?date={date}")) for date in wanted}
    assert len(set(sizes.values())) > 3  # weekends and jitter make the dates uneven
    command = fleet_command(hosts_file, newscrawler_image, "year", simulator, "--start",
                            wanted[0], "--end", wanted[-1])  # fmt: skip
    fleet = Fleet(command, environment(moto_server), tmp_path)
    victim = daemons[1]
    # Kill it while a date of the second round is crawling there.
    fleet.wait_for(f"date={wanted[1]} committed in ")
    line = fleet.wait_for(f" started on {victim.url[6:]}/", after=f"date={wanted[1]} committed")
    victim.kill()
    lost = line.split()[0]
    fleet.wait_for(f"{lost} back in the queue: host {victim.url[6:]} does not answer")
    victim.restart()
    back = fleet.wait_for(f"host {victim.url[6:]} answers again")
    status, stdout, stderr = fleet.finish()
    assert status == 0, stderr
    before, rejoined = stderr.split(back, 1)
    begun = {line.split()[0] for line in before.splitlines() if " started on " in line}
    if len({f"date={date}" for date in wanted} - begun) >= 3:
        # Enough dates were still queued that the survivor could not take them all first:
        # the host that came back must have taken some (on a loaded machine the survivor
        # may have taken the queue before the host was seen again; nothing to check then).
        assert f" started on {victim.url[6:]}/" in rejoined, stderr
    assert leftover_containers(daemons) == []  # the killed container was removed on rejoin
    assert "makespan " in stderr and "lower bound " in stderr
    assert marker_versions(s3, "year") == dict.fromkeys(wanted, 1)
    for date in wanted:
        marker = s3.get_object(Bucket=BUCKET, Key=f"year/date={date}/_SUCCESS")["Body"].read()
        assert json.loads(marker)["rows"] == sizes[date], date
    assert_secret_hidden(tmp_path, stdout, stderr)
