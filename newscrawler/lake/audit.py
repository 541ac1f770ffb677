"""What a lake holds, date by date, and whether each committed partition is intact.

``status`` reads markers and listings only; ``verify`` also re-reads every file a marker
names and checks its rows and bytes; ``fix`` removes what killed publishes left behind.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from newscrawler.coverage import is_complete, section_list
from newscrawler.lake.layout import MARKER, marker_files
from newscrawler.lake.protocol import orphans
from newscrawler.lake.reader import marker_format

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawler.lake.protocol import LakeStorage

STATES = ("committed", "partial", "failed", "missing")


@dataclass
class DateStatus:
    """One date of the lake: ``committed`` (every section), ``partial`` (committed with
    fewer sections), ``failed`` (parts but no marker: a failed or killed publish), or
    ``missing``."""

    date: str
    state: str
    rows: int = 0
    format: str = ""
    sections: list[str] = field(default_factory=list)
    crawl: dict = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def lake_status(storage: LakeStorage, dates: Iterable[str] | None = None) -> list[DateStatus]:
    """Every date of ``dates`` (or every partition found), in date order."""
    listing = storage.partitions()
    wanted = sorted(set(dates) if dates is not None else set(listing))
    return [_status(storage, date, listing.get(date)) for date in wanted]


def _status(storage: LakeStorage, date: str, names: list[str] | None) -> DateStatus:
    if names is None:
        return DateStatus(date, "missing")
    marker = storage.read_marker(date) if MARKER in names else None
    if marker is None:
        return DateStatus(date, "failed", orphans=orphans(names, None))
    return DateStatus(
        date,
        "committed" if is_complete(marker) else "partial",
        rows=int(marker.get("rows", 0)),
        format=marker_format(marker),
        sections=section_list(marker),
        crawl=dict(marker.get("crawl", {})),
        files=list(marker.get("files", [])),
        orphans=orphans(names, marker),
        problems=[f"{name} is missing" for name in marker_files(marker) if name not in names],
    )


def verify(storage: LakeStorage, statuses: list[DateStatus]) -> None:
    """Re-read each committed partition's files; add what disagrees with the marker to
    ``problems``."""
    for status in statuses:
        if status.state not in ("committed", "partial") or status.problems:
            continue
        for entry in status.files:
            data = storage.read(status.date, entry["name"])
            if len(data) != entry.get("bytes"):
                status.problems.append(
                    f"{entry['name']}: {len(data)} bytes, the marker says {entry.get('bytes')}"
                )
                continue
            try:
                rows = count_rows(entry["name"], data)
            except Exception as error:  # any unreadable part is a finding, whatever the reader says
                status.problems.append(f"{entry['name']}: unreadable ({error})")
                continue
            if rows != entry.get("rows"):
                status.problems.append(
                    f"{entry['name']}: {rows} rows, the marker says {entry.get('rows')}"
                )
        total = sum(entry.get("rows", 0) for entry in status.files)
        if total != status.rows:
            status.problems.append(f"files hold {total} rows, the marker says {status.rows}")


def count_rows(name: str, data: bytes) -> int:
    """Rows in one part file's bytes."""
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        return pq.ParquetFile(io.BytesIO(data)).metadata.num_rows
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def fix(storage: LakeStorage, statuses: list[DateStatus], leftovers: list[str]) -> int:
    """Remove orphan parts, failed partitions' leftovers and the stale staging
    ``storage.leftovers()`` listed; files removed."""
    removed = 0
    for status in statuses:
        if status.orphans:
            storage.remove(status.date, status.orphans)
            removed += len(status.orphans)
            status.orphans = []
    if leftovers:
        storage.remove_leftovers()
    return removed + len(leftovers)
