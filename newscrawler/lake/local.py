"""A lake in a local folder."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import uuid
from typing import TYPE_CHECKING

from newscrawler.lake.layout import MARKER, partition_date, partition_dir
from newscrawler.lake.protocol import (
    STAGING,
    StorageError,
    final_manifest,
    orphans,
    publish_names,
    temporary_marker_name,
)

if TYPE_CHECKING:
    from pathlib import Path

    from newscrawler.lake.protocol import StagedFile

logger = logging.getLogger(__name__)


class LocalStorage:
    """A lake in a local folder; the marker is replaced with an atomic ``os.replace``."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().absolute()
        self.uri = str(self.root)

    def check(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StorageError(f"{self.root} is not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create {self.root}: {error.strerror}") from error
        probe = self.root / f".write-test-{uuid.uuid4().hex[:8]}"
        try:
            probe.touch()
            probe.unlink()
        except OSError as error:
            raise StorageError(f"{self.root} is not writable: {error.strerror}") from error

    def partitions(self) -> dict[str, list[str]]:
        if not self.root.is_dir():
            return {}
        found = {}
        for entry in self.root.iterdir():
            date = partition_date(entry.name)
            if date and entry.is_dir():
                found[date] = sorted(child.name for child in entry.iterdir())
        return found

    def committed_dates(self) -> set[str]:
        return {date for date, names in self.partitions().items() if MARKER in names}

    def read_marker(self, date: str) -> dict | None:
        path = self.root / partition_dir(date) / MARKER
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise StorageError(f"cannot read {path}: {error}") from error

    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> dict:
        self.check()
        target = self.root / partition_dir(date)
        names = publish_names(files, self.read_marker(date))
        final = final_manifest(manifest, files, names)
        try:
            target.mkdir(exist_ok=True)
            for staged, name in zip(files, names, strict=True):
                shutil.copyfile(staged.path, target / name)
                _fsync(target / name)
            fresh = target / temporary_marker_name(uuid.uuid4().hex[:8])
            _write_json(fresh, final)
            os.replace(fresh, target / MARKER)  # the commit
            _fsync(target)
        except OSError as error:
            raise StorageError(f"publishing {target} failed: {error}") from error
        self.remove(date, orphans(sorted(p.name for p in target.iterdir()), final))
        return final

    def read(self, date: str, name: str) -> bytes:
        return (self.root / partition_dir(date) / name).read_bytes()

    def remove(self, date: str, names: list[str]) -> None:
        directory = self.root / partition_dir(date)
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                (directory / name).unlink()
        with contextlib.suppress(OSError):
            directory.rmdir()  # only when nothing is left

    def leftovers(self) -> list[str]:
        staging = self.root / STAGING
        return [str(staging)] if staging.exists() else []

    def remove_leftovers(self) -> None:
        shutil.rmtree(self.root / STAGING, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
