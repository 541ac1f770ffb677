"""Send Naver requests to another origin, e.g. the local simulator."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from newscrawler.naver import route

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class NaverRoutingMiddleware:
    """Rewrite every Naver host to ``NAVER_BASE_URL``, keeping the path and query.

    The URL asked for stays in ``request.meta["naver_url"]``: page objects read the
    layout and the article key from it. Redirects to other Naver hosts come back here
    and are routed too.
    """

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"NAVER_BASE_URL must be an http(s) origin, got {base_url!r}")
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        base_url = crawler.settings.get("NAVER_BASE_URL")
        if not base_url:
            raise NotConfigured("NAVER_BASE_URL is not set: crawling Naver itself")
        return cls(base_url)

    def process_request(self, request: Request) -> Request | None:
        routed = route(request.url, self.base_url)
        if routed == request.url:
            return None
        return request.replace(url=routed, meta={**request.meta, "naver_url": request.url})
