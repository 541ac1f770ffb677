"""What the crawler would extract from a saved page (``newscrawler extract``)."""

from __future__ import annotations

from pathlib import Path

from newscrawler.pages.datelist import is_date_list_url as is_list_url
from newscrawler.pages.timing import extract_bytes

__all__ = ["extract_file", "is_list_url"]


def extract_file(path: str | Path, url: str) -> dict:
    """The item (article URL) or the listing (date list URL) read from a saved page.

    Raises FileNotFoundError / IsADirectoryError for a bad path and UnknownLayoutError
    when the page is not a layout we know.
    """
    return extract_bytes(Path(path).read_bytes(), url)
