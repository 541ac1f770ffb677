"""The entertainment article: ``entertain.naver.com/read?oid=..&aid=..``, where they redirect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.pages.base import ArticlePage
from newscrawler.pages.text import clean_inline

if TYPE_CHECKING:
    from datetime import datetime


class EntertainArticlePage(ArticlePage):
    """Title ``h2.end_tit``, body ``#articeBody`` (sic: Naver's id)."""

    layout = "entertain"
    marker = "#articeBody"

    def title(self) -> str | None:
        return self.document.text("h2.end_tit")

    def press(self) -> str | None:
        logo = self.document.attr("div.press_logo img", "title")
        return clean_inline(logo) or self._meta_part("og:article:author", 0)

    def authors(self) -> list[str]:
        return self._names(".byline")

    def published(self) -> datetime | None:
        return self._labelled_times("div.article_info span.author").get("published")

    def modified(self) -> datetime | None:
        return self._labelled_times("div.article_info span.author").get("modified")

    def section(self) -> str | None:
        return "106"
