"""How long reading a saved page takes, beside the time just to parse it.

``extraction_times`` is what the benchmark and docs/perf/ report: the median time of
extraction (decoding, parsing, every field) and the median parse-only floor (the least any
extraction must do: turn the bytes into a tree, with the fastest parser measured), measured
interleaved so that both see the same machine load.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from newscrawler.pages.base import UnknownLayoutError
from newscrawler.pages.datelist import DateListPage, is_date_list_url
from newscrawler.pages.encoding import html_response
from newscrawler.pages.layouts import article_page_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from newscrawler.items import ArticleItem


def extract_bytes(body: bytes, url: str) -> dict:
    """What the crawler reads from ``body`` fetched from ``url``: the item or the listing.

    Raises UnknownLayoutError when the page is not a layout we know.
    """
    read = read_page(body, url)
    return read if isinstance(read, dict) else asdict(read)


def read_page(body: bytes, url: str) -> ArticleItem | dict:
    """The article item, or a date list's listing, as the crawler reads it."""
    response = html_response(url, body)
    if is_date_list_url(url):
        listing = DateListPage(response)
        if not listing.is_date_list():
            raise UnknownLayoutError(f"not a Naver date list page: {url}")
        return listing.to_dict()
    return article_page_for(response, url).to_item()


def parse_floors(body: bytes, encoding: str) -> dict[str, Callable[[], object]]:
    """Bytes to tree, with each parser installed, each the fastest way it offers."""
    utf8 = encoding.replace("-", "").lower() == "utf8"
    floors: dict[str, Callable[[], object]] = {
        "selectolax": (
            (lambda: LexborHTMLParser(body))
            if utf8
            else (lambda: LexborHTMLParser(body.decode(encoding, "replace")))
        )
    }
    try:  # optional: the fastest parse measured so far, though slow to query
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return floors
    floors["resiliparse"] = lambda: HTMLTree.parse(body.decode(encoding, "replace"))
    return floors


def extraction_times(path: str | Path, url: str, repeats: int = 30) -> tuple[float, float]:
    """``(extract_ms_median, parse_floor_ms_median)`` for the saved page at ``path``.

    ``url`` is the Naver URL the page was fetched from (it decides list or article). The
    floor is the lowest median among ``parse_floors``. Every repeat runs each measurement
    once, in an order that rotates; one untimed run of each comes first.
    """
    times = measure(Path(path).read_bytes(), url, repeats)
    extract = times.pop("extract")
    return extract, min(times.values())


def measure(body: bytes, url: str, repeats: int = 30) -> dict[str, float]:
    """Median milliseconds of ``extract`` and of each parser's floor, interleaved."""
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, not {repeats}")
    runs = {
        "extract": lambda: read_page(body, url),
        **parse_floors(body, html_response(url, body).encoding),
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for name in order:
        runs[name]()
    gc.collect()
    for repeat in range(repeats):
        for name in order[repeat % len(order) :] + order[: repeat % len(order)]:
            start = time.thread_time()
            runs[name]()
            samples[name].append((time.thread_time() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}
