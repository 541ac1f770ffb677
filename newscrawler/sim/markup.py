"""Page markup from template files, and bodies that gzip without recompressing furniture.

Templates live in ``templates/<page kind>/*.html`` (package data) and use
`string.Template` syntax: ``${name}`` is a slot, ``$$`` a dollar sign. A page template is
split once into its literal chunks, each encoded and (on first use) deflated once, so
serving a 250 KB page costs the work of its few changing parts only.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from string import Template

_LEVEL = 6
# Chunks shorter than this are deflated with the request's own bytes: a segment of its
# own costs a compressor and a flush marker, more than recompressing a few KB.
_SEGMENT_MIN = 4096
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, no mtime, unknown OS
_FINAL_BLOCK = b"\x03\x00"  # an empty final deflate block


class Chunk:
    """Bytes served unchanged by many pages; deflated once, when first gzipped."""

    __slots__ = ("_deflated", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._deflated: bytes | None = None

    def deflated(self) -> bytes:
        """A raw deflate segment of ``raw`` that ends on a byte boundary (sync flush)."""
        if self._deflated is None:
            self._deflated = _deflate(self.raw)
        return self._deflated


Part = bytes | Chunk


class Body:
    """A response body as parts: constant chunks and bytes written for this request."""

    __slots__ = ("parts",)

    def __init__(self, parts: Iterable[Part]) -> None:
        self.parts = tuple(parts)

    @classmethod
    def of(cls, data: bytes) -> Body:
        return cls((data,))

    def raw(self) -> bytes:
        """The whole body, uncompressed."""
        return b"".join(p.raw if isinstance(p, Chunk) else p for p in self.parts)

    def gzip(self) -> bytes:
        """The body as one gzip member; constant chunks reuse their cached deflate."""
        segments: list[bytes] = []
        pending: list[bytes] = []
        crc = size = 0
        for part in self.parts:
            data = part.raw if isinstance(part, Chunk) else part
            crc = zlib.crc32(data, crc)
            size += len(data)
            if isinstance(part, Chunk) and len(data) >= _SEGMENT_MIN:
                if pending:
                    segments.append(_deflate(b"".join(pending)))
                    pending = []
                segments.append(part.deflated())
            else:
                pending.append(data)
        if pending:
            segments.append(_deflate(b"".join(pending)))
        trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
        return b"".join((_GZIP_HEADER, *segments, _FINAL_BLOCK, trailer))


def _deflate(data: bytes) -> bytes:
    # A sync flush ends the segment on a byte boundary without a final block, so
    # independently deflated segments concatenate into one valid deflate stream.
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _text(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


@cache
def fragment(name: str) -> Template:
    """A small template (an item, a link) filled with ``substitute`` into text."""
    return Template(_text(name))


class PageTemplate:
    """A whole page: literal chunks in one encoding, with ``${name}`` slots between."""

    def __init__(self, text: str, encoding: str) -> None:
        self.encoding = encoding
        self._layout: list[Chunk | str] = []  # literal chunks and slot names
        literal: list[str] = []
        start = 0
        for match in Template.pattern.finditer(text):
            literal.append(text[start : match.start()])
            start = match.end()
            if match.group("escaped") is not None:
                literal.append("$")
                continue
            name = match.group("named") or match.group("braced")
            if name is None:
                raise ValueError(f"bad placeholder in template at {match.start()}")
            self._layout.append(self._chunk(literal))
            self._layout.append(name)
            literal = []
        literal.append(text[start:])
        self._layout.append(self._chunk(literal))
        self.slots = frozenset(p for p in self._layout if isinstance(p, str))

    def _chunk(self, literal: list[str]) -> Chunk:
        return Chunk("".join(literal).encode(self.encoding, "xmlcharrefreplace"))

    def render(self, values: Mapping[str, str | Part]) -> Body:
        """The page with every slot filled: text is encoded, chunks and bytes kept."""
        parts: list[Part] = []
        for piece in self._layout:
            if isinstance(piece, Chunk):
                parts.append(piece)
                continue
            value = values[piece]
            if isinstance(value, str):
                value = value.encode(self.encoding, "xmlcharrefreplace")
            parts.append(value)
        return Body(parts)


@cache
def page(name: str, encoding: str = "utf-8") -> PageTemplate:
    """The page template ``name`` (a path under ``templates/``) for ``encoding``."""
    return PageTemplate(_text(name), encoding)


def chunk(text: str, encoding: str = "utf-8") -> Chunk:
    """Text served by many pages (an aside of one date), encoded once."""
    return Chunk(text.encode(encoding, "xmlcharrefreplace"))
