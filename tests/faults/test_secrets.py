"""Secrets never show: not in logs, progress, manifests, error messages or printed plans.

AWS credentials, a Docker TLS key path and a value passed with ``fleet --env`` are set to
recognisable strings; every command that could touch them runs, successfully and failing,
and each thing it leaves for a person or a program to read is searched for them.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from newscrawler.sim.server import running_simulator
from tests.support.commands import command, run, spawn
from tests.support.fault_proxy import fault_proxy
from tests.support.lake_check import S3Lake, committed

DATE = "20180103"
BUCKET = "faults-secrets"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIAFAULTSUITE7Q2Z9X",
    "AWS_SECRET_ACCESS_KEY": "faultSuite/Secret+Key/4f1c9e7d2b",
    "AWS_SESSION_TOKEN": "FaultSuiteSessionToken8b2d6a1e",
    "AWS_DEFAULT_REGION": "us-east-1",
}
FLEET_SECRET_NAME = "NEWSCRAWLER_FAULTS_SECRET"
FLEET_SECRET = "fleet-env-value-5a0c7e93"
TLS_DIR_NAME = "tls-key-path-9d3b1f62"


@pytest.fixture(scope="module")
def sim() -> Iterator[str]:
    with running_simulator(seed=71, articles_per_day=60) as url:
        yield url


@pytest.fixture
def secret_env(moto_server, monkeypatch) -> dict[str, str]:
    values = {**CREDENTIALS, "AWS_ENDPOINT_URL": moto_server, FLEET_SECRET_NAME: FLEET_SECRET}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def tls_key_dir(tmp_path) -> Path:
    """Client TLS files in a folder whose path is the secret to keep."""
    from tests.support.dockerd_tls import make_tls_material

    material = make_tls_material(tmp_path / "material")
    folder = tmp_path / TLS_DIR_NAME
    shutil.copytree(material.client, folder)
    return folder


def secrets() -> dict[str, str]:
    found = {name: CREDENTIALS[name] for name in CREDENTIALS if name != "AWS_DEFAULT_REGION"}
    found.update({"fleet --env value": FLEET_SECRET, "TLS key path": TLS_DIR_NAME})
    return found


def leaks(texts: dict[str, str]) -> list[str]:
    return [
        f"{secret} appears in {where}"
        for where, text in texts.items()
        for secret, value in secrets().items()
        if value in text
    ]


def test_no_output_shows_a_secret(sim, secret_env, moto_server, tls_key_dir, tmp_path, figures):
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    lake = f"s3://{BUCKET}/naver"
    task = {"DATE": DATE, "NAVER_BASE_URL": sim, "NEWS_OUTPUT_URI": lake, "NEWS_PROGRESS": "1"}
    texts: dict[str, str] = {}

    def keep(name: str, done, expect_ok: bool = True) -> None:
        texts[name] = done.stdout + done.stderr
        if expect_ok:
            assert done.returncode == 0, f"{name}: {done.stderr[-2000:]}"
        else:
            assert done.returncode != 0, f"{name} should have failed"

    keep("run_scrapy.py", run("run_scrapy.py", env=task))
    keep(
        "run_scrapy.py at DEBUG",
        run("run_scrapy.py", "-s", "LOG_LEVEL=DEBUG", env={**task, "NEWS_OVERWRITE": "1"}),
    )
    with fault_proxy(moto_server) as proxy:
        proxy.add("error", methods={"PUT"})
        failing = {**task, "NEWS_OVERWRITE": "1", "AWS_ENDPOINT_URL": proxy.url}
        keep("run_scrapy.py, uploads failing", run("run_scrapy.py", env=failing), False)
    refused = {**task, "NEWS_OVERWRITE": "1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    keep("run_scrapy.py, S3 unreachable", run("run_scrapy.py", env=refused), False)
    logs = tmp_path / "logs"
    crawl = ("newscrawler", "crawl", "--date", "20180104", "--output", lake)
    keep("newscrawler crawl", run(*crawl, "--log-dir", str(logs), "-s", f"NAVER_BASE_URL={sim}"))
    keep("lake status", run("newscrawler", "lake", "status", "--lake", lake, "--format", "json"))
    keep("lake verify", run("newscrawler", "lake", "verify", "--lake", lake, "--format", "json"))
    sql = "SELECT date, count(*) AS n FROM newsdata GROUP BY date"
    keep("query", run("newscrawler", "query", sql, "--lake", lake))
    keep("query, bad SQL", run("newscrawler", "query", "SELEC", "--lake", lake), False)
    repair = ("newscrawler", "athena", "repair", "--lake", f"{lake}/", "--table", "news.t")
    keep("athena repair --sql", run(*repair, "--sql"))
    hosts = tmp_path / "hosts.txt"
    hosts.write_text(f"tcp://127.0.0.1:9 slots=1 tlsdir={tls_key_dir}\n")
    fleet = (
        "newscrawler", "fleet", "--hosts", str(hosts), "--image", "newscrawler:test",
        "--start", "20180105", "--end", "20180106", "--output", lake,
        "--env", FLEET_SECRET_NAME, "--env", "AWS_SECRET_ACCESS_KEY", "--env", "AWS_ACCESS_KEY_ID",
        "--log-dir", str(logs), "--attempts", "1",
    )  # fmt: skip
    keep("fleet --dry-run", run(*fleet, "--dry-run"))
    keep("fleet, host refusing", run(*fleet, timeout=180), False)
    for path in sorted(logs.rglob("*")) if logs.is_dir() else []:
        if path.is_file():
            texts[f"log file {path.name}"] = path.read_text(errors="replace")
    s3 = S3Lake(client, BUCKET, "naver")
    for date in sorted(s3.dates()):
        for name in s3.names(date):
            texts[f"s3 object date={date}/{name}"] = (s3.read(date, name) or b"").decode(
                "utf-8", "replace"
            )
    assert committed(s3, DATE) is not None and committed(s3, "20180104") is not None
    figures["secrets"] = {"outputs_searched": len(texts), "secrets": len(secrets())}
    found = leaks(texts)
    figures["secrets"]["leaked"] = len(found)
    assert not found, found


@pytest.mark.faults_long
def test_fleet_containers_show_no_secret(
    docker_daemon, newscrawler_image, sim, secret_env, tmp_path, figures
):
    """A real fleet run on a TLS daemon: labels, commands, output and logs stay clean."""
    from tests.support.dockerd_tls import copy_image, make_tls_material, running_tls_daemon

    material = make_tls_material(tmp_path / "material")
    folder = tmp_path / TLS_DIR_NAME
    shutil.copytree(material.client, folder)
    boto3.client("s3").create_bucket(Bucket="faults-fleet-secrets")
    logs = tmp_path / "logs"
    texts: dict[str, str] = {}
    with running_tls_daemon("a", material.server) as daemon:
        copy_image(docker_daemon, daemon.docker, newscrawler_image)
        hosts = tmp_path / "hosts.txt"
        hosts.write_text(f"{daemon.url} slots=1 tlsdir={folder}\n")
        passed = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
        passed += ("AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", FLEET_SECRET_NAME)
        argv = [
            "fleet", "--hosts", str(hosts), "--image", newscrawler_image,
            "--start", "20180108", "--end", "20180108", "--output", "s3://faults-fleet-secrets/n",
            "-s", f"NAVER_BASE_URL={sim}", "--log-dir", str(logs),
            *(word for name in passed for word in ("--env", name)),
        ]  # fmt: skip
        watched = spawn(command("newscrawler", *argv))
        while watched.process.poll() is None:
            listed = daemon.docker.run("ps", "--all", "--quiet", check=False, timeout=20)
            for container in listed.stdout.split():
                shown = daemon.docker.run(
                    "inspect",
                    "--format",
                    "{{json .Config.Labels}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}",
                    container,
                    check=False,
                    timeout=20,
                )
                texts[f"container {container[:12]} labels and command"] = shown.stdout
            time.sleep(0.2)
        code = watched.wait(timeout=600)
    texts["fleet output"] = "".join(watched.stdout + watched.stderr)
    assert code == 0, texts["fleet output"][-3000:]
    assert any(name.startswith("container") for name in texts), "no container was seen"
    for path in sorted(logs.rglob("*")) if logs.is_dir() else []:
        if path.is_file():
            texts[f"log file {path.name}"] = path.read_text(errors="replace")
    found = leaks(texts)
    figures["secrets_fleet"] = {"outputs_searched": len(texts), "leaked": len(found)}
    assert not found, found
