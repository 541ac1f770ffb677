"""``newscrawler query``: Athena SQL on DuckDB over the lake, in every format, local and S3."""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
from pathlib import Path

import boto3
import duckdb
import pytest

from newscrawler.lake import FORMATS
from newscrawler.lake.storage import open_storage
from newscrawler.query.engine import QueryError, to_duckdb
from newscrawler.sim.catalog import entries
from tests.support.cli import newscrawler, run_crawl
from tests.support.lakes import (
    DATES,
    PER_DAY,
    SEED,
    simulated_rows,
    write_lake,
    write_partition,
)
from tests.support.paths import require
from tests.support.servers import fetch_json

UNCOMMITTED = "20180107"
ORIGINAL = "SELECT date, count(*) FROM newsdata GROUP BY date ORDER BY date"


def truth(dates=DATES) -> dict[str, int]:
    """What the simulator's ``/_sim/articles?date=`` lists, per date."""
    return {day: len(entries(SEED, day, PER_DAY)) for day in dates}


@pytest.fixture(scope="module")
def lakes(tmp_path_factory) -> dict[str, Path]:
    rows = simulated_rows()
    base = tmp_path_factory.mktemp("lakes")
    return {fmt: write_lake(base / fmt / "lake", fmt, rows) for fmt in FORMATS}


def parse_output(text: str, fmt: str) -> list[list[str]]:
    """The printed rows (header first) as strings."""
    if fmt == "json":
        rows = json.loads(text)
        return [list(rows[0])] + [[str(v) for v in row.values()] for row in rows]
    if fmt == "csv":
        return list(csv.reader(io.StringIO(text)))
    lines = text.splitlines()
    assert lines[-1] == f"({len(lines) - 3} rows)"
    return [[cell.strip() for cell in line.split("|")] for line in [lines[0], *lines[2:-1]]]


@pytest.mark.parametrize("output", ["table", "csv", "json"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_original_query_counts_every_committed_date(capsys, lakes, fmt, output):
    assert newscrawler("query", ORIGINAL, "--lake", str(lakes[fmt]), "--format", output) == 0
    header, *rows = parse_output(capsys.readouterr().out, output)
    assert header == ["date", "_col1"]
    assert {day: int(count) for day, count in rows} == truth()


def test_table_output_is_aligned(capsys, lakes):
    sql = "SELECT section, section_name, count(*) AS n FROM newsdata GROUP BY 1, 2 ORDER BY 1"
    assert newscrawler("query", sql, "--lake", str(lakes["parquet"])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == " section | section_name |  n"  # numbers and their header align right
    assert lines[1].startswith("---------+--------------+-")
    assert lines[2].startswith(" 100     | 정치         | ")  # Hangul is two columns wide


def hand_written(lake: Path, sql: str) -> list[tuple]:
    """Plain DuckDB over the committed Parquet files, with ``hand`` as the table."""
    files = ", ".join(f"'{lake}/date={day}/*.parquet'" for day in DATES)
    connection = duckdb.connect()
    connection.execute(
        "CREATE VIEW hand AS SELECT *, regexp_extract(filename, 'date=(\\d{8})', 1) AS date "
        f"FROM read_parquet([{files}], filename = true, hive_partitioning = false)"
    )
    return connection.execute(sql).fetchall()


# (Athena, DuckDB written by hand): the same question, the same answer.
EQUIVALENT = {
    "day_of_week": (
        "SELECT date_format(date_parse(date, '%Y%m%d'), '%Y-%m-%d') AS day, "
        "day_of_week(date_parse(date, '%Y%m%d')) AS dow, count(*) AS n "
        "FROM newsdata GROUP BY 1, 2 ORDER BY 1",
        "SELECT substr(date, 1, 4) || '-' || substr(date, 5, 2) || '-' || substr(date, 7, 2), "
        "CAST(strftime(strptime(date, '%Y%m%d'), '%u') AS INTEGER), count(*) "
        "FROM hand GROUP BY 1, 2 ORDER BY 1",
    ),
    "hour_of_iso8601": (
        "SELECT hour(from_iso8601_timestamp(published_at)) AS h, count(*) AS n "
        "FROM newsdata GROUP BY 1 ORDER BY 1",
        "SELECT CAST(substr(published_at, 12, 2) AS INTEGER), count(*) FROM hand "
        "GROUP BY 1 ORDER BY 1",
    ),
    "date_format_iso8601": (
        "SELECT date_format(from_iso8601_timestamp(published_at), '%Y-%m-%d %H:00') AS hour, "
        "count(*) AS n FROM db.newsdata GROUP BY 1 ORDER BY n DESC, hour LIMIT 5",
        "SELECT replace(substr(published_at, 1, 13), 'T', ' ') || ':00' AS hour, count(*) AS n "
        "FROM hand "
        "GROUP BY 1 ORDER BY n DESC, hour LIMIT 5",
    ),
    "weekday_published": (
        "SELECT day_of_week(from_iso8601_timestamp(published_at)), count(*) FROM newsdata "
        "GROUP BY 1 ORDER BY 1",
        "SELECT isodow(CAST(substr(published_at, 1, 10) AS DATE)), count(*) FROM hand "
        "GROUP BY 1 ORDER BY 1",
    ),
    "date_diff": (
        "SELECT date_diff('day', date_parse('20180101', '%Y%m%d'), date_parse(date, '%Y%m%d')), "
        "count(*) FROM newsdata GROUP BY 1 ORDER BY 1",
        "SELECT CAST(date AS INTEGER) - 20180101, count(*) FROM hand GROUP BY 1 ORDER BY 1",
    ),
    "approx_distinct": (
        "SELECT approx_distinct(press), approx_distinct(oid || '/' || aid) FROM newsdata",
        "SELECT approx_count_distinct(press), approx_count_distinct(oid || '/' || aid) FROM hand",
    ),
    "regexp_like": (
        "SELECT count_if(regexp_like(title, '^\\[[^]]+\\]')), count_if(regexp_like(content, "
        "'개혁')) FROM newsdata",
        "SELECT count_if(title LIKE '[%]%'), count_if(contains(content, '개혁')) FROM hand",
    ),
    "count_by_press": (
        "SELECT press, count(*) AS n FROM newsdata GROUP BY press ORDER BY n DESC, press",
        "SELECT press, count(*) AS n FROM hand GROUP BY press ORDER BY n DESC, press",
    ),
    "count_by_section_and_date": (
        "SELECT date, section, count(*) FROM newsdata WHERE date BETWEEN '20180105' AND "
        "'20180106' GROUP BY date, section ORDER BY date, section",
        "SELECT date, section, count(*) FROM hand WHERE date IN ('20180105', '20180106') "
        "GROUP BY ALL ORDER BY ALL",
    ),
    "unnest_authors": (
        "SELECT author, count(*) AS n FROM newsdata CROSS JOIN UNNEST(authors) AS t(author) "
        "GROUP BY author ORDER BY n DESC, author LIMIT 10",
        "SELECT author, count(*) AS n FROM (SELECT unnest(authors) AS author FROM hand) "
        "GROUP BY author ORDER BY n DESC, author LIMIT 10",
    ),
    "cardinality": (
        "SELECT cardinality(authors), count(*) FROM newsdata GROUP BY 1 ORDER BY 1",
        "SELECT len(authors), count(*) FROM hand GROUP BY 1 ORDER BY 1",
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EQUIVALENT)
def test_athena_sql_answers_like_hand_written_duckdb(capsys, lakes, name, fmt):
    athena_sql, duckdb_sql = EQUIVALENT[name]
    expected = hand_written(lakes["parquet"], duckdb_sql)
    assert expected, "the comparison needs rows"
    assert newscrawler("query", athena_sql, "--lake", str(lakes[fmt]), "--format", "json") == 0
    got = [tuple(row.values()) for row in json.loads(capsys.readouterr().out)]
    assert got == [tuple(row) for row in expected]


def test_tables_map_to_the_lake():
    assert to_duckdb("SELECT count(*) FROM awsdatacatalog.news.NewsData") == (
        "SELECT COUNT(*) AS _col0 FROM newsdata"
    )
    assert to_duckdb("SELECT * FROM news.articles", "news.articles") == "SELECT * FROM articles"
    with_cte = "WITH d AS (SELECT date FROM newsdata) SELECT date FROM d"
    assert to_duckdb(with_cte) == with_cte


@pytest.mark.parametrize(
    ("sql", "table", "message"),
    [
        (
            "SELECT * FROM articles",
            "newsdata",
            "table articles does not exist: the lake is newsdata",
        ),
        ("SELECT * FROM other.t", "news.t", "table other.t does not exist: the lake is news.t"),
        ("SELECT 1; SELECT 2", "newsdata", "expected one SQL statement, got 2"),
        ("SELEC date FROM newsdata", "newsdata", "invalid SQL: Invalid expression / Unexpected"),
        ("SELECT (1", "newsdata", "invalid SQL: Expecting ) (line 1, column 9)"),
    ],
)
def test_bad_statements_are_refused_before_running(sql, table, message):
    with pytest.raises(QueryError) as error:
        to_duckdb(sql, table)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("sql", "message", "status"),
    [
        # refused before the lake is read: usage errors
        ("SELEC 1", "invalid SQL: ", 2),
        ("SELECT * FROM articles", "table articles does not exist", 2),
        ("SELECT 'abc", "invalid SQL: ", 2),
        # found by DuckDB as it runs
        ("SELECT nope FROM newsdata", 'Binder Error: Referenced column "nope" not found', 1),
    ],
)
def test_query_errors_are_one_line(capsys, lakes, sql, message, status):
    assert newscrawler("query", sql, "--lake", str(lakes["jsonl"])) == status
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"newscrawler query: error: {message}")


def test_a_lake_without_committed_partitions_is_an_error(capsys, tmp_path):
    write_partition(tmp_path / "lake" / "date=20180101", "parquet", simulated_rows()[DATES[0]])
    for lake in (tmp_path / "lake", tmp_path / "nowhere"):
        assert newscrawler("query", ORIGINAL, "--lake", str(lake)) == 1
        assert capsys.readouterr().err == (
            f"newscrawler query: error: no committed partitions (date=*/_SUCCESS) under {lake}\n"
        )


def upload(lake: Path, bucket: str, prefix: str) -> str:
    s3 = boto3.client("s3")
    for path in lake.rglob("*"):
        if path.is_file():
            key = f"{prefix}/{path.relative_to(lake).as_posix()}"
            s3.put_object(Bucket=bucket, Key=key, Body=path.read_bytes())
    return f"s3://{bucket}/{prefix}"


@pytest.mark.parametrize("fmt", ["parquet", "jsonl.gz"])
def test_a_lake_on_s3(capsys, aws_env, lakes, fmt):
    bucket = f"lake-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    uri = upload(lakes[fmt], bucket, "naver")
    assert newscrawler("query", ORIGINAL, "--lake", uri, "--format", "csv") == 0
    _, *rows = parse_output(capsys.readouterr().out, "csv")
    assert {day: int(count) for day, count in rows} == truth()
    sql = "SELECT count(*) AS n, count(DISTINCT oid || aid) AS k FROM newsdata"
    assert newscrawler("query", sql, "--lake", uri + "/", "--format", "json") == 0
    total = sum(truth().values())
    assert json.loads(capsys.readouterr().out) == [{"n": total, "k": total}]


@pytest.fixture(scope="module")
def crawled_lake(tmp_path_factory):
    """Two dates crawled from the simulator into a gzipped JSON Lines lake."""
    from newscrawler.sim.server import running_simulator

    tmp = tmp_path_factory.mktemp("crawl")
    lake = tmp / "lake"
    settings = {"NEWS_OUTPUT_URI": str(lake), "NEWS_OUTPUT_FORMAT": "jsonl.gz"}
    with running_simulator(seed=SEED, articles_per_day=40) as url:
        expected, items = {}, {}
        for day in ("20180106", "20180108"):
            crawl = run_crawl(tmp, {"NAVER_BASE_URL": url, **settings}, date=day)
            require(crawl["failure"] is None, f"the crawl of {day} failed: {crawl['failure']}")
            expected[day] = len(fetch_json(f"{url}/_sim/articles?date={day}"))
            items[day] = crawl["items"]
    return lake, expected, items


def test_counts_of_a_crawled_lake_equal_the_simulators_truth(capsys, tmp_path, crawled_lake):
    lake, expected, items = crawled_lake
    lakes = {"jsonl.gz": lake}
    for fmt in ("parquet", "jsonl"):  # the same crawl, written by the lake's part writers
        storage = open_storage(str(tmp_path / fmt))
        for day, rows in items.items():
            staged = write_partition(tmp_path / "staging" / fmt / day, fmt, rows)
            storage.publish(day, staged, {"date": day, "format": fmt, "rows": len(rows)})
        lakes[fmt] = tmp_path / fmt
    for fmt, root in lakes.items():
        assert newscrawler("query", ORIGINAL, "--lake", str(root), "--format", "json") == 0
        counted = {row["date"]: row["_col1"] for row in json.loads(capsys.readouterr().out)}
        assert counted == expected, fmt
    shutil.rmtree(tmp_path / "staging")


def test_date_is_a_string_column_as_in_athena(capsys, lakes):
    sql = "SELECT date, count(*) AS n FROM newsdata WHERE date = '20180106' GROUP BY date"
    assert newscrawler("query", sql, "--lake", str(lakes["jsonl"]), "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == [{"date": "20180106", "n": truth()["20180106"]}]


def test_a_lake_that_changed_format_reads_as_one_table(capsys, tmp_path):
    rows = simulated_rows()
    write_lake(tmp_path / "lake", "parquet", {DATES[0]: rows[DATES[0]]})
    write_lake(tmp_path / "lake", "jsonl.gz", {d: rows[d] for d in DATES[1:]}, "20180102")
    assert newscrawler("query", ORIGINAL, "--lake", str(tmp_path / "lake"), "--format", "csv") == 0
    _, *counted = parse_output(capsys.readouterr().out, "csv")
    assert {day: int(count) for day, count in counted} == truth()
