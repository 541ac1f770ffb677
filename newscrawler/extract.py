"""What the crawler would extract from a saved page (``newscrawler extract``)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from newscrawler.pages import DateListPage, UnknownLayoutError, article_page_for, html_response


def is_list_url(url: str) -> bool:
    return urlsplit(url).path.rsplit("/", 1)[-1] in ("list.naver", "list.nhn")


def extract_file(path: str | Path, url: str) -> dict:
    """The item (article URL) or the listing (date list URL) read from a saved page.

    Raises FileNotFoundError / IsADirectoryError for a bad path and UnknownLayoutError
    when the page is not a layout we know.
    """
    response = html_response(url, Path(path).read_bytes())
    if is_list_url(url):
        if not DateListPage.matches(response):
            raise UnknownLayoutError(f"not a Naver date list page: {path}")
        return DateListPage(response).to_dict()
    return asdict(article_page_for(response, url).to_item())
