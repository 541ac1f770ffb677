"""What the local engine accepts: Athena's statements, functions and types, nothing of DuckDB's.

DuckDB runs more than Athena does: ``read_csv`` and the other file readers, ``COPY``,
``x::int``, a string compared with a number. A statement that runs locally must run, and mean
the same, on Athena, so these are refused on the parsed statement before DuckDB sees it.
"""

from __future__ import annotations

import difflib
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from newscrawler.query.athena_functions import ATHENA_FUNCTIONS
from newscrawler.query.errors import StatementError

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.tokens import Token

QUERIES = "SELECT, WITH, VALUES or DESCRIBE"


def check_statements(tokens: list[Token]) -> None:
    """Refuse statements that are not queries (``COPY``, ``SET``, ``EXPLAIN``...) and DuckDB's
    ``::`` cast, from the tokens: sqlglot would take some of them as raw text for DuckDB."""
    from sqlglot.tokens import TokenType

    starts = {TokenType.SELECT, TokenType.WITH, TokenType.VALUES, TokenType.DESCRIBE}
    starts |= {TokenType.L_PAREN, TokenType.VAR}  # a word sqlglot does not know: the parser says
    for token, at_start in _with_starts(tokens):
        if at_start and token.token_type not in starts:
            raise StatementError(
                f"the local engine runs queries ({QUERIES}), not {token.text.upper()}"
            )
        if token.token_type == TokenType.DCOLON:
            raise StatementError("x::type is DuckDB's cast, not Athena's: write CAST(x AS type)")


def check_statement_kind(tree: exp.Expr, tokens: list[Token]) -> None:
    """Refuse a parsed statement that is not a query (``INSTALL httpfs``)."""
    from sqlglot import exp

    if not isinstance(tree, exp.Query | exp.Values | exp.Describe):
        word = next(token.text for token, at_start in _with_starts(tokens) if at_start)
        raise StatementError(f"the local engine runs queries ({QUERIES}), not {word.upper()}")


def _with_starts(tokens: list[Token]) -> list[tuple[Token, bool]]:
    """The tokens, each with whether it starts a statement."""
    from sqlglot.tokens import TokenType

    marked, previous = [], None
    for token in tokens:
        if token.text:  # not a marker the Athena tokenizer puts before Hive statements
            marked.append((token, previous is None or previous.token_type == TokenType.SEMICOLON))
            previous = token
    return marked


def non_athena_call(tokens: list[Token]) -> str | None:
    """The first ``name(`` of the tokens that DuckDB knows and Athena does not: why a statement
    sqlglot could not parse (``glob('*')``) fails, better said than sqlglot's message."""
    from sqlglot.tokens import TokenType

    for token, following in pairwise(tokens):
        name = token.text.lower()
        called = following.token_type == TokenType.L_PAREN
        if called and name not in ATHENA_FUNCTIONS and name in duckdb_functions():
            return token.text
    return None


def check_functions(tree: exp.Expr, sql: str, table: str) -> None:
    """Refuse table functions other than UNNEST and functions Athena does not have; name the
    Athena functions the local engine cannot run yet."""
    from sqlglot import exp

    for node, name in _calls(tree, sql):
        lowered = name.lower()
        if isinstance(node.parent, exp.Table) and node.parent.this is node:
            if lowered == "table":
                raise StatementError(
                    "TABLE(...) functions are not supported by the local engine yet"
                )
            raise StatementError(
                f"{name} is not an Athena table function: the local engine reads only the "
                f"lake's table, {table}"
            )
        if lowered not in ATHENA_FUNCTIONS:
            hint = _in_athena(node) if lowered in duckdb_functions() else _did_you_mean(lowered)
            raise StatementError(f"{name} is not an Athena function{hint}")
        # sqlglot passes a function it does not know through to DuckDB under its own name.
        if isinstance(node, exp.Anonymous) and lowered not in duckdb_functions():
            raise StatementError(f"Athena function {name} is not supported by the local engine yet")


def _calls(tree: exp.Expr, sql: str) -> list[tuple[exp.Func, str]]:
    """Each function call of the statement and its name as written, left to right."""
    from sqlglot import exp

    calls = []
    for node in tree.find_all(exp.Func):
        start, end = node.meta.get("start"), node.meta.get("end")
        if start is not None and end is not None:  # syntax such as CAST(...) has no name token
            calls.append((start, node, sql[start : end + 1]))
    return [(node, name) for _, node, name in sorted(calls, key=lambda call: call[0])]


def _in_athena(call: exp.Func) -> str:
    """sqlglot's Athena translation of a DuckDB function call, if it knows one."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ErrorLevel, SqlglotError

    try:
        duckdb_call = sqlglot.parse_one(call.sql("duckdb"), read="duckdb")
        if isinstance(duckdb_call, exp.Anonymous):
            return ""
        translated = duckdb_call.sql("athena", unsupported_level=ErrorLevel.RAISE)
    except SqlglotError:
        return ""
    return f" (try {translated})" if len(translated) <= 100 else ""


def _did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name, ATHENA_FUNCTIONS, n=1, cutoff=0.8)
    return f" (did you mean {close[0]}?)" if close else ""


@cache
def duckdb_functions() -> frozenset[str]:
    """The names of DuckDB's functions and macros."""
    import duckdb

    with duckdb.connect() as connection:
        rows = connection.execute("SELECT DISTINCT function_name FROM duckdb_functions()")
        return frozenset(name.lower() for (name,) in rows.fetchall())


def check_types(tree: exp.Expr, view: str, columns: dict[str, str]) -> None:
    """Refuse comparing a string with a number (``date = 20180101``): Athena has no implicit
    cast between them, where DuckDB would cast the string and answer."""
    from sqlglot.errors import SqlglotError
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify
    from sqlglot.schema import MappingSchema

    schema = MappingSchema({view: columns}, dialect="duckdb")
    try:
        typed = qualify(tree.copy(), schema=schema, dialect="athena", quote_identifiers=False)
        typed = annotate_types(typed, schema=schema, dialect="athena")
    except SqlglotError:  # e.g. an unknown column, which DuckDB reports better
        typed = None
    for left, right in _compared(typed or tree):
        for text, number in ((left, right), (right, left)):
            if _string_and_number(text, number, typed is not None):
                raise StatementError(_mismatch(text, number))


def _compared(tree: exp.Expr) -> list[tuple[exp.Expr, exp.Expr]]:
    """The pairs of values the statement compares."""
    from sqlglot import exp

    pairs: list[tuple[exp.Expr, exp.Expr]] = []
    binary = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ, exp.NullSafeNEQ)
    for node in tree.find_all(*binary, exp.Between, exp.In):
        if isinstance(node, exp.Between):
            pairs += [(node.this, node.args["low"]), (node.this, node.args["high"])]
        elif isinstance(node, exp.In):
            pairs += [(node.this, value) for value in node.expressions]
        else:
            pairs.append((node.left, node.right))
    return pairs


def _string_and_number(text: exp.Expr, number: exp.Expr, typed: bool) -> bool:
    from sqlglot import exp

    if typed:
        return bool(
            text.type
            and number.type
            and text.type.is_type(*exp.DataType.TEXT_TYPES)
            and number.type.is_type(*exp.DataType.NUMERIC_TYPES)
        )
    # Without types (sqlglot could not resolve the statement), the one certain case: the
    # partition column, a string in Athena's table, against a number literal.
    return isinstance(text, exp.Column) and text.name.lower() == "date" and number.is_number


def _mismatch(text: exp.Expr, number: exp.Expr) -> str:
    from sqlglot import exp

    def unqualified(node: exp.Expr) -> exp.Expr:
        return exp.column(node.name) if isinstance(node, exp.Column) else node

    said = text.transform(unqualified).sql("athena")
    value = number.transform(unqualified).sql("athena")
    hint = f"; write '{value}'" if number.is_number else ""
    return (
        f"type mismatch: {said} is a string and {value} a number, which Athena does not "
        f"compare{hint}"
    )
