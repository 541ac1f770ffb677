"""Page objects: everything that reads Naver markup lives here, apart from crawling.

One class per layout, one method per field, ``to_item()`` for the article item.
"""

from newscrawler.pages.base import ArticlePage, UnknownLayoutError
from newscrawler.pages.datelist import DateListPage
from newscrawler.pages.encoding import html_response
from newscrawler.pages.entertain import EntertainArticlePage
from newscrawler.pages.layouts import ARTICLE_PAGES, LAYOUTS, article_page_for
from newscrawler.pages.mnews_2022 import Mnews2022ArticlePage
from newscrawler.pages.mnews_2023 import Mnews2023ArticlePage
from newscrawler.pages.read_naver import ReadNaverArticlePage
from newscrawler.pages.sports import SportsArticlePage

__all__ = [
    "ARTICLE_PAGES",
    "LAYOUTS",
    "ArticlePage",
    "DateListPage",
    "EntertainArticlePage",
    "Mnews2022ArticlePage",
    "Mnews2023ArticlePage",
    "ReadNaverArticlePage",
    "SportsArticlePage",
    "UnknownLayoutError",
    "article_page_for",
    "html_response",
]
