"""Page objects: everything that reads Naver markup lives here, apart from crawling."""

from newscrawler.pages.article import (
    ArticlePage,
    EntertainArticlePage,
    LegacyArticlePage,
    MobileArticlePage,
    SportsArticlePage,
    UnknownLayoutError,
    article_page_for,
)
from newscrawler.pages.datelist import DateListPage
from newscrawler.pages.encoding import html_response

__all__ = [
    "ArticlePage",
    "DateListPage",
    "EntertainArticlePage",
    "LegacyArticlePage",
    "MobileArticlePage",
    "SportsArticlePage",
    "UnknownLayoutError",
    "article_page_for",
    "html_response",
]
