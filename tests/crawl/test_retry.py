"""Retry waits: Retry-After when the server gives one, exponential backoff otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newscrawler.downloadermiddlewares.retry import BackoffRetryMiddleware, retry_after


def middleware(**settings) -> BackoffRetryMiddleware:
    return BackoffRetryMiddleware.from_crawler(get_crawler(settings_dict=settings))


def response(headers: dict[str, str]) -> Response:
    return Response("http://127.0.0.1/x", status=429, headers=headers)


def test_retry_after_seconds_and_http_date():
    assert retry_after(response({"Retry-After": "7"})) == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after(response({"Retry-After": later})) <= 30
    assert retry_after(response({})) is None
    assert retry_after(response({"Retry-After": "soon"})) is None


def test_retry_after_wins_but_is_capped():
    retry = middleware(NEWS_RETRY_BACKOFF_BASE=0.5, NEWS_RETRY_BACKOFF_MAX=10.0)
    request = Request("http://127.0.0.1/x")
    assert retry.delay(request, 3.0) == 3.0
    assert retry.delay(request, 3600.0) == 10.0


@pytest.mark.parametrize("retries, low, high", [(0, 0.25, 0.5), (3, 2.0, 4.0), (20, 10.0, 10.0)])
def test_backoff_doubles_per_retry(retries, low, high):
    retry = middleware(NEWS_RETRY_BACKOFF_BASE=0.5, NEWS_RETRY_BACKOFF_MAX=10.0)
    request = Request("http://127.0.0.1/x", meta={"retry_times": retries})
    assert low <= retry.delay(request) <= high
