"""A parsed HTML page and the few queries page objects ask of it.

Parsed by Lexbor through selectolax: on the captured pages it builds the tree in about half
of lxml's time, straight from UTF-8 bytes, and its CSS engine and node access run in C
(measurements in docs/perf/extraction.md).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from newscrawler.pages.text import clean_inline

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selectolax.lexbor import LexborNode

logger = logging.getLogger(__name__)

# The HTML5 tree builder walks the open elements on every block start tag, so nesting such
# tags n deep costs n^2: 100,000 nested <div>s took 28 s to parse (30,000: 2 s). Real pages
# hold at most ~7,000 tags in all, so only a page with far more is scanned, and block tags
# nested deeper than a browser would (Blink stops at 512) are dropped before parsing.
_SCAN_ABOVE_TAGS = 20_000
MAX_BLOCK_DEPTH = 4096
_BLOCK_TAG = re.compile(
    rb"<(/?)(?:div|section|article|aside|blockquote|ul|ol|dl|nav|header|footer|main|fieldset"
    rb"|figure|details|center)\b[^>]*>",
    re.IGNORECASE,
)


class Document:
    """The element tree of one page, from its text or its UTF-8 bytes."""

    def __init__(self, source: bytes | str) -> None:
        if isinstance(source, str):
            source = source.encode("utf-8", "surrogatepass")
        if source.count(b"<") > _SCAN_ABOVE_TAGS:
            source = flatten_deep_nesting(source)
        self.tree = LexborHTMLParser(source)
        self.root: LexborHTMLParser | LexborNode = self.tree

    def region(self, selector: str) -> Document:
        """The same queries, answered inside the first ``selector`` match only (cheaper than
        the whole page); the whole page when nothing matches."""
        node = self.tree.css_first(selector)
        if node is None:
            return self
        region = object.__new__(Document)
        region.tree, region.root = self.tree, node
        return region

    @property
    def source(self) -> bytes:
        """The page as the UTF-8 bytes that were parsed."""
        return self.tree.raw_html

    def css(self, selector: str) -> list[LexborNode]:
        """Every element matching ``selector``, in document order."""
        return self.root.css(selector)

    def first(self, selector: str) -> LexborNode | None:
        """The first element matching ``selector``, or None."""
        return self.root.css_first(selector)

    def text(self, selector: str) -> str | None:
        """The text of every match, joined and whitespace-collapsed; None when empty."""
        return clean_inline(" ".join(self.texts(selector)))

    def texts(self, selector: str) -> list[str]:
        """The whole text of each match (scripts and styles included, comments not)."""
        return [node.text() for node in self.css(selector)]

    def own_texts(self, selector: str) -> Iterator[str]:
        """The text nodes directly inside each match (CSS ``::text``)."""
        for node in self.css(selector):
            yield from own_texts(node)

    def attr(self, selector: str, name: str) -> str | None:
        """``name`` of the first match that has it (CSS ``::attr(name)``).

        ``selector`` is one simple selector (no commas), so the match can stop at the first.
        """
        node = self.root.css_first(f"{selector}[{name}]")
        return node.attrs.get(name) if node is not None else None

    def meta(self, prop: str) -> str | None:
        """The content of ``<meta property=prop>``, whitespace-collapsed."""
        return clean_inline(self.attr(f'meta[property="{prop}"]', "content"))

    def search(self, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
        """``pattern`` searched in the page's bytes: cheaper than walking every script."""
        return pattern.search(self.source)


def own_texts(node: LexborNode) -> Iterator[str]:
    """The text nodes directly inside ``node``."""
    child = node.child
    while child is not None:
        if child.is_text_node:
            yield child.text_content or ""
        child = child.next


def flatten_deep_nesting(source: bytes, limit: int = MAX_BLOCK_DEPTH) -> bytes:
    """``source`` without the block tags nested more than ``limit`` deep (their text stays)."""
    kept: list[bytes] = []
    depth = start = dropped = 0
    for tag in _BLOCK_TAG.finditer(source):
        closing = bool(tag.group(1))
        if (depth + (not closing)) > limit:
            kept.append(source[start : tag.start()])
            start = tag.end()
            dropped += 1
        depth = max(depth - 1, 0) if closing else depth + 1
    if not dropped:
        return source
    logger.warning("dropped %d block tags nested over %d deep", dropped, limit)
    kept.append(source[start:])
    return b"".join(kept)
