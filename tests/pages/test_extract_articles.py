"""Extraction from every captured article page: one test per field."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict

import pytest

from newscrawler.pages import UnknownLayoutError, article_page_for, html_response
from tests.support.paths import TESTS

CASES = sorted((TESTS / "pages" / "fixtures" / "articles").glob("*.json"))
FIELDS = [
    "oid",
    "aid",
    "url",
    "section",
    "section_name",
    "press",
    "title",
    "authors",
    "published_at",
    "modified_at",
    "time",
]


@functools.cache
def extracted(naver_pages, case) -> tuple[dict, dict]:
    spec = json.loads(case.read_text(encoding="utf-8"))
    body = (naver_pages / case.with_suffix(".html").name).read_bytes()
    item = article_page_for(html_response(spec["url"], body)).to_item()
    return asdict(item), spec


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_field(naver_pages, case, field):
    item, spec = extracted(naver_pages, case)
    assert item[field] == spec["expected"][field]


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_content(naver_pages, case):
    item, spec = extracted(naver_pages, case)
    lines = item["content"].split("\n")
    assert lines[0] == spec["content_first_line"]
    assert lines[-1] == spec["content_last_line"]
    for sentence in spec["content_includes"]:
        assert sentence in item["content"]
    for noise in spec["content_excludes"]:
        assert noise not in item["content"]
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_date_and_crawled_at(naver_pages, case):
    item, spec = extracted(naver_pages, case)
    assert item["date"] == spec["expected"]["time"][:10].replace("-", "")
    assert item["crawled_at"].endswith("+00:00")


def test_declared_euc_kr_with_utf8_bytes_decodes(naver_pages):
    """The saved old article says euc-kr in its meta but its bytes are UTF-8."""
    body = (naver_pages / "article_old_001_0009205077.html").read_bytes()
    assert b'charset="euc-kr"' in body[:500]
    response = html_response("https://news.naver.com/main/read.naver?oid=001&aid=0009205077", body)
    assert article_page_for(response).title().startswith("[연천소식]")


def test_real_euc_kr_bytes_decode():
    """A page served as EUC-KR bytes (how Naver served old pages) reads back intact."""
    html = (
        '<html><head><meta charset="euc-kr"></head><body>'
        '<h3 id="articleTitle">북한, 신년사 발표</h3><div class="sponsor">기사입력 '
        '<span class="t11">2018.01.01. 오전 12:05</span></div>'
        '<div class="press_logo"><img title="연합뉴스"></div>'
        '<div id="articleBodyContents">첫 문장입니다.<br><br>둘째 문장입니다.</div></body></html>'
    )
    url = "https://news.naver.com/main/read.naver?oid=001&aid=0000000001"
    response = html_response(url, html.encode("euc-kr"), "text/html; charset=EUC-KR")
    item = article_page_for(response).to_item()
    assert item.title == "북한, 신년사 발표"
    assert item.content == "첫 문장입니다.\n둘째 문장입니다."
    assert item.published_at == "2018-01-01T00:05:00+09:00"


def test_unknown_layout_is_refused(naver_pages):
    body = (naver_pages / "home_20220218.html").read_bytes()
    with pytest.raises(UnknownLayoutError):
        article_page_for(html_response("https://news.naver.com/main/home.naver", body))
