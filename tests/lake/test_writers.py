"""Part writers: numbered parts in local staging, Parquet with the one schema, UTF-8 JSON."""

from __future__ import annotations

import gzip
import json

import pyarrow.parquet as pq
import pytest

from newscrawler.lake import ARTICLE_SCHEMA, COLUMNS
from newscrawler.lake.writers import PartitionWriter

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
