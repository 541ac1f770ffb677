"""Shared fixtures: the captured Naver pages and a running simulator."""

from __future__ import annotations

import os
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
