"""Where the lake lives: a local folder or an S3 prefix, chosen by its URI.

See :mod:`newscrawler.lake.protocol` for the commit protocol every storage follows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from newscrawler.lake.layout import partition_date
from newscrawler.lake.local import LocalStorage
from newscrawler.lake.protocol import STAGING, LakeStorage, StagedFile, StorageError, orphans
from newscrawler.lake.s3 import S3Storage

__all__ = [
    "STAGING",
    "LakeStorage",
    "LocalStorage",
    "S3Storage",
    "StagedFile",
    "StorageError",
    "open_storage",
    "orphans",
    "storage_for",
]


def open_storage(uri: str, *, endpoint_url: str | None = None) -> LakeStorage:
    """The storage behind ``uri``: a path, ``file://...`` or ``s3://bucket/prefix``.

    ValueError for a malformed URI or one that points inside a partition.
    """
    parts = urlsplit(uri)
    if parts.scheme == "s3":
        check_bucket(parts.netloc, uri)
        _check_not_in_partition(uri, parts.path)
        return S3Storage(parts.netloc, parts.path.strip("/"), endpoint_url=endpoint_url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"malformed file URI {uri!r}: expected file:///absolute/path")
        path = parts.path
    elif parts.scheme == "" and uri.strip():
        path = uri
    else:
        raise ValueError(
            f"unsupported lake URI {uri!r}: use a path, file:///path or s3://bucket/prefix"
        )
    _check_not_in_partition(uri, path)
    return LocalStorage(Path(path))


_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")


def check_bucket(bucket: str, uri: str) -> None:
    """ValueError saying what is wrong with an S3 bucket name."""
    problem = None
    if not bucket:
        problem = "no bucket name"
    elif not 3 <= len(bucket) <= 63:
        problem = f"bucket names have 3 to 63 characters, {bucket!r} has {len(bucket)}"
    elif bucket != bucket.lower():
        problem = f"bucket names are lower case: {bucket!r}"
    elif not _BUCKET.match(bucket) or ".." in bucket:
        problem = (
            f"bucket {bucket!r} may hold only a-z, 0-9, '.' and '-', "
            "and must start and end with a letter or digit"
        )
    if problem:
        raise ValueError(f"malformed S3 URI {uri!r}: {problem} (expected s3://bucket/prefix)")


def _check_not_in_partition(uri: str, path: str) -> None:
    inside = [part for part in PurePosixPath(path).parts if partition_date(part)]
    if inside:
        raise ValueError(
            f"lake URI {uri!r} points inside the partition {inside[0]}: "
            "give the lake root (the folder that holds date=YYYYMMDD/)"
        )


def storage_for(settings: Mapping[str, Any]) -> LakeStorage | None:
    """The lake that ``NEWS_OUTPUT_URI`` names in ``settings`` (Scrapy's, or a dict), with
    ``AWS_ENDPOINT_URL``; None when the URI is empty. ValueError for a malformed URI."""
    uri = settings.get("NEWS_OUTPUT_URI")
    if not uri:
        return None
    return open_storage(uri, endpoint_url=settings.get("AWS_ENDPOINT_URL") or None)
