"""The 2023+ article: ``n.news.naver.com/mnews/article/{oid}/{aid}``, ``article#dic_area``."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from newscrawler.pages.base import ArticlePage
from newscrawler.pages.text import clean_inline
from newscrawler.pages.times import parse_time

if TYPE_CHECKING:
    from datetime import datetime

    from newscrawler.pages.document import Document

_SECTION_ID = re.compile(rb'sectionId\s*:\s*"(\d+)"')


class Mnews2023ArticlePage(ArticlePage):
    """Title ``h2#title_area``, body ``article#dic_area``, UTF-8."""

    layout = "2023"
    marker = "article#dic_area"
    title_css = "h2#title_area"

    @cached_property
    def head(self) -> Document:
        """The article's header: title, press, reporters and times (the page if missing)."""
        return self.document.region("div.media_end_head")

    def title(self) -> str | None:
        return self.head.text(self.title_css)

    def press(self) -> str | None:
        return (
            clean_inline(self.head.attr("img.media_end_head_top_logo_img", "title"))
            or self._header_press()
            or self._meta_part("og:article:author", 0)
        )

    def _header_press(self) -> str | None:
        """The 2026 header: a thumbnail with the press in its alt text, and its name beside."""
        thumb = "div.media_end_head_top_thumb img.media_end_head_top_img"
        return clean_inline(self.head.attr(thumb, "alt")) or self.head.text(
            "span.media_end_head_top_press"
        )

    def authors(self) -> list[str]:
        journalists = self._names("em.media_end_head_journalist_name", self.head)
        return journalists or self._names("span.byline_s")

    def published(self) -> datetime | None:
        return parse_time(self.head.attr("._ARTICLE_DATE_TIME", "data-date-time"))

    def modified(self) -> datetime | None:
        stamp = self.head.attr("._ARTICLE_MODIFY_DATE_TIME", "data-modify-date-time")
        return parse_time(stamp)

    def section(self) -> str | None:
        # The inline `var article = {... sectionId : "102" ...}`; searching the page's text
        # beats walking every <script> element.
        match = self.document.search(_SECTION_ID)
        return match.group(1).decode() if match else None
