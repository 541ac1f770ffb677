"""Which page object reads a page: every article layout, tried in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.pages.base import ArticlePage, UnknownLayoutError
from newscrawler.pages.document import Document
from newscrawler.pages.encoding import fix_encoding, page_source
from newscrawler.pages.entertain import EntertainArticlePage
from newscrawler.pages.mnews_2022 import Mnews2022ArticlePage
from newscrawler.pages.mnews_2023 import Mnews2023ArticlePage
from newscrawler.pages.read_naver import ReadNaverArticlePage
from newscrawler.pages.sports import SportsArticlePage

if TYPE_CHECKING:
    from scrapy.http import TextResponse

ARTICLE_PAGES: tuple[type[ArticlePage], ...] = (
    Mnews2023ArticlePage,
    Mnews2022ArticlePage,
    ReadNaverArticlePage,
    SportsArticlePage,
    EntertainArticlePage,
)
#: The article layouts' names, newest first.
LAYOUTS: tuple[str, ...] = tuple(page.layout for page in ARTICLE_PAGES)
_ANY_MARKER = ", ".join(page.marker for page in ARTICLE_PAGES)


def article_page_for(response: TextResponse, url: str | None = None) -> ArticlePage:
    """The page object for ``response``; UnknownLayoutError when no layout matches.

    The layout is the one whose marker comes first in the page: one pass over the tree
    finds it, however many layouts there are.
    """
    response = fix_encoding(response)
    document = Document(page_source(response))
    node = document.first(_ANY_MARKER)
    for page in ARTICLE_PAGES if node is not None else ():
        if node.css_matches(page.marker):
            return page(response, url, document)
    raise UnknownLayoutError(f"unknown article layout at {url or response.url}")
