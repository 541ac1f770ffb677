"""Retries that back off exponentially and honour ``Retry-After``."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting before each retry.

    The wait is the response's ``Retry-After`` when it has one, else
    ``NEWS_RETRY_BACKOFF_BASE * 2**(retries so far)`` with jitter, capped at
    ``NEWS_RETRY_BACKOFF_MAX``. The wait holds only the request being retried.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = super().from_crawler(crawler)
        middleware.backoff_base = crawler.settings.getfloat("NEWS_RETRY_BACKOFF_BASE")
        middleware.backoff_max = crawler.settings.getfloat("NEWS_RETRY_BACKOFF_MAX")
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        result = super().process_response(request, response)
        if result is not response:
            await sleep(self.delay(request, retry_after(response)))
        return result

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if result is not None:
            await sleep(self.delay(request))
        return result

    def delay(self, request: Request, retry_after: float | None = None) -> float:
        """Seconds to wait before retrying ``request``."""
        if retry_after is not None:
            return min(retry_after, self.backoff_max)
        exponential = self.backoff_base * 2 ** request.meta.get("retry_times", 0)
        return min(exponential * random.uniform(0.5, 1.0), self.backoff_max)


def retry_after(response: Response) -> float | None:
    """``Retry-After`` in seconds (delta-seconds or HTTP-date), or None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
