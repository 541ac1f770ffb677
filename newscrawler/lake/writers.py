"""Part writers: stream rows of one date into numbered part files in local staging."""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING, Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from newscrawler.lake.layout import check_format, part_name
from newscrawler.lake.protocol import StagedFile
from newscrawler.lake.schema import ARTICLE_SCHEMA, COLUMNS

if TYPE_CHECKING:
    from pathlib import Path


# Codecs whose level can be set; the others take none.
LEVELLED_CODECS = frozenset({"zstd", "gzip", "brotli"})


def check_parquet_options(compression: str, level: int | None) -> None:
    """ValueError when pyarrow would refuse this codec and level."""
    try:
        pq.ParquetWriter(
            pa.BufferOutputStream(),
            ARTICLE_SCHEMA,
            compression=compression,
            compression_level=level if compression in LEVELLED_CODECS else None,
        ).close()
    except (ValueError, OSError, pa.ArrowException) as error:
        raise ValueError(f"Parquet codec {compression} at level {level}: {error}") from None


class ParquetPart:
    """One Parquet part; rows are buffered per row group, so memory stays bounded."""

    def __init__(
        self, path: Path, compression: str, row_group_rows: int, level: int | None = None
    ) -> None:
        self.writer = pq.ParquetWriter(
            path,
            ARTICLE_SCHEMA,
            compression=compression,
            compression_level=level if compression in LEVELLED_CODECS else None,
        )
        self.row_group_rows = row_group_rows
        self.buffer: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= self.row_group_rows:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.Table.from_pylist(self.buffer, schema=ARTICLE_SCHEMA))
            self.buffer = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


class JsonLinesPart:
    """One JSON Lines part (UTF-8, Hangul unescaped), optionally gzip-compressed."""

    def __init__(self, path: Path, gzip_level: int | None) -> None:
        raw = path.open("wb")
        self.file: BinaryIO = (
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=gzip_level, mtime=0)  # type: ignore[assignment]
            if gzip_level is not None
            else raw
        )
        self.raw = raw

    def write(self, row: dict[str, Any]) -> None:
        line = json.dumps({name: row.get(name) for name in COLUMNS}, ensure_ascii=False)
        self.file.write(line.encode("utf-8") + b"\n")

    def close(self) -> None:
        self.file.close()
        self.raw.close()


class PartitionWriter:
    """Rows of one date into ``part-00000.ext``, ``part-00001.ext``, ... in ``directory``."""

    def __init__(
        self,
        directory: Path,
        fmt: str,
        *,
        rows_per_part: int = 250_000,
        parquet_compression: str = "zstd",
        parquet_compression_level: int | None = 9,
        row_group_rows: int = 2000,
        gzip_level: int = 6,
    ) -> None:
        self.directory, self.fmt = directory, check_format(fmt)
        self.rows_per_part = rows_per_part
        self.parquet_compression, self.row_group_rows = parquet_compression, row_group_rows
        self.parquet_compression_level = parquet_compression_level
        self.gzip_level = gzip_level
        self.files: list[StagedFile] = []
        self.part: ParquetPart | JsonLinesPart | None = None
        self.rows = 0

    def write(self, row: dict[str, Any]) -> None:
        if self.part is None:
            self.part = self._open(len(self.files))
        self.part.write({name: row.get(name) for name in COLUMNS})
        self.rows += 1
        if self.rows >= self.rows_per_part:
            self._close_part()

    def close(self) -> list[StagedFile]:
        """Finish the open part; the staged files, in order."""
        self._close_part()
        return self.files

    def _open(self, index: int) -> ParquetPart | JsonLinesPart:
        path = self.directory / part_name(index, self.fmt)
        if self.fmt == "parquet":
            return ParquetPart(
                path,
                self.parquet_compression,
                self.row_group_rows,
                self.parquet_compression_level,
            )
        return JsonLinesPart(path, self.gzip_level if self.fmt == "jsonl.gz" else None)

    def _close_part(self) -> None:
        if self.part is None:
            return
        self.part.close()
        name = part_name(len(self.files), self.fmt)
        path = self.directory / name
        self.files.append(StagedFile(path, name, self.rows, path.stat().st_size))
        self.part, self.rows = None, 0
