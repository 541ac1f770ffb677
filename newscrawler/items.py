"""The article item, as written to the lake."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    """One Naver News article.

    ``oid``/``aid`` are zero-padded strings; times are ISO 8601 with +09:00 (KST);
    ``time`` repeats ``published_at`` as ``YYYY-MM-DD HH:MM:SS`` for the original table.
    """

    oid: str
    aid: str
    url: str
    date: str | None = None
    section: str | None = None
    section_name: str | None = None
    press: str | None = None
    title: str | None = None
    content: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    time: str | None = None
    crawled_at: str | None = None


REQUIRED_FIELDS: tuple[str, ...] = ("title", "content", "press", "published_at")
