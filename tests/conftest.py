"""Shared fixtures: the captured Naver pages and a running simulator."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def require(condition: bool, why: str) -> None:
    """Skip when something this test needs is missing, but fail under CI (``CI=true``)."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def naver_pages() -> Path:
    """The captured Naver pages (``../shared/naver_pages`` or ``$NAVER_PAGES_DIR``)."""
    path = Path(os.environ.get("NAVER_PAGES_DIR", ROOT.parent / "shared" / "naver_pages"))
    require(path.is_dir(), f"captured Naver pages not found at {path}")
    return path


def run_crawl(tmp_path: Path, settings: dict, **spider_args: str) -> dict:
    """Crawl in a fresh process; returns ``{"stats": ..., "failure": ..., "items": [...]}``."""
    out = tmp_path / f"items-{len(list(tmp_path.iterdir()))}.jsonl"
    settings = {
        "FEEDS": {str(out): {"format": "jsonlines", "encoding": "utf-8"}},
        "LOG_LEVEL": "WARNING",
        "NEWS_OUTPUT_URI": str(tmp_path / "lake"),
        **settings,
    }
    command = [
        sys.executable,
        "-m",
        "tests.crawl_runner",
        json.dumps(settings),
        json.dumps(spider_args),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["items"] = [json.loads(line) for line in out.open(encoding="utf-8")]
    result["log"] = done.stderr
    return result


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as reply:
        return json.load(reply)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # the server answers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="session")
def moto_server():
    """moto in server mode (S3, Glue, Athena, Batch) on a free loopback port; its URL."""
    moto = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    require(moto is not None, "moto_server is not installed (pip install 'moto[server]')")
    port = free_port()
    process = subprocess.Popen(
        [moto, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/moto-api/")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def aws_env(moto_server, monkeypatch):
    """Environment for boto3 (this process and children) pointing at moto."""
    values = {
        "AWS_ENDPOINT_URL": moto_server,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def newscrawler(*argv: str) -> int:
    """The ``newscrawler`` command, run in this process; its exit status."""
    from newscrawler.cli import main

    return main(list(argv))
