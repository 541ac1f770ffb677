"""Article page objects, one per Naver article layout."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from newscrawler.items import ArticleItem
from newscrawler.naver import SECTION_IDS, SECTION_NAMES, SECTIONS, ArticleKey, article_key
from newscrawler.pages.encoding import fix_encoding
from newscrawler.pages.text import body_text, clean_inline, person_name
from newscrawler.pages.times import isoformat, parse_time

if TYPE_CHECKING:
    from parsel import Selector
    from scrapy.http import TextResponse


_SECTION_ID = re.compile(r'sectionId\s*:\s*"(\d+)"')


class UnknownLayoutError(ValueError):
    """The page is not an article layout we know how to read."""


class ArticlePage:
    """One article page. Subclasses read one layout; each field is one small method."""

    layout: ClassVar[str] = ""
    #: CSS that only this layout's pages match.
    marker: ClassVar[str] = ""

    def __init__(self, response: TextResponse, url: str | None = None) -> None:
        self.response = response
        self.url = url or _naver_url(response)

    @classmethod
    def matches(cls, response: TextResponse) -> bool:
        return bool(response.css(cls.marker))

    # Fields every layout provides.
    def title(self) -> str | None:
        raise NotImplementedError

    def body(self) -> Selector | None:
        raise NotImplementedError

    def press(self) -> str | None:
        raise NotImplementedError

    def authors(self) -> list[str]:
        raise NotImplementedError

    def published(self) -> datetime | None:
        raise NotImplementedError

    def modified(self) -> datetime | None:
        return None

    def section(self) -> str | None:
        return None

    # Shared.
    def key(self) -> ArticleKey:
        key = article_key(self.url) or article_key(self._meta("og:url") or "")
        if key is None:
            raise UnknownLayoutError(f"no oid/aid in {self.url}")
        return key

    def content(self) -> str | None:
        body = self.body()
        return (body_text(body) or None) if body is not None else None

    def to_item(self, date: str | None = None, list_section: str | None = None) -> ArticleItem:
        """The item; ``list_section`` is the sid1 of the date list that linked the page."""
        key, published = self.key(), self.published()
        section = self._pick_section(list_section)
        return ArticleItem(
            oid=key.oid,
            aid=key.aid,
            url=key.url,
            date=date or (published.strftime("%Y%m%d") if published else None),
            section=section,
            section_name=SECTION_NAMES.get(section or ""),
            press=self.press(),
            title=self.title(),
            content=self.content(),
            authors=self.authors(),
            published_at=isoformat(published),
            modified_at=isoformat(self.modified()),
            time=published.strftime("%Y-%m-%d %H:%M:%S") if published else None,
            crawled_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def _pick_section(self, list_section: str | None) -> str | None:
        # The page's own section wins when it is a list section: an article listed in two
        # sections then gets the same section whichever list the crawler reached first.
        own = self.section()
        if own in SECTIONS or not list_section:
            return own
        return list_section

    def _text(self, css: str) -> str | None:
        return clean_inline(" ".join(self.response.css(css).xpath("string()").getall()))

    def _meta(self, prop: str) -> str | None:
        return clean_inline(self.response.css(f'meta[property="{prop}"]::attr(content)').get())

    def _meta_part(self, prop: str, index: int) -> str | None:
        """One ``|``-separated part of a meta tag, e.g. the press in "연합뉴스 | 네이버"."""
        return clean_inline((self._meta(prop) or "").split("|")[index])

    def _names(self, css: str) -> list[str]:
        names = []
        for text in self.response.css(css).xpath("string()").getall():
            for part in re.split(r"[,·/]", text):
                name = person_name(part)
                if name and name not in names:
                    names.append(name)
        return names

    def _labelled_times(self, css: str) -> dict[str, datetime]:
        """Times written after a label, e.g. ``기사입력 2017.05.12. 오후 02:09``."""
        found = {}
        for text in self.response.css(css).xpath("string()").getall():
            moment = parse_time(text)
            if moment is not None:
                label = "modified" if ("수정" in text or found) else "published"
                found.setdefault(label, moment)
        return found


class MobileArticlePage(ArticlePage):
    """``n.news.naver.com/mnews/article/{oid}/{aid}``: the 2023+ and the 2022 markup."""

    layout = "n.news"
    marker = "#dic_area"

    def title(self) -> str | None:
        return self._text("h2#title_area") or self._text("h2.media_end_head_headline")

    def body(self) -> Selector | None:
        return self.response.css("#dic_area")[0]

    def press(self) -> str | None:
        logo = self.response.css("img.media_end_head_top_logo_img::attr(title)").get()
        return clean_inline(logo) or self._meta_part("og:article:author", 0)

    def authors(self) -> list[str]:
        return self._names("em.media_end_head_journalist_name") or self._names("span.byline_s")

    def published(self) -> datetime | None:
        return parse_time(self.response.css("._ARTICLE_DATE_TIME::attr(data-date-time)").get())

    def modified(self) -> datetime | None:
        stamp = "._ARTICLE_MODIFY_DATE_TIME::attr(data-modify-date-time)"
        return parse_time(self.response.css(stamp).get())

    def section(self) -> str | None:
        # Searching the text beats serializing every <script> element back to text.
        match = _SECTION_ID.search(self.response.text)
        return match.group(1) if match else None


class LegacyArticlePage(ArticlePage):
    """``news.naver.com/main/read.naver?oid=..&aid=..``, served until about 2022 (EUC-KR)."""

    layout = "read.naver"
    marker = "#articleBodyContents"

    def title(self) -> str | None:
        return self._text("#articleTitle")

    def body(self) -> Selector | None:
        return self.response.css("#articleBodyContents")[0]

    def press(self) -> str | None:
        logo = self.response.css("div.press_logo img::attr(title)").get()
        return clean_inline(logo) or self._meta("me2:category1")

    def authors(self) -> list[str]:
        return self._names("div.byline p.b_text")

    def published(self) -> datetime | None:
        return self._stamp(0)

    def modified(self) -> datetime | None:
        return self._stamp(1)

    def _stamp(self, index: int) -> datetime | None:
        """``div.sponsor`` holds 기사입력 then, when edited, 최종수정."""
        stamps = self.response.css("div.sponsor span.t11::text").getall()
        return parse_time(stamps[index]) if len(stamps) > index else None

    def section(self) -> str | None:
        return SECTION_IDS.get(self._meta("me2:category2") or "")


class SportsArticlePage(ArticlePage):
    """``sports.news.naver.com/news.nhn?oid=..&aid=..``, where sports articles redirect."""

    layout = "sports"
    marker = "#newsEndContents"

    def title(self) -> str | None:
        return self._text("h4.title")

    def body(self) -> Selector | None:
        return self.response.css("#newsEndContents")[0]

    def press(self) -> str | None:
        source = (self._text("p.source") or "").replace("기사제공", "")
        return clean_inline(source) or self._meta_part("og:article:author", -1)

    def authors(self) -> list[str]:
        return self._names("#newsEndContents p.byline")

    def published(self) -> datetime | None:
        return self._labelled_times("div.info span").get("published")

    def modified(self) -> datetime | None:
        return self._labelled_times("div.info span").get("modified")

    def section(self) -> str | None:
        return "107"


class EntertainArticlePage(ArticlePage):
    """``entertain.naver.com/read?oid=..&aid=..``, where entertainment articles redirect."""

    layout = "entertain"
    marker = "#articeBody"  # sic: Naver's id

    def title(self) -> str | None:
        return self._text("h2.end_tit")

    def body(self) -> Selector | None:
        return self.response.css("#articeBody")[0]

    def press(self) -> str | None:
        logo = self.response.css("div.press_logo img::attr(title)").get()
        return clean_inline(logo) or self._meta_part("og:article:author", 0)

    def authors(self) -> list[str]:
        return self._names(".byline")

    def published(self) -> datetime | None:
        return self._labelled_times("div.article_info span.author").get("published")

    def modified(self) -> datetime | None:
        return self._labelled_times("div.article_info span.author").get("modified")

    def section(self) -> str | None:
        return "106"


def _naver_url(response: TextResponse) -> str:
    """The Naver URL asked for, before routing to ``NAVER_BASE_URL``."""
    request = response.request
    return (request.meta.get("naver_url") if request else None) or response.url


LAYOUTS: tuple[type[ArticlePage], ...] = (
    MobileArticlePage,
    LegacyArticlePage,
    SportsArticlePage,
    EntertainArticlePage,
)


def article_page_for(response: TextResponse, url: str | None = None) -> ArticlePage:
    """The page object for ``response``; UnknownLayoutError when no layout matches."""
    response = fix_encoding(response)
    for layout in LAYOUTS:
        if layout.matches(response):
            return layout(response, url)
    raise UnknownLayoutError(f"unknown article layout at {url or response.url}")
