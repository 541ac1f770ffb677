"""The extraction timing the benchmark reports."""

from __future__ import annotations

import pytest

from newscrawler.pages.timing import extraction_times, measure

ARTICLE_URL = "https://n.news.naver.com/mnews/article/082/0001252309?sid=101"


def test_extraction_times_of_a_real_page(naver_pages):
    extract_ms, floor_ms = extraction_times(
        naver_pages / "article_new_082_0001252309.html", ARTICLE_URL, repeats=3
    )
    assert 0 < floor_ms < extract_ms < 1000


def test_every_parser_is_measured_beside_extraction(naver_pages):
    body = (naver_pages / "list_LSD_100_20260530_p1.html").read_bytes()
    times = measure(body, "https://news.naver.com/main/list.naver?mode=LSD&sid1=100", repeats=2)
    assert {"extract", "selectolax"} <= set(times)
    assert all(ms > 0 for ms in times.values())


def test_repeats_must_be_positive(naver_pages):
    with pytest.raises(ValueError, match="repeats"):
        extraction_times(naver_pages / "article_new_082_0001252309.html", ARTICLE_URL, repeats=0)
