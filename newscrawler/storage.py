"""Where the lake lives: a local folder or an S3 prefix, and how a partition is published.

Publishing a date is the commit protocol: parts were written to local staging during the
crawl; only a crawl that succeeded publishes them. The new partition is made complete
beside the old one (under ``_staging/``, which readers skip) and then swapped in, the
``_SUCCESS`` marker last, so an earlier complete partition stays untouched until the new
one is entirely uploaded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from newscrawler.lake import MARKER, check_format, partition_date, partition_dir

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

STAGING = "_staging"
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


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
    uri: str

    def check(self) -> None: ...
    def committed_dates(self) -> set[str]: ...
    def partitions(self) -> dict[str, list[str]]: ...
    def read_marker(self, date: str) -> dict | None: ...
    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> None: ...


def open_storage(uri: str, *, endpoint_url: str | None = None) -> LakeStorage:
    """The storage behind ``uri``: a path, ``file://...`` or ``s3://bucket/prefix``."""
    parts = urlsplit(uri)
    if parts.scheme == "s3":
        if not _BUCKET.match(parts.netloc or ""):
            raise ValueError(f"malformed S3 URI {uri!r}: expected s3://bucket/prefix")
        return S3Storage(parts.netloc, parts.path.strip("/"), endpoint_url=endpoint_url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"malformed file URI {uri!r}: expected file:///absolute/path")
        return LocalStorage(Path(parts.path))
    if parts.scheme == "" and uri.strip():
        return LocalStorage(Path(uri))
    raise ValueError(
        f"unsupported output URI {uri!r}: use a path, file:///path or s3://bucket/prefix"
    )


def storage_for(settings: BaseSettings) -> LakeStorage | None:
    """The lake storage the settings name (None when ``NEWS_OUTPUT_URI`` is empty).

    ValueError for an unknown ``NEWS_OUTPUT_FORMAT`` or a malformed URI.
    """
    check_format(settings.get("NEWS_OUTPUT_FORMAT"))
    uri = settings.get("NEWS_OUTPUT_URI")
    if not uri:
        return None
    return open_storage(uri, endpoint_url=settings.get("AWS_ENDPOINT_URL") or None)


class LocalStorage:
    """A lake in a local folder. Publishing swaps whole directories with ``os.rename``."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().absolute()
        self.uri = str(self.root)

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create {self.root}: {error.strerror}") from error
        if not os.access(self.root, os.W_OK):
            raise StorageError(f"{self.root} is not writable")

    def partitions(self) -> dict[str, list[str]]:
        """Every partition directory's date and file names (committed or not)."""
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
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> None:
        self.check()
        work = self.root / STAGING / uuid.uuid4().hex
        fresh = work / partition_dir(date)
        fresh.mkdir(parents=True)
        try:
            for staged in files:
                shutil.copyfile(staged.path, fresh / staged.name)
            _write_json(fresh / MARKER, manifest)
            _fsync_dir(fresh)
            target = self.root / partition_dir(date)
            if target.exists():
                target.rename(work / "previous")
            fresh.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            _remove_if_empty(self.root / STAGING)


class S3Storage:
    """A lake under an S3 prefix, through boto3 (its transfer manager for uploads)."""

    def __init__(self, bucket: str, prefix: str, *, endpoint_url: str | None = None) -> None:
        import boto3
        from boto3.s3.transfer import TransferConfig
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix
        self.uri = f"s3://{bucket}/{prefix}".rstrip("/")
        config = Config(
            retries={"max_attempts": 5, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
        )
        self.client = boto3.client(
            "s3", endpoint_url=endpoint_url or os.environ.get("AWS_ENDPOINT_URL"), config=config
        )
        self.transfer = TransferConfig(
            multipart_threshold=64 * 2**20, multipart_chunksize=16 * 2**20
        )

    def _key(self, *names: str) -> str:
        return "/".join(part for part in (self.prefix, *names) if part)

    def check(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "?")
            raise StorageError(f"cannot use bucket {self.bucket!r}: {code}") from error
        except BotoCoreError as error:
            raise StorageError(f"cannot reach S3 for {self.uri}: {error}") from error

    def _list(self, prefix: str) -> Iterable[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for entry in page.get("Contents", []):
                yield entry["Key"]

    def partitions(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        root = self._key("") + "/" if self.prefix else ""
        for key in self._list(root + "date="):
            directory, _, name = key[len(root) :].partition("/")
            date = partition_date(directory)
            if date and name and "/" not in name:
                found.setdefault(date, []).append(name)
        return {date: sorted(names) for date, names in found.items()}

    def committed_dates(self) -> set[str]:
        return {date for date, names in self.partitions().items() if MARKER in names}

    def read_marker(self, date: str) -> dict | None:
        try:
            reply = self.client.get_object(
                Bucket=self.bucket, Key=self._key(partition_dir(date), MARKER)
            )
        except self.client.exceptions.NoSuchKey:
            return None
        return json.loads(reply["Body"].read())

    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> None:
        """Upload to ``_staging/``, then swap in: old marker out, parts copied, stale parts
        deleted, new marker written last."""
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        staging = self._key(STAGING, uuid.uuid4().hex, partition_dir(date))
        final = self._key(partition_dir(date))
        try:
            for staged in files:
                self.client.upload_file(
                    str(staged.path), self.bucket, f"{staging}/{staged.name}", Config=self.transfer
                )
            old = [key for key in self._list(final + "/") if "/" not in key[len(final) + 1 :]]
            if f"{final}/{MARKER}" in old:
                self.client.delete_object(Bucket=self.bucket, Key=f"{final}/{MARKER}")
            for staged in files:
                source = {"Bucket": self.bucket, "Key": f"{staging}/{staged.name}"}
                self.client.copy(
                    source, self.bucket, f"{final}/{staged.name}", Config=self.transfer
                )
            names = {staged.name for staged in files}
            self._delete(
                k for k in old if k.rsplit("/", 1)[-1] not in names and k != f"{final}/{MARKER}"
            )
            self.client.put_object(
                Bucket=self.bucket,
                Key=f"{final}/{MARKER}",
                Body=json.dumps(manifest, ensure_ascii=False, indent=2).encode(),
                ContentType="application/json",
            )
        except (BotoCoreError, ClientError, S3UploadFailedError) as error:
            raise StorageError(
                f"publishing {final} to s3://{self.bucket} failed: {error}"
            ) from error
        finally:
            self._delete_quietly(staging + "/")

    def _delete(self, keys: Iterable[str]) -> None:
        batch = [{"Key": key} for key in keys]
        for start in range(0, len(batch), 1000):
            self.client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": batch[start : start + 1000], "Quiet": True}
            )

    def _delete_quietly(self, prefix: str) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._delete(list(self._list(prefix)))
        except (BotoCoreError, ClientError) as error:
            logger.warning("could not remove staging %s: %s", prefix, error)


def _write_json(path: Path, data: dict) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    for child in path.iterdir():
        with child.open("rb") as handle:
            os.fsync(handle.fileno())


def _remove_if_empty(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.rmdir()
