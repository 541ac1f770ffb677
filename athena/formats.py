"""How Athena and Glue read each lake format: SerDe, input/output formats, column types.

The column list comes from ``newscrawler.lake.ARTICLE_SCHEMA``, the schema the writers use,
so the table and the files cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from newscrawler.lake import ARTICLE_SCHEMA, PARTITION_KEY, check_format


@dataclass(frozen=True)
class TableFormat:
    """What a Hive table over one lake format needs."""

    template: str
    classification: str
    serde: str
    input_format: str
    output_format: str
    serde_parameters: dict[str, str] = field(default_factory=dict)


PARQUET = TableFormat(
    template="parquet.sql",
    classification="parquet",
    serde="org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
    input_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    output_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
)
# One table format for both JSON Lines flavours: Hadoop's text input picks the gzip codec
# from the ``.gz`` extension, file by file.
JSON_LINES = TableFormat(
    template="jsonl.sql",
    classification="json",
    serde="org.openx.data.jsonserde.JsonSerDe",
    input_format="org.apache.hadoop.mapred.TextInputFormat",
    output_format="org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    serde_parameters={"ignore.malformed.json": "false"},
)
TABLE_FORMATS: dict[str, TableFormat] = {
    "parquet": PARQUET,
    "jsonl": JSON_LINES,
    "jsonl.gz": JSON_LINES,
}


def table_format(fmt: str) -> TableFormat:
    """The table format for a lake format name (ValueError for an unknown one)."""
    return TABLE_FORMATS[check_format(fmt)]


def hive_type(dtype: pa.DataType) -> str:
    """The Hive/Athena DDL type of an Arrow type used in the lake."""
    if pa.types.is_string(dtype):
        return "string"
    if pa.types.is_list(dtype):
        return f"array<{hive_type(dtype.value_type)}>"
    raise TypeError(f"no Athena type for Arrow type {dtype}")


def columns(schema: pa.Schema = ARTICLE_SCHEMA) -> list[tuple[str, str]]:
    """``(name, athena type)`` for each data column, in file order."""
    return [(f.name, hive_type(f.type)) for f in schema]


PARTITION_COLUMNS: list[tuple[str, str]] = [(PARTITION_KEY, "string")]


def storage_descriptor(fmt: str, location: str) -> dict[str, Any]:
    """A Glue ``StorageDescriptor`` for a table or partition of format ``fmt`` at ``location``."""
    spec = table_format(fmt)
    return {
        "Columns": [{"Name": name, "Type": kind} for name, kind in columns()],
        "Location": location,
        "InputFormat": spec.input_format,
        "OutputFormat": spec.output_format,
        "Compressed": fmt == "jsonl.gz",
        "SerdeInfo": {
            "SerializationLibrary": spec.serde,
            "Parameters": dict(spec.serde_parameters),
        },
        "StoredAsSubDirectories": False,
    }
