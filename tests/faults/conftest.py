"""Fixtures of the fault suite: the figures it measures, and the ``faults_long`` marker.

Set ``NEWS_FAULTS_FIGURES=path.json`` to have the figures of a run written there (merged
into what the file already holds), e.g. for the README's reliability section.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "faults_long: the longest fault cases (kill series); CI runs them too"
    )


@pytest.fixture(scope="session")
def figures():
    """A dict the tests record their measurements in; written out at the end of the run."""
    measured: dict = {}
    yield measured
    target = os.environ.get("NEWS_FAULTS_FIGURES")
    if not target or not measured:
        return
    path = Path(target)
    merged = json.loads(path.read_text()) if path.is_file() else {}
    for key, value in measured.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update(value)
        else:
            merged[key] = value
    path.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
