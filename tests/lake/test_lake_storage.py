"""Part writers and the commit protocol on a local folder and on S3 (moto server)."""

from __future__ import annotations

import gzip
import json

import boto3
import pyarrow.parquet as pq
import pytest

from newscrawler.lake import ARTICLE_SCHEMA, COLUMNS
from newscrawler.storage import LocalStorage, StorageError, open_storage
from newscrawler.writers import PartitionWriter

ROW = {
    "oid": "001",
    "aid": "0009205077",
    "url": "https://n.news.naver.com/mnews/article/001/0009205077",
    "date": "20180101",
    "section": "102",
    "section_name": "사회",
    "press": "연합뉴스",
    "title": "[연천소식] 군-초록우산어린이재단, 아동복지 협약",
    "content": "첫 문단.\n둘째 문단.",
    "authors": ["우영식"],
    "published_at": "2018-01-01T15:53:00+09:00",
    "modified_at": None,
    "time": "2018-01-01 15:53:00",
    "crawled_at": "2026-01-01T00:00:00+00:00",
}


def write_rows(tmp_path, fmt, count, rows_per_part=1000):
    staging = tmp_path / f"staging-{fmt}"
    staging.mkdir(parents=True)
    writer = PartitionWriter(staging, fmt, rows_per_part=rows_per_part, row_group_rows=7)
    for n in range(count):
        writer.write({**ROW, "aid": f"{n:010d}"})
    return writer.close()


def manifest(files):
    return {"rows": sum(f.rows for f in files), "files": [f.name for f in files]}


def test_parquet_parts_roll_over_and_keep_the_schema(tmp_path):
    files = write_rows(tmp_path, "parquet", 25, rows_per_part=10)
    assert [f.name for f in files] == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert [f.rows for f in files] == [10, 10, 5]
    table = pq.read_table(files[0].path)
    assert table.schema.equals(ARTICLE_SCHEMA)
    assert pq.ParquetFile(files[0].path).metadata.num_row_groups == 2  # 7 + 3 rows
    assert pq.ParquetFile(files[0].path).metadata.row_group(0).column(0).compression == "ZSTD"
    assert table.to_pylist()[0]["title"] == ROW["title"]
    assert "date" not in table.column_names  # the partition column lives in the path


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl.gz"])
def test_json_lines_are_utf8_with_hangul_unescaped(tmp_path, fmt):
    (part,) = write_rows(tmp_path, fmt, 3)
    raw = part.path.read_bytes()
    text = (gzip.decompress(raw) if fmt == "jsonl.gz" else raw).decode("utf-8")
    assert "연합뉴스" in text and "\\u" not in text
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == 3 and list(rows[0]) == list(COLUMNS)
    assert part.bytes == len(raw)


def test_local_publish_then_replace(tmp_path):
    lake = LocalStorage(tmp_path / "lake")
    first = write_rows(tmp_path / "a", "jsonl", 30, rows_per_part=10)
    lake.publish("20180101", first, manifest(first))
    partition = tmp_path / "lake" / "date=20180101"
    assert sorted(p.name for p in partition.iterdir()) == [
        "_SUCCESS",
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    second = write_rows(tmp_path / "b", "jsonl", 5)
    lake.publish("20180101", second, manifest(second))
    assert sorted(p.name for p in partition.iterdir()) == ["_SUCCESS", "part-00000.jsonl"]
    assert lake.read_marker("20180101")["rows"] == 5
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == ["date=20180101"]
    assert lake.committed_dates() == {"20180101"}


@pytest.mark.parametrize(
    "uri", ["s3://", "s3://Bad_Bucket/x", "ftp://host/x", "file://host/x", "http://x/y"]
)
def test_malformed_uris_are_refused(uri):
    with pytest.raises(ValueError, match="URI"):
        open_storage(uri)


def test_s3_publish_then_replace(aws_env, tmp_path):
    boto3.client("s3").create_bucket(Bucket="lake-test")
    lake = open_storage("s3://lake-test/news/naver")
    lake.check()
    first = write_rows(tmp_path / "a", "parquet", 30, rows_per_part=10)
    lake.publish("20180101", first, manifest(first))
    assert lake.partitions()["20180101"] == [
        "_SUCCESS",
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    second = write_rows(tmp_path / "b", "parquet", 4)
    lake.publish("20180101", second, manifest(second))
    assert lake.partitions() == {"20180101": ["_SUCCESS", "part-00000.parquet"]}
    assert lake.read_marker("20180101")["rows"] == 4
    keys = [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket="lake-test")["Contents"]]
    assert sorted(keys) == [
        "news/naver/date=20180101/_SUCCESS",
        "news/naver/date=20180101/part-00000.parquet",
    ]


def test_unreachable_s3_endpoint_is_a_clear_error(aws_env, monkeypatch):
    from tests.support.servers import free_port

    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StorageError, match="cannot reach S3"):
        open_storage("s3://lake-test/x").check()
