"""Markup drift: the simulator renaming what Naver might rename, to test the alarm."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from newscrawler.sim.markup import Body

# The title markup of every article layout, renamed the way a redesign would.
_ARTICLE_RENAMES = (
    (b'id="title_area"', b'id="title_area_v2"'),
    (b"media_end_head_headline", b"media_end_head_title_v2"),
    (b'id="articleTitle"', b'id="articleTitle_v2"'),
    (b'<h4 class="title"', b'<h4 class="title_v2"'),
    (b"end_tit", b"end_tit_v2"),
)
_LIST_RENAMES = ((b"list_body newsflash_body", b"newsflash_list_v2"),)


@dataclass(frozen=True)
class Drift:
    """``articles``: share of articles whose title markup is renamed; ``lists``: rename the
    date lists' item container so a crawler finds no article."""

    articles: float = 0.0
    lists: bool = False

    def article(self, oid: str, aid: str, body: Body) -> Body:
        # Deterministic per article, so a retry sees the same page.
        if zlib.crc32(f"{oid}/{aid}".encode()) % 10_000 >= self.articles * 10_000:
            return body
        return _rename(body, _ARTICLE_RENAMES)

    def list_page(self, body: Body) -> Body:
        return _rename(body, _LIST_RENAMES) if self.lists else body


def _rename(body: Body, renames: tuple[tuple[bytes, bytes], ...]) -> Body:
    raw = body.raw()
    for old, new in renames:
        raw = raw.replace(old, new)
    return Body.of(raw)


NO_DRIFT = Drift()
