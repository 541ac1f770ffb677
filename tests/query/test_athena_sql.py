"""The local engine runs Athena's SQL only: what Athena would refuse is refused, in one line."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newscrawler.query.athena_functions import ATHENA_FUNCTIONS
from newscrawler.query.athena_sql import duckdb_functions
from newscrawler.query.engine import QueryError, _duckdb_message, to_duckdb
from tests.support.cli import newscrawler
from tests.support.lakes import simulated_rows, write_lake


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return write_lake(tmp_path_factory.mktemp("athena_sql") / "lake", "parquet", simulated_rows())


def refused(capsys, lake: Path, sql: str) -> str:
    """The one error line of ``newscrawler query sql``, which must be a usage error."""
    assert newscrawler("query", sql, "--lake", str(lake)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    prefix = "newscrawler query: error: "
    assert captured.err.startswith(prefix)
    return captured.err[len(prefix) : -1]


# DuckDB's readers of files and of its own catalog, which Athena does not have.
TABLE_FUNCTIONS = {
    "SELECT * FROM read_csv('/etc/passwd')": "read_csv",
    "SELECT * FROM read_csv_auto('/etc/passwd')": "read_csv_auto",
    "SELECT * FROM read_parquet('x.parquet')": "read_parquet",
    "SELECT * FROM read_json('x.json')": "read_json",
    "SELECT * FROM read_json_auto('x.json')": "read_json_auto",
    "SELECT * FROM parquet_scan('x.parquet')": "parquet_scan",
    "SELECT * FROM sniff_csv('/etc/passwd')": "sniff_csv",
    "SELECT * FROM Read_Text('/etc/hostname')": "Read_Text",
    "SELECT * FROM duckdb_settings()": "duckdb_settings",
    "SELECT * FROM range(3)": "range",
    "SELECT n.date, f.* FROM newsdata AS n CROSS JOIN read_csv('/etc/passwd') AS f": "read_csv",
}


@pytest.mark.parametrize("sql", TABLE_FUNCTIONS)
def test_table_functions_are_refused_by_name(capsys, lake, sql):
    name = TABLE_FUNCTIONS[sql]
    assert refused(capsys, lake, sql) == (
        f"{name} is not an Athena table function: the local engine reads only the lake's "
        "table, newsdata"
    )


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT read_text('/etc/hostname')", "read_text is not an Athena function"),
        ("SELECT * FROM glob('/etc/*')", "glob is not an Athena function"),
        ("SELECT cont(*) FROM newsdata", "cont is not an Athena function (did you mean count?)"),
        # DuckDB's functions, with sqlglot's Athena translation as a hint
        ("SELECT list_value(1, 2)", "list_value is not an Athena function (try ARRAY[1, 2])"),
        (
            "SELECT approx_count_distinct(press) FROM newsdata",
            "approx_count_distinct is not an Athena function (try APPROX_DISTINCT(press))",
        ),
        (
            "SELECT date FROM newsdata WHERE regexp_matches(title, 'a')",
            "regexp_matches is not an Athena function (try REGEXP_LIKE(title, 'a'))",
        ),
        (
            "SELECT strftime(now(), '%Y')",
            "strftime is not an Athena function (try DATE_FORMAT(CURRENT_TIMESTAMP, '%Y'))",
        ),
    ],
)
def test_functions_athena_does_not_have_are_refused(capsys, lake, sql, message):
    assert refused(capsys, lake, sql) == message


@pytest.mark.parametrize(
    ("sql", "name"),
    [
        ("SELECT format_datetime(now(), 'yyyy-MM-dd')", "format_datetime"),
        ("SELECT any_match(authors, a -> a = 'x') FROM newsdata", "any_match"),
        ("SELECT count(*) FROM newsdata WHERE word_stem(title) = 'a'", "word_stem"),
    ],
)
def test_athena_functions_the_engine_lacks_are_named(capsys, lake, sql, name):
    message = refused(capsys, lake, sql)
    assert message == f"Athena function {name} is not supported by the local engine yet"
    assert "did you mean" not in message.lower()


@pytest.mark.parametrize(
    ("sql", "word"),
    [
        ("COPY newsdata TO '{out}'", "COPY"),
        ("SELECT 1; COPY newsdata TO '{out}'", "COPY"),
        ("INSTALL httpfs", "INSTALL"),
        ("LOAD httpfs", "LOAD"),
        ("SET threads = 1", "SET"),
        ("PRAGMA version", "PRAGMA"),
        ("CREATE TABLE copied AS SELECT * FROM newsdata", "CREATE"),
        ("EXPLAIN SELECT 1", "EXPLAIN"),
        ("SHOW TABLES", "SHOW"),
        ("FROM newsdata SELECT date", "FROM"),
    ],
)
def test_only_queries_run(capsys, lake, tmp_path, sql, word):
    out = tmp_path / "copied.csv"
    assert refused(capsys, lake, sql.format(out=out)) == (
        f"the local engine runs queries (SELECT, WITH, VALUES or DESCRIBE), not {word}"
    )
    assert not out.exists()


def test_duckdbs_cast_is_refused(capsys, lake):
    assert refused(capsys, lake, "SELECT date::integer FROM newsdata") == (
        "x::type is DuckDB's cast, not Athena's: write CAST(x AS type)"
    )


@pytest.mark.parametrize(
    ("sql", "said", "number"),
    [
        ("SELECT count(*) FROM newsdata WHERE date = 20180105", "date", "20180105"),
        ("SELECT count(*) FROM newsdata WHERE 20180105 <= date", "date", "20180105"),
        ("SELECT count(*) FROM newsdata n WHERE n.date <> -1", "date", "-1"),
        ("SELECT count(*) FROM newsdata WHERE date BETWEEN '20180101' AND 20180106", "date",
         "20180106"),
        ("SELECT count(*) FROM newsdata WHERE date IN ('20180105', 20180106)", "date", "20180106"),
        ("SELECT date FROM newsdata GROUP BY date HAVING date > 2018", "date", "2018"),
        ("SELECT count(*) FROM db.newsdata WHERE section = 100", "section", "100"),
        ("SELECT count(*) FROM newsdata WHERE substr(date, 1, 4) = 2018.0", "SUBSTR(date, 1, 4)",
         "2018.0"),
        ("SELECT * FROM (SELECT date AS day FROM newsdata) WHERE day = 20180105", "day",
         "20180105"),
        ("SELECT a FROM newsdata CROSS JOIN UNNEST(authors) AS t(a) WHERE a = 1", "a", "1"),
        ("SELECT nope FROM newsdata WHERE date = 20180105", "date", "20180105"),
    ],
)  # fmt: skip
def test_a_string_compared_with_a_number_is_a_type_error(capsys, lake, sql, said, number):
    assert refused(capsys, lake, sql) == (
        f"type mismatch: {said} is a string and {number} a number, which Athena does not "
        f"compare; write '{number}'"
    )


def test_a_string_compared_with_a_numeric_expression_says_so():
    with pytest.raises(QueryError) as error:
        to_duckdb("SELECT count(*) FROM newsdata WHERE date = cardinality(authors)")
    assert str(error.value) == (
        "type mismatch: date is a string and CARDINALITY(authors) a number, which Athena "
        "does not compare"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) FROM newsdata WHERE date = '20180105'",
        "SELECT count(*) FROM newsdata WHERE CAST(date AS integer) = 20180105",
        "WITH d AS (SELECT CAST(date AS integer) AS date FROM newsdata) "
        "SELECT count(*) FROM d WHERE date = 20180105",
        "SELECT count(*) FROM newsdata WHERE cardinality(authors) = 1 AND length(date) = 8",
        "SELECT count(*) FROM newsdata WHERE day_of_week(date_parse(date, '%Y%m%d')) < 6",
        "SELECT count(*) FROM newsdata WHERE date IN (SELECT max(date) FROM newsdata)",
        "SELECT count(*) FROM newsdata WHERE title LIKE '%::%'",
    ],
)
def test_what_athena_accepts_still_runs(capsys, lake, sql):
    assert newscrawler("query", sql, "--lake", str(lake), "--format", "json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert isinstance(row["_col0"], int)


def test_the_date_column_compares_as_a_string(capsys, lake):
    sql = "SELECT count(*) AS n FROM newsdata WHERE date BETWEEN '20180105' AND '20180106'"
    assert newscrawler("query", sql, "--lake", str(lake), "--format", "json") == 0
    rows = simulated_rows()
    assert json.loads(capsys.readouterr().out) == [{"n": len(rows["20180105"] + rows["20180106"])}]


def test_describe_reads_the_lakes_columns(capsys, lake):
    assert newscrawler("query", "DESCRIBE newsdata", "--lake", str(lake), "--format", "json") == 0
    columns = [row["column_name"] for row in json.loads(capsys.readouterr().out)]
    assert columns[-1] == "date" and "authors" in columns


def test_the_function_list_knows_what_the_equivalence_tests_use():
    used = {"date_format", "date_parse", "day_of_week", "from_iso8601_timestamp", "hour"}
    used |= {"date_diff", "approx_distinct", "count_if", "regexp_like", "cardinality", "count"}
    assert used <= ATHENA_FUNCTIONS
    # DuckDB-only names must not slip in: each of these would read files or the catalog.
    assert not {"read_csv", "read_parquet", "read_json", "glob", "read_text"} & ATHENA_FUNCTIONS
    assert {"read_csv", "glob", "strftime"} <= duckdb_functions()


def test_refusals_come_before_the_lake_is_read(capsys, tmp_path):
    nowhere = tmp_path / "nowhere"
    assert refused(capsys, nowhere, "SELECT * FROM read_csv('x.csv')").startswith(
        "read_csv is not an Athena table function"
    )
    assert refused(capsys, nowhere, "SELECT 1 FROM newsdata WHERE date = 1").startswith(
        "type mismatch: date is a string"
    )


def test_duckdbs_guesses_never_reach_the_user():
    # A translation DuckDB lacks, found only as it runs: its own "did you mean" is dropped.
    with pytest.raises(duckdb.Error) as error:
        duckdb.connect().execute("SELECT format_datetime(now(), 'yyyy')")
    assert "Did you mean" in str(error.value)
    assert _duckdb_message(error.value) == "the local engine does not support format_datetime yet"
