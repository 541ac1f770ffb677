"""Query results for people and scripts: an aligned table, CSV or JSON."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from newscrawler.query.engine import QueryResult

OUTPUT_FORMATS = ("table", "csv", "json")
# A cell of the aligned table shows at most this many terminal columns.
CELL_WIDTH = 60


def render(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write the result as an aligned ``table``, ``csv`` or ``json`` (a list of objects)."""
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        json.dump(rows, out, ensure_ascii=False, indent=2, default=_json_value)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_text(value, "") for value in row] for row in result.rows)
    else:
        out.write(aligned_table(result))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def _text(value: Any, null: str) -> str:
    if value is None:
        return null
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_json_value)
    return str(value)


def aligned_table(result: QueryResult) -> str:
    """The result as a table for people: one line per row, cells cut at ``CELL_WIDTH``."""
    from rich.cells import cell_len

    cells = [[_cell(value) for value in row] for row in result.rows]
    widths = [
        max([cell_len(name), *(cell_len(row[i]) for row in cells)])
        for i, name in enumerate(result.columns)
    ]
    numeric = [_numeric([row[i] for row in result.rows]) for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        padded = [
            _pad(value, width, right)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return " " + " | ".join(padded).rstrip() + "\n"

    rule = "-" + "-+-".join("-" * width for width in widths) + "-\n"
    body = "".join(line(row) for row in cells)
    count = len(result.rows)
    return line(list(result.columns)) + rule + body + f"({count} row{'s' * (count != 1)})\n"


def _numeric(values: list[Any]) -> bool:
    """Whether a column holds numbers (and NULLs) only: those are right-aligned."""
    present = [value for value in values if value is not None]
    return bool(present) and all(
        isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        for value in present
    )


def _cell(value: Any) -> str:
    from rich.cells import cell_len, set_cell_size

    text = _text(value, "NULL").replace("\r\n", "\n").replace("\n", "↵").replace("\t", " ")
    if cell_len(text) > CELL_WIDTH:
        text = set_cell_size(text, CELL_WIDTH - 1) + "…"
    return text


def _pad(text: str, width: int, right: bool) -> str:
    from rich.cells import cell_len

    space = " " * (width - cell_len(text))
    return space + text if right else text + space
