"""Where the repository, the fixtures and the captured Naver pages are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def require(condition: bool, why: str) -> None:
    """Skip when something this test needs is missing, but fail under CI (``CI=true``)."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {why}")
    pytest.skip(why)


def naver_pages_dir() -> Path:
    """The captured Naver pages (``../shared/naver_pages`` or ``$NAVER_PAGES_DIR``)."""
    return Path(os.environ.get("NAVER_PAGES_DIR", ROOT.parent / "shared" / "naver_pages"))
