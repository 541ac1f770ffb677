"""Partition repair: committed partitions only, into Glue (moto) or as ALTER TABLE statements."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, timedelta

import boto3
import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from athena.formats import PARTITION_COLUMNS, storage_descriptor
from athena.repair import (
    ATHENA_QUERY_BYTES,
    RepairError,
    alter_statements,
    committed_partitions,
    create_partitions,
    repair,
)
from newscrawler.lake.storage import open_storage
from newscrawler.lake.writers import PartitionWriter
from tests.support.cli import newscrawler

ROW = {"oid": "001", "aid": "0000000001", "url": "https://n.news.naver.com/mnews/article/001/1"}


def days(first: str, count: int) -> list[str]:
    start = date(int(first[:4]), int(first[4:6]), int(first[6:]))
    return [(start + timedelta(days=n)).strftime("%Y%m%d") for n in range(count)]


def make_lake(uri: str, tmp_path, committed: list[str], uncommitted: list[str], fmt="parquet"):
    """One tiny part per date; ``committed`` dates are published (``_SUCCESS`` last), the
    ``uncommitted`` ones get their part but no marker, like a crawl that died mid-publish."""
    staging = tmp_path / f"staging-{uuid.uuid4().hex}"
    staging.mkdir()
    writer = PartitionWriter(staging, fmt)
    writer.write(ROW)
    files = writer.close()
    storage = open_storage(uri)
    for day in committed:
        if uri.startswith("s3://") or day == committed[0]:
            storage.publish(day, files, {"date": day, "format": fmt, "rows": 1})
        else:  # a copy of a published partition: cheaper than 250 fsynced publishes
            shutil.copytree(storage.root / f"date={committed[0]}", storage.root / f"date={day}")
    for day in uncommitted:
        storage.publish(day, files, {})
        _remove_marker(uri, day)
    return storage


def _remove_marker(uri: str, day: str) -> None:
    if uri.startswith("s3://"):
        bucket, _, prefix = uri[5:].partition("/")
        boto3.client("s3").delete_object(Bucket=bucket, Key=f"{prefix}/date={day}/_SUCCESS")
    else:
        (open_storage(uri).root / f"date={day}" / "_SUCCESS").unlink()


def partition_clauses(statement: str) -> list[tuple[str, str]]:
    """``(date, location)`` of each PARTITION clause, every clause parsed by sqlglot.

    sqlglot 30 models one PARTITION per ``ADD`` (the whole statement parses only as a
    Command), so each clause is parsed as its own ``ALTER TABLE ... ADD`` with the same head.
    """
    sqlglot.parse_one(statement, read="athena", error_level=ErrorLevel.RAISE)
    head, *clauses = statement.split("\n  PARTITION")
    found = []
    for clause in clauses:
        tree = sqlglot.parse_one(f"{head} PARTITION{clause}", read="athena")
        assert isinstance(tree, exp.Alter), clause
        [action] = tree.args["actions"]
        assert isinstance(action, exp.AddPartition)
        assert action.args["exists"]
        [condition] = action.this.expressions
        assert condition.this.name == "date"
        found.append((condition.expression.name, action.args["location"].text("this")))
    return found


def test_one_alter_statement_parses_fully():
    [statement] = alter_statements("db.news", {"20180101": "s3://b/p/date=20180101/"})
    tree = sqlglot.parse_one(statement, read="athena", error_level=ErrorLevel.RAISE)
    assert isinstance(tree, exp.Alter)
    assert tree.this.sql("athena") == "db.news"
    assert partition_clauses(statement) == [("20180101", "s3://b/p/date=20180101/")]


def test_alter_statements_stay_under_athenas_query_limit():
    prefix = "s3://a-bucket-with-a-long-name/" + "deep/" * 190  # S3 keys reach 1,024 bytes
    locations = {day: f"{prefix}date={day}/" for day in days("20000101", 400)}
    statements = alter_statements("news.newsdata", locations)
    assert len(statements) > 1
    for statement in statements:
        assert len((statement + ";").encode()) < ATHENA_QUERY_BYTES
    clauses = [clause for statement in statements for clause in partition_clauses(statement)]
    assert clauses == sorted(locations.items())


def test_alter_statements_split_at_a_small_limit():
    locations = {day: f"s3://b/p/date={day}/" for day in days("20180101", 10)}
    statements = alter_statements("db.news", locations, limit=200)
    assert all(len((s + ";").encode()) < 200 for s in statements)
    assert [c for s in statements for c in partition_clauses(s)] == sorted(locations.items())


@pytest.fixture
def glue(aws_env):
    return boto3.client("glue")


@pytest.fixture
def glue_table(glue):
    """A Glue database and table (parquet, classic partitions) like the DDL creates."""
    database = f"news_{uuid.uuid4().hex[:8]}"
    glue.create_database(DatabaseInput={"Name": database})
    glue.create_table(
        DatabaseName=database,
        TableInput={
            "Name": "newsdata",
            "TableType": "EXTERNAL_TABLE",
            "Parameters": {"classification": "parquet"},
            "StorageDescriptor": storage_descriptor("parquet", "s3://news-lake/naver/"),
            "PartitionKeys": [{"Name": name, "Type": kind} for name, kind in PARTITION_COLUMNS],
        },
    )
    return database


def registered(glue, database: str) -> dict[str, dict]:
    pages = glue.get_paginator("get_partitions").paginate(
        DatabaseName=database, TableName="newsdata"
    )
    return {p["Values"][0]: p["StorageDescriptor"] for page in pages for p in page["Partitions"]}


def test_repair_registers_committed_partitions_100_per_call(tmp_path, glue, glue_table):
    committed, uncommitted = days("20180101", 250), ["20190101", "20190102"]
    lake = make_lake(str(tmp_path / "lake"), tmp_path, committed, uncommitted)
    location = "s3://news-lake/naver/"
    partitions = committed_partitions(lake, location=location)
    assert (partitions.fmt, partitions.uncommitted) == ("parquet", 2)
    batches: list[int] = []
    glue.meta.events.register(
        "provide-client-params.glue.BatchCreatePartition",
        lambda params, **_: batches.append(len(params["PartitionInputList"])),
    )

    assert repair(glue, glue_table, "newsdata", partitions) == 250
    assert batches == [100, 100, 50]
    found = registered(glue, glue_table)
    assert sorted(found) == committed
    for day, descriptor in found.items():
        expected = storage_descriptor("parquet", f"{location}date={day}/")
        assert descriptor["Location"] == expected["Location"]
        assert descriptor["SerdeInfo"] == expected["SerdeInfo"]
        assert descriptor["InputFormat"] == expected["InputFormat"]
        assert descriptor["OutputFormat"] == expected["OutputFormat"]
        assert descriptor["Columns"] == expected["Columns"]

    batches.clear()
    assert repair(glue, glue_table, "newsdata", partitions) == 0
    assert batches == []


def test_partitions_glue_already_has_are_not_errors(tmp_path, glue, glue_table):
    locations = {day: f"s3://news-lake/naver/date={day}/" for day in days("20180101", 5)}
    glue.create_partition(
        DatabaseName=glue_table,
        TableName="newsdata",
        PartitionInput={
            "Values": ["20180102"],
            "StorageDescriptor": storage_descriptor("parquet", locations["20180102"]),
        },
    )
    assert create_partitions(glue, glue_table, "newsdata", "parquet", locations) == 4
    assert sorted(registered(glue, glue_table)) == sorted(locations)


def test_a_table_of_another_format_is_refused(tmp_path, glue, glue_table):
    lake = make_lake(str(tmp_path / "lake"), tmp_path, ["20180101"], [], fmt="jsonl.gz")
    partitions = committed_partitions(lake, location="s3://news-lake/naver/")
    with pytest.raises(RepairError, match=r"the lake holds jsonl\.gz"):
        repair(glue, glue_table, "newsdata", partitions)
    assert registered(glue, glue_table) == {}


def test_format_must_match_the_parts(tmp_path):
    lake = make_lake(str(tmp_path / "lake"), tmp_path, ["20180101"], [], fmt="jsonl")
    with pytest.raises(RepairError, match="holds jsonl parts, not parquet"):
        committed_partitions(lake, "parquet", location="s3://news-lake/naver/")


@pytest.fixture
def s3_lake(aws_env, tmp_path):
    bucket = f"lake-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    make_lake(f"s3://{bucket}/naver", tmp_path, ["20180101", "20180102", "20180103"], ["20180104"])
    return f"s3://{bucket}/naver/"


def test_cli_repairs_an_s3_lake_idempotently(capsys, glue, glue_table, s3_lake):
    table = f"{glue_table}.newsdata"
    assert newscrawler("athena", "repair", "--lake", s3_lake, "--table", table) == 0
    assert capsys.readouterr().out == (
        f"{table}: registered 3 partition(s); 0 already registered, 1 uncommitted skipped\n"
    )
    found = registered(glue, glue_table)
    assert {day: sd["Location"] for day, sd in found.items()} == {
        day: f"{s3_lake}date={day}/" for day in ("20180101", "20180102", "20180103")
    }
    assert newscrawler("athena", "repair", "--lake", s3_lake, "--table", table) == 0
    assert "registered 0 partition(s); 3 already registered" in capsys.readouterr().out


def test_cli_prints_alter_statements(capsys, s3_lake):
    assert newscrawler("athena", "repair", "--lake", s3_lake, "--table", "db.news", "--sql") == 0
    printed = capsys.readouterr().out
    [statement] = [s.strip() for s in printed.split(";") if s.strip()]
    assert partition_clauses(statement) == [
        (day, f"{s3_lake}date={day}/") for day in ("20180101", "20180102", "20180103")
    ]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["--table", "newsdata"], 2, "--table must be database.table to register with Glue"),
        (["--table", "nowhere.newsdata"], 1, "GetTable failed: EntityNotFoundException: "),
    ],
)
def test_cli_errors_are_one_line(capsys, aws_env, s3_lake, argv, status, message):
    assert newscrawler("athena", "repair", "--lake", s3_lake, *argv) == status
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"newscrawler athena repair: error: {message}")


def test_cli_needs_an_s3_location_for_a_local_lake(capsys, tmp_path):
    make_lake(str(tmp_path / "lake"), tmp_path, ["20180101"], [])
    argv = ["athena", "repair", "--lake", str(tmp_path / "lake"), "--table", "db.news", "--sql"]
    assert newscrawler(*argv) == 1
    assert "is not on S3: pass the S3 location" in capsys.readouterr().err
    assert newscrawler(*argv, "--location", "s3://news-lake/naver/") == 0
    assert "LOCATION 's3://news-lake/naver/date=20180101/'" in capsys.readouterr().out


def test_a_lake_of_mixed_formats_is_refused(tmp_path):
    make_lake(str(tmp_path / "lake"), tmp_path, ["20180101"], [], fmt="parquet")
    lake = make_lake(str(tmp_path / "lake"), tmp_path, ["20180102"], [], fmt="jsonl")
    with pytest.raises(RepairError, match="mixes jsonl, parquet parts: a table reads one"):
        committed_partitions(lake, location="s3://news-lake/naver/")
