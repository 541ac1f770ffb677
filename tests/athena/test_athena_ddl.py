"""The Athena table DDL: columns from the lake's schema, SerDe per format, both partition styles."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from athena.ddl import create_table
from athena.formats import storage_descriptor
from newscrawler.lake import ARTICLE_SCHEMA, FORMATS
from newscrawler.lake.writers import PartitionWriter
from tests.support.cli import newscrawler

LOCATION = "s3://news-lake/naver/"
STYLES = {"classic": False, "projection": True}
# Written out by hand, not derived from the code under test.
ATHENA_TYPES = {pa.string(): "STRING", pa.list_(pa.string()): "ARRAY<STRING>"}


def parse(ddl: str) -> exp.Create:
    tree = sqlglot.parse_one(ddl, read="athena", error_level=ErrorLevel.RAISE)
    assert isinstance(tree, exp.Create), f"parsed as {type(tree).__name__}"
    return tree


def columns_of(tree: exp.Create) -> list[tuple[str, str]]:
    return [(c.name, c.args["kind"].sql("hive")) for c in tree.this.expressions]


def properties_of(tree: exp.Create) -> dict[str, str]:
    return {
        p.name: p.text("value")
        for p in tree.args["properties"].expressions
        if type(p) is exp.Property
    }


def find(tree: exp.Create, kind: type[exp.Expr]) -> exp.Expr:
    [found] = [p for p in tree.args["properties"].expressions if isinstance(p, kind)]
    return found


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_statement_parses_as_athena(fmt, style):
    tree = parse(create_table(fmt, LOCATION, "news.newsdata", projection=STYLES[style]))
    assert tree.args["kind"] == "TABLE"
    assert tree.find(exp.ExternalProperty) is not None
    assert tree.this.this.sql("athena") == "news.newsdata"
    assert find(tree, exp.LocationProperty).text("this") == LOCATION


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_are_the_schema_in_file_order(fmt):
    tree = parse(create_table(fmt, LOCATION))
    assert columns_of(tree) == [(f.name, ATHENA_TYPES[f.type]) for f in ARTICLE_SCHEMA]
    [partition] = find(tree, exp.PartitionedByProperty).this.expressions
    assert (partition.name, partition.args["kind"].sql("hive")) == ("date", "STRING")


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_match_what_the_writers_write(tmp_path, fmt):
    writer = PartitionWriter(tmp_path, fmt)
    writer.write({"oid": "001", "aid": "1", "url": "u", "authors": ["a"], "date": "20180101"})
    [part] = writer.close()
    if fmt == "parquet":
        written = pq.read_schema(part.path).names
    else:
        opener = gzip.open if fmt == "jsonl.gz" else open
        with opener(part.path, "rt", encoding="utf-8") as lines:
            written = list(json.loads(lines.readline()))
    assert [name for name, _ in columns_of(parse(create_table(fmt, LOCATION)))] == written


def test_parquet_is_stored_as_parquet():
    tree = parse(create_table("parquet", LOCATION))
    assert find(tree, exp.FileFormatProperty).this.name == "PARQUET"
    assert not tree.find(exp.RowFormatSerdeProperty)


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl.gz"])
def test_json_lines_use_the_openx_serde_like_the_glue_partitions(fmt):
    tree = parse(create_table(fmt, LOCATION))
    serde = find(tree, exp.RowFormatSerdeProperty)
    io = find(tree, exp.FileFormatProperty).this
    descriptor = storage_descriptor(fmt, LOCATION)
    assert serde.text("this") == "org.openx.data.jsonserde.JsonSerDe"
    assert serde.text("this") == descriptor["SerdeInfo"]["SerializationLibrary"]
    assert io.text("input_format") == descriptor["InputFormat"]
    assert io.text("output_format") == descriptor["OutputFormat"]


def test_projection_properties():
    tree = parse(create_table("parquet", LOCATION, projection=True, date_range="20180101,NOW"))
    assert properties_of(tree) == {
        "classification": "parquet",
        "projection.enabled": "true",
        "projection.date.type": "date",
        "projection.date.format": "yyyyMMdd",
        "projection.date.range": "20180101,NOW",
        "projection.date.interval": "1",
        "projection.date.interval.unit": "DAYS",
        "storage.location.template": LOCATION + "date=${date}/",
    }


def test_classic_partitions_have_no_projection():
    tree = parse(create_table("jsonl", LOCATION))
    assert properties_of(tree) == {"classification": "json"}


def test_cli_prints_the_ddl(capsys):
    argv = ["athena", "ddl", "--format", "parquet", "--location", LOCATION, "--table", "db.news"]
    assert newscrawler(*argv, "--projection", "--range", "20200101,NOW-1DAYS") == 0
    printed = capsys.readouterr().out
    assert printed.startswith("CREATE EXTERNAL TABLE IF NOT EXISTS db.news (")
    assert printed.endswith(";\n")
    tree = parse(printed.rstrip().rstrip(";"))
    assert properties_of(tree)["projection.date.range"] == "20200101,NOW-1DAYS"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--location", "s3://news-lake/naver", "location must end with a slash"),
        ("--location", "/data/naver_news/", "location must be s3://bucket/prefix/"),
        ("--range", "2018-01-01,NOW", "range must be"),
        ("--table", "db.news.extra", "table must be name or database.name"),
    ],
)
def test_cli_usage_errors_are_one_line_exit_2(capsys, option, value, message):
    argv = {"--location": LOCATION, option: value}
    with pytest.raises(SystemExit) as exit_:
        newscrawler("athena", "ddl", *[item for pair in argv.items() for item in pair])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"newscrawler athena ddl: error: argument {option}: {message}")


def ddl_usage_error(capsys, *argv: str) -> str:
    """The one error line of ``athena ddl`` with ``argv``, which must exit 2 printing no DDL."""
    try:
        status = newscrawler("athena", "ddl", "--location", LOCATION, *argv)
    except SystemExit as exit_:  # argparse's own checks exit
        status = exit_.code
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    return captured.err.removeprefix("newscrawler athena ddl: error: ").rstrip("\n")


@pytest.mark.parametrize("date_range", ["20180101,NOW", "20180101,20181231"])
def test_a_range_without_projection_is_a_usage_error(capsys, date_range):
    assert ddl_usage_error(capsys, "--range", date_range) == (
        "--range needs --projection: Glue partitions have no date range"
    )


@pytest.mark.parametrize(
    ("date_range", "message"),
    [
        ("20181301,NOW", "range 20181301,NOW: 20181301 is not a date (YYYYMMDD)"),
        ("20180100,NOW", "range 20180100,NOW: 20180100 is not a date (YYYYMMDD)"),
        ("20180101,20180230", "range 20180101,20180230: 20180230 is not a date (YYYYMMDD)"),
        ("20190101,20180101", "range 20190101,20180101 ends before it starts"),
        ("29990101,NOW", "range 29990101,NOW ends before it starts (NOW is "),
        ("29990101,NOW-1YEARS", "range 29990101,NOW-1YEARS ends before it starts (NOW-1YEARS is "),
        ("20180101,NOW-7DAY", "range must be YYYYMMDD,YYYYMMDD or YYYYMMDD,NOW, got"),
        ("20180101,", "range must be YYYYMMDD,YYYYMMDD or YYYYMMDD,NOW, got"),
    ],
)
def test_bad_ranges_are_refused(capsys, date_range, message):
    said = ddl_usage_error(capsys, "--projection", "--range", date_range)
    assert said.startswith(f"argument --range: {message}")


@pytest.mark.parametrize(
    "date_range",
    ["20180101,20180101", "20200229,NOW", "20000101,NOW-3YEARS", "20180101,NOW+1MONTHS"],
)
def test_good_ranges_are_projected(capsys, date_range):
    argv = ["--location", LOCATION, "--projection", "--range", date_range]
    assert newscrawler("athena", "ddl", *argv) == 0
    tree = parse(capsys.readouterr().out.rstrip().rstrip(";"))
    assert properties_of(tree)["projection.date.range"] == date_range


def test_projection_without_range_projects_the_default(capsys):
    assert newscrawler("athena", "ddl", "--location", LOCATION, "--projection") == 0
    tree = parse(capsys.readouterr().out.rstrip().rstrip(";"))
    assert properties_of(tree)["projection.date.range"] == "20180101,NOW"


def test_the_cli_offers_the_lakes_formats(capsys):
    with pytest.raises(SystemExit):
        newscrawler("athena", "ddl", "--help")
    assert "{" + ",".join(FORMATS) + "}" in capsys.readouterr().out
