"""``newscrawler fleet``: bad input is one line before any work; hosts files and dry runs.

No Docker daemon here: these checks come before any container (``--dry-run`` connects to
no host). The lake is on moto's S3.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import boto3
import pytest

from tests.support.cli import newscrawler
from tests.support.servers import free_port

BUCKET = "newscrawler-fleet-cli"
SECRET = "fleet-cli-secret-81d0c3"


@pytest.fixture
def lake(aws_env: dict[str, str]) -> str:
    client = boto3.client("s3")
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=BUCKET)
    return f"s3://{BUCKET}/lake"


def fleet(tmp_path: Path, hosts: str, *args: str) -> int:
    path = tmp_path / "hosts.txt"
    path.write_text(hosts)
    try:
        return newscrawler("fleet", "--hosts", str(path), "--image", "newscrawler", *args)
    except SystemExit as error:  # argparse's own checks
        return int(error.code or 0)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newscrawler fleet: error: "), err
    return lines[0]


DATES = ("--start", "20180101", "--end", "20180103")


@pytest.mark.parametrize(
    ("hosts", "message"),
    [
        ("", "lists no Docker host"),
        ("# only a comment\n\n", "lists no Docker host"),
        ("tcp://127.0.0.1:2376\nhello world\n", "line 2: 'hello' is not a Docker endpoint"),
        ("tcp://127.0.0.1:2376 slots=zero\n", "line 1: slots=zero is not a positive"),
        ("tcp://127.0.0.1:2376 color=red\n", "line 1: 'color=red' is not one of slots="),
        ("tcp://127.0.0.1:2376 tlsdir=/nowhere\n", "tlscacert file /nowhere/ca.pem not found"),
        ("tcp://127.0.0.1:2376\ntcp://127.0.0.1:2376\n", "is listed twice"),
        ("tcp://203.0.113.7:2375\n", "tcp://203.0.113.7:2375 is plain tcp:// without TLS"),
    ],
)
def test_bad_hosts_files_are_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str, hosts: str, message: str
) -> None:
    status = fleet(tmp_path, hosts, *DATES, "--output", lake)
    line = one_line(capsys.readouterr().err)
    assert status == 2
    assert message in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "20180105", "--end", "20180101"), "before start date"),
        (("--start", "20180105"), "give --start with --end, or --dates FILE"),
        ((*DATES, "--env", "NOT_SET_ANYWHERE_123"), "NOT_SET_ANYWHERE_123 is not set"),
        ((*DATES, "--env", f"TOKEN={SECRET}"), "--env takes a variable name, got 'TOKEN'"),
        ((*DATES, "--env", "DATE"), "the fleet sets DATE itself"),
        ((*DATES, "--output", "./data/lake"), "the fleet's lake must be on S3"),
    ],
)
def test_bad_arguments_are_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str, args: tuple, message: str
) -> None:
    output = () if "--output" in args else ("--output", lake)
    status = fleet(tmp_path, "tcp://127.0.0.1:2376\n", *args, *output)
    line = one_line(capsys.readouterr().err)
    assert status == 2
    assert message in line
    assert SECRET not in line


def test_a_host_that_does_not_answer_fails_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str
) -> None:
    url = f"tcp://127.0.0.1:{free_port()}"
    status = fleet(tmp_path, f"{url} slots=2\n", *DATES, "--output", lake)
    line = one_line(capsys.readouterr().err)
    assert status == 1
    assert f"host {url} does not answer" in line


def test_dry_run_counts_slots_and_insecure_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str
) -> None:
    hosts = "tcp://203.0.113.7:2375 slots=3   # beyond loopback, no TLS\ntcp://127.0.0.1:2375\n"
    status = fleet(tmp_path, hosts, *DATES, "--output", lake, "--insecure", "--dry-run")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "would crawl 3 date(s) into s3://newscrawler-fleet-cli/lake" in captured.out
    assert "4 slot(s) on 2 host(s)" in captured.out
    warnings = captured.err.strip().splitlines()
    assert len(warnings) == 1 and "tcp://203.0.113.7:2375 is plain tcp://" in warnings[0]


def test_certificates_come_from_docker_cert_path_when_the_line_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str, monkeypatch
) -> None:
    certs = tmp_path / "certs"
    certs.mkdir()
    monkeypatch.setenv("DOCKER_CERT_PATH", str(certs))
    monkeypatch.setenv("DOCKER_TLS_VERIFY", "1")
    status = fleet(tmp_path, "tcp://203.0.113.7:2376\n", *DATES, "--output", lake, "--dry-run")
    assert status == 2
    assert f"tlscacert file {certs / 'ca.pem'} not found" in one_line(capsys.readouterr().err)
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (certs / name).write_text("placeholder\n")
    status = fleet(tmp_path, "tcp://203.0.113.7:2376\n", *DATES, "--output", lake, "--dry-run")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "plain tcp://" not in captured.err  # TLS from DOCKER_CERT_PATH, no warning


def test_dates_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str) -> None:
    dates = tmp_path / "dates.txt"
    dates.write_text("# a few days\n2018-01-05\n20180101\n\n20180105\n")
    status = fleet(
        tmp_path, "tcp://127.0.0.1:2376\n", "--dates", str(dates), "--output", lake, "--dry-run"
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "would crawl 2 date(s)" in out and "  20180105\n  20180101\n" in out
    dates.write_text("20180101\nlast tuesday\n")
    status = fleet(tmp_path, "tcp://127.0.0.1:2376\n", "--dates", str(dates), "--output", lake)
    assert status == 2
    assert f"{dates} line 2: invalid date 'last tuesday'" in one_line(capsys.readouterr().err)


def test_ssh_endpoints_need_no_certificates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lake: str
) -> None:
    hosts = "ssh://crawler@198.51.100.4 slots=2\nssh://crawler@198.51.100.5:2222\n"
    status = fleet(tmp_path, hosts, *DATES, "--output", lake, "--dry-run")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "3 slot(s) on 2 host(s)" in captured.out
    assert captured.err == ""
