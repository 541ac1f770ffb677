"""What readers may read: the committed partitions and exactly the files their markers name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.lake.layout import MARKER, marker_files, part_format

if TYPE_CHECKING:
    from newscrawler.lake.protocol import LakeStorage


def committed_markers(
    storage: LakeStorage, start: str | None = None, end: str | None = None
) -> dict[str, dict]:
    """Each committed date's ``_SUCCESS`` manifest, by date (sorted), from ``start`` to
    ``end`` inclusive when given (only those markers are read)."""
    found = {}
    for date, names in sorted(storage.partitions().items()):
        if (start and date < start) or (end and date > end):
            continue
        if MARKER in names:
            marker = storage.read_marker(date)
            if marker is not None:
                found[date] = marker
    return found


def committed_files(storage: LakeStorage) -> dict[str, list[str]]:
    """Each committed date's data files: the names its marker lists, never orphans."""
    return {date: marker_files(marker) for date, marker in committed_markers(storage).items()}


def marker_format(marker: dict) -> str:
    """The format of a committed partition's parts."""
    names = marker_files(marker)
    return marker.get("format") or (part_format(names[0]) if names else "parquet")
