"""The sports article: ``sports.news.naver.com/news.nhn?oid=..&aid=..``, where sports redirect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.pages.base import ArticlePage
from newscrawler.pages.text import clean_inline

if TYPE_CHECKING:
    from datetime import datetime


class SportsArticlePage(ArticlePage):
    """Title ``h4.title``, body ``#newsEndContents``, times after 기사입력/최종수정."""

    layout = "sports"
    marker = "#newsEndContents"

    def title(self) -> str | None:
        return self.document.text("h4.title")

    def press(self) -> str | None:
        source = (self.document.text("p.source") or "").replace("기사제공", "")
        return clean_inline(source) or self._meta_part("og:article:author", -1)

    def authors(self) -> list[str]:
        return self._names("#newsEndContents p.byline")

    def published(self) -> datetime | None:
        return self._labelled_times("div.info span").get("published")

    def modified(self) -> datetime | None:
        return self._labelled_times("div.info span").get("modified")

    def section(self) -> str | None:
        return "107"
