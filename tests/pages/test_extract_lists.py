"""Extraction from every captured date list page: exactly the listed articles and paging."""

from __future__ import annotations

import json

import pytest

from newscrawler.pages import DateListPage, html_response
from tests.support.paths import TESTS

CASES = sorted((TESTS / "pages" / "fixtures" / "lists").glob("*.json"))


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_list_page(naver_pages, case):
    spec = json.loads(case.read_text(encoding="utf-8"))
    body = (naver_pages / case.with_suffix(".html").name).read_bytes()
    listing = DateListPage(html_response(spec["url"], body)).to_dict()
    assert listing["articles"] == spec["expected"]["articles"]
    assert listing["page"] == spec["expected"]["page"]
    assert listing["last_page"] == spec["expected"]["last_page"]


def test_ranking_asides_are_not_listed(naver_pages):
    """The page links ~100 other articles (rankings, asides); only the 20 listed count."""
    body = (naver_pages / "list_LSD_100_20260530_p1.html").read_bytes()
    assert body.count(b"/article/") + body.count(b"aid=") > 40
    response = html_response("https://news.naver.com/main/list.naver?mode=LSD", body)
    assert len(DateListPage(response).articles()) == 20


def test_real_euc_kr_list_reads_hangul(naver_pages):
    body = (naver_pages / "list_LSD_100_20260530_p1.html").read_bytes()
    response = DateListPage(html_response("https://news.naver.com/main/list.naver", body)).response
    assert "정치" in response.text
