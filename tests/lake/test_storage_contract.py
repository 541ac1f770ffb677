"""One behaviour suite for every lake storage: a local folder and S3 (moto in server mode).

The commit protocol: the marker names exactly the partition's files; a re-publish lands
beside the previous version and switches with the one marker object; what a killed publish
left is removed by the next one; readers read exactly the files the marker names.
"""

from __future__ import annotations

import uuid

import boto3
import pytest

from newscrawler.lake import MARKER, marker_files
from newscrawler.lake.reader import committed_files
from newscrawler.lake.storage import StorageError, open_storage
from newscrawler.lake.writers import PartitionWriter

DATE = "20180101"


@pytest.fixture(params=["local", "s3"])
def lake(request, tmp_path):
    if request.param == "local":
        return open_storage(str(tmp_path / "lake"))
    request.getfixturevalue("aws_env")
    bucket = f"lake-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    return open_storage(f"s3://{bucket}/news/naver")


def staged(tmp_path, fmt: str, count: int, rows_per_part: int = 1000):
    staging = tmp_path / f"staging-{uuid.uuid4().hex}"
    staging.mkdir()
    writer = PartitionWriter(staging, fmt, rows_per_part=rows_per_part)
    for n in range(count):
        writer.write({"oid": "001", "aid": f"{n:010d}", "url": f"https://x/{n}"})
    return writer.close()


def test_first_publish_commits_plain_names_and_a_full_manifest(lake, tmp_path):
    files = staged(tmp_path, "jsonl", 25, rows_per_part=10)
    lake.check()
    written = lake.publish(DATE, files, {"date": DATE, "format": "jsonl", "sections": ["100"]})
    assert lake.partitions()[DATE] == [
        MARKER,
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    marker = lake.read_marker(DATE)
    assert marker == written
    assert list(marker)[:5] == ["date", "format", "files", "rows", "bytes"]
    assert marker["rows"] == 25 and [f["rows"] for f in marker["files"]] == [10, 10, 5]
    assert marker["bytes"] == sum(f.bytes for f in files)
    assert marker["sections"] == ["100"]
    assert lake.committed_dates() == {DATE}


def test_republish_switches_versions_with_the_marker(lake, tmp_path):
    lake.publish(DATE, staged(tmp_path, "parquet", 30, 10), {"format": "parquet"})
    before = marker_files(lake.read_marker(DATE))
    lake.publish(DATE, staged(tmp_path, "parquet", 4), {"format": "parquet"})
    after = lake.read_marker(DATE)
    assert after["rows"] == 4
    (name,) = marker_files(after)
    assert name not in before and name.startswith("part-00000-")  # a run-unique name
    assert lake.partitions()[DATE] == sorted([MARKER, name])  # the old version is gone
    assert committed_files(lake) == {DATE: [name]}
    # A third publish may take the plain names again: the marker no longer uses them.
    lake.publish(DATE, staged(tmp_path, "parquet", 2), {"format": "parquet"})
    assert marker_files(lake.read_marker(DATE)) == ["part-00000.parquet"]


def test_readers_never_see_orphans_and_the_next_publish_removes_them(lake, tmp_path):
    lake.publish(DATE, staged(tmp_path, "jsonl", 3), {"format": "jsonl"})
    # What a publish killed after its uploads leaves: parts the marker does not name.
    orphan = staged(tmp_path, "jsonl", 7)[0]
    lake_root = lake
    if hasattr(lake_root, "root"):
        (lake_root.root / f"date={DATE}" / "part-00009.jsonl").write_bytes(orphan.path.read_bytes())
    else:
        lake_root.client.upload_file(
            str(orphan.path), lake_root.bucket, f"news/naver/date={DATE}/part-00009.jsonl"
        )
    assert "part-00009.jsonl" in lake.partitions()[DATE]
    assert committed_files(lake) == {DATE: ["part-00000.jsonl"]}
    assert lake.read_marker(DATE)["rows"] == 3
    lake.publish(DATE, staged(tmp_path, "jsonl", 5), {"format": "jsonl"})
    assert "part-00009.jsonl" not in lake.partitions()[DATE]
    assert lake.read_marker(DATE)["rows"] == 5


def test_read_and_remove(lake, tmp_path):
    files = staged(tmp_path, "jsonl", 2)
    lake.publish(DATE, files, {"format": "jsonl"})
    assert lake.read(DATE, "part-00000.jsonl") == files[0].path.read_bytes()
    lake.remove(DATE, [MARKER, "part-00000.jsonl"])
    assert lake.partitions() == {} and lake.read_marker(DATE) is None


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("s3://", "no bucket name"),
        ("s3://Bad_Bucket/x", "lower case"),
        ("s3://ab/x", "3 to 63 characters"),
        ("s3://bad_bucket/x", "may hold only"),
        ("ftp://host/x", "unsupported lake URI"),
        ("file://host/x", "malformed file URI"),
        ("/tmp/lake/date=20180101", "inside the partition date=20180101"),
        ("s3://bucket/lake/date=20180101/", "inside the partition"),
    ],
)
def test_malformed_uris_are_refused(uri, message):
    with pytest.raises(ValueError, match=message):
        open_storage(uri)


def test_unreachable_s3_endpoint_is_a_clear_error(aws_env, monkeypatch):
    from tests.support.servers import free_port

    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StorageError, match="cannot reach S3"):
        open_storage("s3://nowhere-bucket/x").check()


def test_an_unwritable_local_lake_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="not a folder"):
        open_storage(str(blocker)).check()
    with pytest.raises(StorageError, match="cannot create"):
        open_storage(str(blocker / "lake")).check()
