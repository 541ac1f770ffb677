"""The storage contract every lake implements, and the commit protocol's shared rules.

Publishing a date is the commit protocol. Parts were written to local staging while the
date was crawled; only a crawl that succeeded publishes them. The new parts land in the
partition beside the previous version's (under run-unique names when the names are taken),
then the one ``_SUCCESS`` object is replaced, and only then are the files it no longer
names deleted. A kill at any instant leaves either the previous complete version or the
new one behind its marker; readers read exactly the files the marker names, and the next
publish (or ``newscrawler lake verify --fix``) removes what a killed one left.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newscrawler.lake.layout import (
    is_part,
    marker_files,
    part_format,
    part_name,
)

STAGING = "_staging"


class StorageError(RuntimeError):
    """The lake cannot be reached, read or written."""


@dataclass(frozen=True)
class StagedFile:
    """A finished part in local staging, ready to publish."""

    path: Path
    name: str
    rows: int
    bytes: int


class LakeStorage(Protocol):
    """What the crawler, the readers and ``newscrawler lake`` need of a lake."""

    uri: str

    def check(self) -> None:
        """StorageError unless the lake can be written."""

    def partitions(self) -> dict[str, list[str]]:
        """Every partition's date and file names, committed or not, orphans included."""

    def committed_dates(self) -> set[str]:
        """Dates whose partition has a marker."""

    def read_marker(self, date: str) -> dict | None:
        """The date's ``_SUCCESS`` manifest, or None."""

    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> dict:
        """Commit ``files`` as the date's partition; the manifest written."""

    def read(self, date: str, name: str) -> bytes:
        """The bytes of one file of a partition."""

    def remove(self, date: str, names: list[str]) -> None:
        """Delete files of a partition (orphans); the partition too once it is empty."""

    def leftovers(self) -> list[str]:
        """Paths under the root that a killed publish left: staging and temporary files."""

    def remove_leftovers(self) -> None:
        """Delete what :meth:`leftovers` lists."""


def publish_names(files: list[StagedFile], current: dict | None) -> list[str]:
    """Final names for staged parts: their own unless the committed version uses them."""
    names = [staged.name for staged in files]
    taken = set(marker_files(current)) if current else set()
    if not taken.intersection(names):
        return names
    run = uuid.uuid4().hex[:8]
    return [part_name(index, part_format(name), run) for index, name in enumerate(names)]


def final_manifest(manifest: dict, files: list[StagedFile], names: list[str]) -> dict:
    """``manifest`` with the files it commits (names, rows, bytes) and their totals."""
    entries = [
        {"name": name, "rows": staged.rows, "bytes": staged.bytes}
        for staged, name in zip(files, names, strict=True)
    ]
    head = {key: manifest[key] for key in ("date", "format") if key in manifest}
    return {
        **head,
        "files": entries,
        "rows": sum(entry["rows"] for entry in entries),
        "bytes": sum(entry["bytes"] for entry in entries),
        **{k: v for k, v in manifest.items() if k not in (*head, "files", "rows", "bytes")},
    }


def orphans(names: list[str], marker: dict | None) -> list[str]:
    """Files of a partition its marker does not name (all parts when there is no marker)."""
    kept = set(marker_files(marker)) if marker else set()
    return [name for name in names if name not in kept and (is_part(name) or _temporary(name))]


def _temporary(name: str) -> bool:
    return name.startswith("._SUCCESS.")


def temporary_marker_name(run: str) -> str:
    """Where a new marker is written before it replaces ``_SUCCESS`` (readers skip it)."""
    return f"._SUCCESS.{run}"
