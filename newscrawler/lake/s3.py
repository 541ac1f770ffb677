"""A lake under an S3 prefix, through boto3 (its transfer manager for uploads)."""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING

from newscrawler.lake.layout import MARKER, partition_date, partition_dir
from newscrawler.lake.protocol import StorageError, final_manifest, orphans, publish_names

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawler.lake.protocol import StagedFile

logger = logging.getLogger(__name__)
# At DEBUG botocore logs every request's headers: the access key id and the session token
# among them. A crawl at LOG_LEVEL=DEBUG must not print credentials.
for _quiet in ("botocore", "boto3", "s3transfer"):
    logging.getLogger(_quiet).setLevel(logging.INFO)

STALE_PREFIXES = ("_staging/",)


class S3Storage:
    """A lake under ``s3://bucket/prefix``; a PUT of the marker object is the commit."""

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

    def _errors(self) -> tuple[type[Exception], ...]:
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        return (BotoCoreError, ClientError, S3UploadFailedError)

    def check(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            # A listing of the lake's own prefix: a role allowed only that prefix may not
            # HEAD the bucket.
            prefix = f"{self.prefix}/" if self.prefix else ""
            self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix, MaxKeys=1)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "?")
            raise StorageError(f"cannot use bucket {self.bucket!r}: {code}") from error
        except BotoCoreError as error:
            raise StorageError(f"cannot reach S3 for {self.uri}: {error}") from error

    def _list(self, prefix: str) -> Iterable[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                for entry in page.get("Contents", []):
                    yield entry["Key"]
        except self._errors() as error:
            raise StorageError(f"cannot list {self.uri}: {error}") from error

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
            return json.loads(reply["Body"].read())
        except self.client.exceptions.NoSuchKey:
            return None
        except self._errors() as error:
            raise StorageError(f"cannot read the marker of date={date}: {error}") from error

    def publish(self, date: str, files: list[StagedFile], manifest: dict) -> dict:
        """Upload the parts beside the current version, PUT the marker, delete the rest."""
        final_prefix = self._key(partition_dir(date))
        names = publish_names(files, self.read_marker(date))
        final = final_manifest(manifest, files, names)
        try:
            for staged, name in zip(files, names, strict=True):
                self.client.upload_file(
                    str(staged.path), self.bucket, f"{final_prefix}/{name}", Config=self.transfer
                )
            self.client.put_object(
                Bucket=self.bucket,
                Key=f"{final_prefix}/{MARKER}",
                Body=json.dumps(final, ensure_ascii=False, indent=2).encode(),
                ContentType="application/json",
            )
        except self._errors() as error:
            raise StorageError(
                f"publishing {final_prefix} to s3://{self.bucket} failed: {error}"
            ) from error
        try:
            self.remove(date, orphans(self.partitions().get(date, []), final))
        except (StorageError, *self._errors()) as error:
            # Committed all the same: the next publish or `lake verify --fix` removes them.
            logger.warning("date=%s committed, but old parts were not removed: %s", date, error)
        return final

    def read(self, date: str, name: str) -> bytes:
        try:
            reply = self.client.get_object(
                Bucket=self.bucket, Key=self._key(partition_dir(date), name)
            )
            return reply["Body"].read()
        except self._errors() as error:
            raise StorageError(f"cannot read date={date}/{name}: {error}") from error

    def remove(self, date: str, names: list[str]) -> None:
        self._delete(self._key(partition_dir(date), name) for name in names)

    def leftovers(self) -> list[str]:
        return [
            f"s3://{self.bucket}/{key}"
            for stale in STALE_PREFIXES
            for key in self._list(self._key(stale))
        ]

    def remove_leftovers(self) -> None:
        for stale in STALE_PREFIXES:
            self._delete(list(self._list(self._key(stale))))

    def _delete(self, keys: Iterable[str]) -> None:
        batch = [{"Key": key} for key in keys]
        for start in range(0, len(batch), 1000):
            self.client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": batch[start : start + 1000], "Quiet": True}
            )
