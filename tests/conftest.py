"""Shared fixtures: the captured Naver pages, moto, AWS credentials for it, Docker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import naver_pages_dir, require
from tests.support.servers import running_moto

pytest_plugins = ("tests.support.docker",)


@pytest.fixture(scope="session")
def naver_pages() -> Path:
    """The captured Naver pages (``../shared/naver_pages`` or ``$NAVER_PAGES_DIR``)."""
    path = naver_pages_dir()
    require(path.is_dir(), f"captured Naver pages not found at {path}")
    return path


@pytest.fixture(scope="session")
def moto_server():
    """moto in server mode (S3, Glue, Athena, Batch) on a free loopback port; its URL."""
    with running_moto() as url:
        yield url


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
