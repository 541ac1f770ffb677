"""Local staging: one folder per running crawl under one root, cleaned when its owner dies.

A crawl killed with SIGKILL cannot remove its own staging; the next crawl on the machine
removes every folder whose owner process is gone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT_NAME = "newscrawler-staging"


def staging_root(base: str | None = None) -> Path:
    """The folder that holds every crawl's staging (under ``base`` or the temp dir)."""
    return Path(base or tempfile.gettempdir()) / ROOT_NAME


def new_staging(base: str | None = None) -> Path:
    """A fresh staging folder owned by this process; stale ones are removed first."""
    root = staging_root(base)
    root.mkdir(parents=True, exist_ok=True)
    remove_stale(root)
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))


def remove_stale(root: Path) -> list[Path]:
    """Remove the staging folders whose owner process is gone; those removed."""
    removed = []
    for entry in root.iterdir() if root.is_dir() else ():
        owner = entry.name.partition("-")[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    if removed:
        logger.info("removed %d stale staging folder(s) under %s", len(removed), root)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return status != "Z"
    return True
