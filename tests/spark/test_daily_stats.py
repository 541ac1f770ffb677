"""daily_stats on local Spark, checked against DuckDB over the same committed files."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from newscrawler.lake import ARTICLE_SCHEMA, COLUMNS, MARKER, marker_files

KEYS = ("date", "section", "section_name", "press")


def committed_files(lake) -> list[str]:
    """Paths of the files the lake's manifests name."""
    paths = []
    for marker in sorted(lake.glob(f"date=*/{MARKER}")):
        manifest = json.loads(marker.read_text(encoding="utf-8"))
        paths += [str(marker.parent / name) for name in marker_files(manifest)]
    return paths


def duckdb_stats(lake) -> list[dict]:
    """The statistics computed by DuckDB straight from the manifests' files."""
    columns = {f.name: "VARCHAR[]" if f.type.num_fields else "VARCHAR" for f in ARTICLE_SCHEMA}
    source = (
        f"read_json({committed_files(lake)!r}, columns = {columns!r}, "
        "format = 'newline_delimited', hive_partitioning = true, "
        "hive_types = {'date': 'VARCHAR'})"
    )
    query = f"""
        SELECT date, section, section_name, press,
               count(*) AS articles,
               avg(length(coalesce(content, ''))) AS mean_body_length,
               median(length(coalesce(content, ''))) AS p50_body_length,
               len(list_distinct(flatten(list(authors) FILTER (authors IS NOT NULL))))
                   AS distinct_authors,
               avg(CASE WHEN modified_at IS NULL THEN 0 ELSE 1 END) AS modified_share,
               substr(date, 1, 6) AS month
        FROM {source}
        GROUP BY ALL
    """
    cursor = duckdb.sql(query)
    names = [column[0] for column in cursor.description]
    return sorted((dict(zip(names, row, strict=True)) for row in cursor.fetchall()), key=_key)


def spark_output(out) -> tuple[dict, list[dict]]:
    """The table the job wrote, read through its month manifests: manifests and rows."""
    manifests, paths = {}, []
    for marker in sorted(out.glob(f"month=*/{MARKER}")):
        manifest = json.loads(marker.read_text(encoding="utf-8"))
        manifests[manifest["month"]] = manifest
        paths += [str(marker.parent / name) for name in marker_files(manifest)]
    cursor = duckdb.sql(
        f"SELECT * FROM read_parquet({paths!r}, hive_partitioning = true, "
        "hive_types = {'month': 'VARCHAR'})"
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return manifests, sorted(rows, key=_key)


def _key(row: dict) -> tuple:
    return tuple(row[key] or "" for key in KEYS)


def run_job(spark, job, lake, out, start="20180101", end="20180103") -> dict:
    args = job.arguments(["--lake", str(lake), "--out", str(out), "--start", start, "--end", end])
    return job.run(spark, args)


@pytest.fixture(scope="module")
def stats_table(spark, daily_stats_job, crawled_lake, tmp_path_factory):
    out = tmp_path_factory.mktemp("stats") / "daily_stats"
    run_job(spark, daily_stats_job, crawled_lake, out)
    return out


def test_jobs_read_the_lake_with_its_schema(spark):
    import lake_input
    from pyspark.sql.types import ArrayType, StringType

    schema = lake_input.spark_schema()
    assert tuple(schema.names) == COLUMNS
    for field, arrow in zip(schema.fields, ARTICLE_SCHEMA, strict=True):
        expected = ArrayType(StringType()) if arrow.type.num_fields else StringType()
        assert field.dataType == expected, field


def test_numbers_match_duckdb_over_the_same_files(stats_table, crawled_lake):
    _, rows = spark_output(stats_table)
    expected = duckdb_stats(crawled_lake)
    assert len(rows) == len(expected) > 10
    for got, want in zip(rows, expected, strict=True):
        assert {key: got[key] for key in KEYS} == {key: want[key] for key in KEYS}
        assert got["articles"] == want["articles"]
        assert got["distinct_authors"] == want["distinct_authors"]
        for name in ("mean_body_length", "p50_body_length", "modified_share"):
            assert got[name] == pytest.approx(want[name]), (name, got)
    assert sum(row["articles"] for row in rows) == sum(
        json.loads(p.read_text())["rows"] for p in crawled_lake.glob(f"date=*/{MARKER}")
    )
    assert any(0 < row["modified_share"] < 1 for row in rows)


def test_table_is_partitioned_by_month_with_a_manifest_per_month(stats_table):
    manifests, rows = spark_output(stats_table)
    assert list(manifests) == ["201801"]
    manifest = manifests["201801"]
    assert manifest["format"] == "parquet"
    assert manifest["dates"] == ["20180101", "20180102", "20180103"]
    assert manifest["rows"] == len(rows) == sum(entry["rows"] for entry in manifest["files"])
    for entry in manifest["files"]:
        assert (stats_table / "month=201801" / entry["name"]).stat().st_size == entry["bytes"]
    assert not (stats_table / MARKER).exists()
    assert {row["month"] for row in rows} == {"201801"}
    assert all(isinstance(row["date"], str) and len(row["date"]) == 8 for row in rows)


def test_orphan_parts_and_uncommitted_dates_change_nothing(
    spark, daily_stats_job, crawled_lake, stats_table, tmp_path
):
    lake = tmp_path / "lake"
    shutil.copytree(crawled_lake, lake)
    first = lake / "date=20180101"
    # A valid part a killed publish could leave beside the committed ones.
    shutil.copy(lake / "date=20180102" / "part-00000.jsonl.gz", first / "part-00001.jsonl.gz")
    shutil.copy(first / "part-00000.jsonl.gz", first / "part-00000-0badc0de.jsonl.gz")
    # A date of the same month whose publish never finished.
    (lake / "date=20180104").mkdir()
    shutil.copy(first / "part-00000.jsonl.gz", lake / "date=20180104" / "part-00000.jsonl.gz")

    out = tmp_path / "daily_stats"
    run_job(spark, daily_stats_job, lake, out, start="20180102", end="20180102")
    manifests, rows = spark_output(out)
    assert rows == spark_output(stats_table)[1]
    assert manifests["201801"]["dates"] == ["20180101", "20180102", "20180103"]


def test_a_range_without_committed_dates_writes_no_month(
    spark, daily_stats_job, crawled_lake, tmp_path
):
    out = tmp_path / "daily_stats"
    assert run_job(spark, daily_stats_job, crawled_lake, out, "20190101", "20190102") == {}
    assert not list(out.glob(f"month=*/{MARKER}"))


def test_s3_uris_go_to_spark_as_s3a_and_to_the_lake_as_s3(spark):
    import lake_input

    from newscrawler.fleet.emr import hadoop_uri

    assert hadoop_uri("s3://lake-bucket/naver_news") == "s3a://lake-bucket/naver_news"
    assert lake_input.storage_uri("s3a://lake-bucket/naver_news") == "s3://lake-bucket/naver_news"
    assert lake_input.storage_uri("/data/naver_news") == "/data/naver_news"
