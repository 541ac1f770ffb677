"""Fixtures of the page-object tests: each case is a saved page plus its expected output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.paths import TESTS

FIXTURES = TESTS / "pages" / "fixtures"


@pytest.fixture(scope="session")
def read_case(naver_pages):
    """``read_case(path) -> (spec, body)``: a case's JSON and the bytes of its page.

    ``page`` is ``naver_pages/<file>`` for a captured page, else a path under fixtures/.
    """

    def read(case: Path) -> tuple[dict, bytes]:
        spec = json.loads(case.read_text(encoding="utf-8"))
        folder, _, name = spec["page"].partition("/")
        page = naver_pages / name if folder == "naver_pages" else FIXTURES / spec["page"]
        return spec, page.read_bytes()

    return read
