"""compact on local Spark: gzip JSON Lines in, Parquet partitions of the same layout,
schema and manifest out, which the query engine and Athena repair read as before."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from newscrawler.lake import ARTICLE_SCHEMA, MARKER, is_part, marker_files
from newscrawler.lake.storage import open_storage
from tests.support.cli import newscrawler

QUERIES = (
    "SELECT * FROM newsdata ORDER BY date, oid, aid",
    "SELECT date, section, count(*) AS articles, sum(length(content)) AS chars, "
    "count(DISTINCT press) AS presses, count(modified_at) AS modified "
    "FROM newsdata GROUP BY 1, 2 ORDER BY 1, 2",
    "SELECT press, cardinality(authors) AS authors, count(*) AS n FROM newsdata "
    "WHERE date BETWEEN '20180102' AND '20180103' GROUP BY 1, 2 ORDER BY 1, 2",
)


def compact(spark, job, lake, out, start="20180101", end="20180103") -> dict:
    args = job.arguments(["--lake", str(lake), "--out", str(out), "--start", start, "--end", end])
    return job.run(spark, args)


def query(capsys, lake, sql: str) -> list[dict]:
    capsys.readouterr()
    assert newscrawler("query", "--lake", str(lake), "--format", "json", sql) == 0
    return json.loads(capsys.readouterr().out)


def manifest(lake, date: str) -> dict:
    return json.loads((lake / f"date={date}" / MARKER).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compacted(spark, compact_job, crawled_lake, tmp_path_factory):
    out = tmp_path_factory.mktemp("compacted") / "lake"
    compact(spark, compact_job, crawled_lake, out)
    return out


def test_partitions_have_the_layout_schema_and_manifest_of_a_crawled_lake(compacted, crawled_lake):
    dates = sorted(path.name for path in crawled_lake.glob("date=*"))
    assert sorted(path.name for path in compacted.iterdir()) == dates
    for name in dates:
        date = name.removeprefix("date=")
        before, after = manifest(crawled_lake, date), manifest(compacted, date)
        assert list(after) == list(before)  # the same keys in the same order
        assert after["format"] == "parquet" and after["rows"] == before["rows"] > 0
        assert {k: v for k, v in after.items() if k not in ("format", "files", "bytes")} == {
            k: v for k, v in before.items() if k not in ("format", "files", "bytes")
        }
        files = sorted(path.name for path in (compacted / name).iterdir())
        assert files == sorted([*marker_files(after), MARKER])
        for entry in after["files"]:
            part = compacted / name / entry["name"]
            assert is_part(entry["name"]) and entry["name"].endswith(".parquet")
            assert part.stat().st_size == entry["bytes"]
            assert pq.read_metadata(part).num_rows == entry["rows"]
            assert pq.read_schema(part).remove_metadata() == ARTICLE_SCHEMA


def test_query_answers_the_same_before_and_after(compacted, crawled_lake, capsys):
    for sql in QUERIES:
        before = query(capsys, crawled_lake, sql)
        assert before, sql
        assert query(capsys, compacted, sql) == before, sql


def test_athena_repair_sees_parquet_partitions(compacted, crawled_lake, capsys):
    repair = ("athena", "repair", "--table", "news.newsdata", "--sql", "--format", "parquet")
    location = ("--location", "s3://lake-bucket/naver_news/")
    capsys.readouterr()
    assert newscrawler(*repair, "--lake", str(compacted), *location) == 0
    statements = capsys.readouterr().out
    for date in ("20180101", "20180102", "20180103"):
        assert f"s3://lake-bucket/naver_news/date={date}/" in statements
    assert newscrawler(*repair, "--lake", str(crawled_lake), *location) != 0
    assert "jsonl.gz" in capsys.readouterr().err


def test_orphans_are_not_compacted_and_a_rerun_replaces_cleanly(
    spark, compact_job, crawled_lake, compacted, tmp_path, capsys
):
    lake = tmp_path / "lake"
    shutil.copytree(crawled_lake, lake)
    first = lake / "date=20180101"
    shutil.copy(lake / "date=20180102" / "part-00000.jsonl.gz", first / "part-00001.jsonl.gz")
    out = tmp_path / "compacted"
    compact(spark, compact_job, lake, out)
    compact(spark, compact_job, lake, out, start="20180101", end="20180101")
    assert [e["rows"] for e in manifest(out, "20180101")["files"]] == [
        e["rows"] for e in manifest(compacted, "20180101")["files"]
    ]
    assert len([name for name in (out / "date=20180101").iterdir() if is_part(name.name)]) == 1
    assert query(capsys, out, QUERIES[0]) == query(capsys, compacted, QUERIES[0])


def test_refuses_to_compact_into_the_lake_itself(spark, compact_job, crawled_lake):
    with pytest.raises(ValueError, match="compact into a new lake"):
        compact(spark, compact_job, crawled_lake, crawled_lake)


def test_a_committed_day_without_articles_stays_committed(
    spark, compact_job, crawled_lake, tmp_path, capsys
):
    lake = tmp_path / "lake"
    shutil.copytree(crawled_lake, lake)
    record = {k: v for k, v in manifest(lake, "20180103").items() if k not in ("files", "rows")}
    empty = {**record, "date": "20180104"}
    open_storage(str(lake)).publish("20180104", [], empty)
    out = tmp_path / "compacted"
    published = compact(spark, compact_job, lake, out, start="20180103", end="20180104")
    assert published["20180104"]["rows"] == 0 and published["20180103"]["rows"] > 0
    after = manifest(out, "20180104")
    assert after["format"] == "parquet" and after["files"] == [] and after["rows"] == 0
    sql = "SELECT date, count(*) AS n FROM newsdata WHERE date >= '20180103' GROUP BY 1 ORDER BY 1"
    assert query(capsys, out, sql) == query(capsys, lake, sql)
