"""The lake's one schema: the article columns every part holds, in file order."""

from __future__ import annotations

import pyarrow as pa

# Data columns, in file order. ``date`` is the partition column: it lives in the path only,
# as Athena requires. Times are ISO 8601 strings with +09:00; ``time`` is
# ``YYYY-MM-DD HH:MM:SS`` (KST), which Athena and DuckDB cast to a timestamp directly.
ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("oid", pa.string(), nullable=False),
        pa.field("aid", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("section", pa.string()),
        pa.field("section_name", pa.string()),
        pa.field("press", pa.string()),
        pa.field("title", pa.string()),
        pa.field("content", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", pa.string()),
        pa.field("modified_at", pa.string()),
        pa.field("time", pa.string()),
        pa.field("crawled_at", pa.string()),
    ]
)
COLUMNS: tuple[str, ...] = tuple(ARTICLE_SCHEMA.names)
