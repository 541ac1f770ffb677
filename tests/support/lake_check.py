"""Reading a lake the way a careful reader would, independently of the crawler's own code.

A committed date is the ``_SUCCESS`` marker and exactly the files it names: each named file
must exist with the bytes and rows the marker says, and together they must hold each
article once. Files of the partition that the marker does not name are orphans (a killed
publish may leave some); readers must ignore them, so the checks here do too.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow.parquet as pq

MARKER = "_SUCCESS"


class Lake(Protocol):
    uri: str

    def dates(self) -> set[str]: ...
    def names(self, date: str) -> list[str]: ...
    def read(self, date: str, name: str) -> bytes | None: ...


class LocalLake:
    """A lake in a folder: ``root/date=YYYYMMDD/...``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.uri = str(root)

    def dates(self) -> set[str]:
        if not self.root.is_dir():
            return set()
        return {
            entry.name[len("date=") :]
            for entry in self.root.iterdir()
            if entry.name.startswith("date=") and entry.is_dir()
        }

    def names(self, date: str) -> list[str]:
        folder = self.root / f"date={date}"
        if not folder.is_dir():
            return []
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())

    def read(self, date: str, name: str) -> bytes | None:
        path = self.root / f"date={date}" / name
        return path.read_bytes() if path.is_file() else None


class S3Lake:
    """A lake under ``s3://bucket/prefix``, read with a plain boto3 client."""

    def __init__(self, client: Any, bucket: str, prefix: str) -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix.strip("/")
        self.uri = f"s3://{bucket}/{self.prefix}"

    def _root(self) -> str:
        return f"{self.prefix}/" if self.prefix else ""

    def _keys(self, prefix: str) -> list[str]:
        keys = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            keys += [entry["Key"] for entry in page.get("Contents", [])]
        return keys

    def dates(self) -> set[str]:
        found = set()
        for key in self._keys(self._root() + "date="):
            folder = key[len(self._root()) :].split("/", 1)[0]
            found.add(folder[len("date=") :])
        return found

    def names(self, date: str) -> list[str]:
        folder = f"{self._root()}date={date}/"
        return sorted(key[len(folder) :] for key in self._keys(folder))

    def read(self, date: str, name: str) -> bytes | None:
        try:
            reply = self.client.get_object(
                Bucket=self.bucket, Key=f"{self._root()}date={date}/{name}"
            )
        except self.client.exceptions.NoSuchKey:
            return None
        return reply["Body"].read()


def decode_rows(name: str, data: bytes) -> list[dict]:
    """The rows of one data file, by its extension."""
    if name.endswith(".parquet"):
        return pq.read_table(io.BytesIO(data)).to_pylist()
    if name.endswith(".jsonl.gz"):
        data = gzip.decompress(data)
    elif not name.endswith(".jsonl"):
        raise AssertionError(f"marker names a file of unknown type: {name}")
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def marker(lake: Lake, date: str) -> dict | None:
    data = lake.read(date, MARKER)
    return None if data is None else json.loads(data)


@dataclass
class Committed:
    """What a reader sees of one committed date."""

    marker: dict
    rows: list[dict]
    orphans: list[str]  # files of the partition the marker does not name


def committed(lake: Lake, date: str) -> Committed | None:
    """The committed view of ``date`` (None without a marker); AssertionError when the marker
    and the files it names disagree."""
    manifest = marker(lake, date)
    if manifest is None:
        return None
    assert manifest.get("date") == date, f"marker of date={date} says {manifest.get('date')}"
    files = manifest.get("files")
    assert isinstance(files, list) and files, f"marker of date={date} names no files"
    named = [entry["name"] for entry in files]
    assert len(set(named)) == len(named), f"marker names a file twice: {named}"
    rows: list[dict] = []
    for entry in files:
        data = lake.read(date, entry["name"])
        assert data is not None, f"date={date}: the marker names {entry['name']}, which is gone"
        if "bytes" in entry:
            assert len(data) == entry["bytes"], f"date={date}/{entry['name']}: size differs"
        part = decode_rows(entry["name"], data)
        assert len(part) == entry["rows"], (
            f"date={date}/{entry['name']}: {len(part)} rows, the marker says {entry['rows']}"
        )
        rows += part
    if "rows" in manifest:
        assert manifest["rows"] == len(rows), f"date={date}: marker total differs from files"
    orphans = [name for name in lake.names(date) if name != MARKER and name not in named]
    return Committed(manifest, rows, orphans)


def keys(rows: Iterable[dict]) -> list[tuple[str, str]]:
    return [(row["oid"], row["aid"]) for row in rows]


def assert_exactly(rows: list[dict], truth: Iterable[tuple[str, str]], what: str = "") -> None:
    """Each article of ``truth`` once, nothing else."""
    found = Counter(keys(rows))
    expected = set(truth)
    twice = sorted(key for key, count in found.items() if count > 1)
    missing = sorted(expected - set(found))
    extra = sorted(set(found) - expected)
    assert not (twice or missing or extra), (
        f"{what}: {len(rows)} rows for {len(expected)} articles; duplicated {twice[:5]} "
        f"({len(twice)}), missing {missing[:5]} ({len(missing)}), extra {extra[:5]} "
        f"({len(extra)})"
    )


def identity(rows: Iterable[dict]) -> frozenset[tuple[str, str, str]]:
    """What tells two versions of one date apart: (oid, aid, title) of every row."""
    return frozenset((row["oid"], row["aid"], row["title"] or "") for row in rows)


def fingerprint(lake: Lake, date: str) -> dict[str, str] | None:
    """The marker's bytes and the bytes of every file it names, hashed (None: no marker)."""
    manifest = marker(lake, date)
    if manifest is None:
        return None
    names = [MARKER, *(entry["name"] for entry in manifest.get("files", []))]
    return {
        name: hashlib.sha256(lake.read(date, name) or b"<missing>").hexdigest() for name in names
    }


def truth_keys(articles: Iterable[dict]) -> set[tuple[str, str]]:
    """The simulator's ``/_sim/articles`` answer as (oid, aid) keys."""
    return {(entry["oid"], entry["aid"]) for entry in articles}
