"""The legacy desktop article: ``news.naver.com/main/read.naver?oid=..&aid=..`` (until 2022)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawler.naver import SECTION_IDS
from newscrawler.pages.base import ArticlePage
from newscrawler.pages.text import clean_inline
from newscrawler.pages.times import parse_time

if TYPE_CHECKING:
    from datetime import datetime


class ReadNaverArticlePage(ArticlePage):
    """Title ``#articleTitle``, body ``#articleBodyContents``, EUC-KR, 오전/오후 times."""

    layout = "read.naver"
    marker = "#articleBodyContents"

    def title(self) -> str | None:
        return self.document.text("#articleTitle")

    def press(self) -> str | None:
        logo = self.document.attr("div.press_logo img", "title")
        return clean_inline(logo) or self.document.meta("me2:category1")

    def authors(self) -> list[str]:
        return self._names("div.byline p.b_text")

    def published(self) -> datetime | None:
        return self._stamp(0)

    def modified(self) -> datetime | None:
        return self._stamp(1)

    def _stamp(self, index: int) -> datetime | None:
        """``div.sponsor`` holds 기사입력 then, when edited, 최종수정."""
        stamps = list(self.document.own_texts("div.sponsor span.t11"))
        return parse_time(stamps[index]) if len(stamps) > index else None

    def section(self) -> str | None:
        return SECTION_IDS.get(self.document.meta("me2:category2") or "")
