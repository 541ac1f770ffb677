"""Dispatching dates to workers: local processes and Docker hosts share one dispatcher
(:mod:`newscrawler.fleet.dispatcher`); managed engines (AWS Batch, Kubernetes) have theirs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawler.lake.storage import LakeStorage

LOG_FOLDER = "_logs"
REMOTE_LOG_DIR = Path("data/logs")


def default_log_dir(storage: LakeStorage | None) -> Path:
    """Where per-date logs go: ``_logs/`` inside a local lake (readers skip ``_`` names),
    ``./data/logs`` for a lake on S3."""
    root = getattr(storage, "root", None)
    if isinstance(root, Path):
        return root / LOG_FOLDER
    return REMOTE_LOG_DIR
