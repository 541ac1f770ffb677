"""Pages whose declared charset does not fit their bytes read as the bytes really are."""

from __future__ import annotations

import pytest

from newscrawler.pages import article_page_for, html_response
from newscrawler.pages.encoding import body_encoding
from tests.support.paths import TESTS

VARIANTS = TESTS / "pages" / "fixtures" / "variants"
OLD_URL = "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&sid1=102&oid=001&aid=0010567890"
TITLE = "서울 지하철 파업 예고…출근길 혼잡 우려"


def test_declared_euc_kr_with_utf8_bytes(naver_pages):
    """The saved old article says euc-kr in its meta but its bytes are UTF-8."""
    body = (naver_pages / "article_old_001_0009205077.html").read_bytes()
    assert b'charset="euc-kr"' in body[:500]
    response = html_response("https://news.naver.com/main/read.naver?oid=001&aid=0009205077", body)
    assert article_page_for(response).title().startswith("[연천소식]")


@pytest.mark.parametrize(
    ("page", "content_type", "read_as"),
    [
        ("euc_kr_declared_utf8.html", "text/html; charset=UTF-8", "cp949"),
        ("euc_kr_declared_utf8.html", None, "cp949"),
        ("utf8_declared_euc_kr.html", "text/html; charset=EUC-KR", "utf-8"),
        ("utf8_declared_euc_kr.html", None, "utf-8"),
    ],
)
def test_wrong_declared_encodings(page, content_type, read_as):
    body = (VARIANTS / page).read_bytes()
    response = html_response(OLD_URL, body, content_type)
    assert body_encoding(response) == read_as
    item = article_page_for(response).to_item()
    assert item.title == TITLE
    assert item.press == "연합뉴스"


def test_real_euc_kr_bytes_declared_euc_kr():
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


def test_utf8_page_with_a_few_bad_bytes_stays_utf8():
    html = "<html><head><meta charset='utf-8'></head><body><h2 id=title_area>정상 제목</h2>"
    body = html.encode() + b"\xff" + "<article id=dic_area>본문입니다.</article>".encode()
    response = html_response("https://n.news.naver.com/mnews/article/001/0000000001", body)
    assert body_encoding(response) == "utf-8"
    assert article_page_for(response).title() == "정상 제목"


def test_unknown_layout_is_refused(naver_pages):
    from newscrawler.pages import UnknownLayoutError

    body = (naver_pages / "home_20220218.html").read_bytes()
    with pytest.raises(UnknownLayoutError):
        article_page_for(html_response("https://news.naver.com/main/home.naver", body))


def test_a_response_not_taken_for_text_is_read_as_html():
    """A wrong Content-Type makes Scrapy hand over a plain Response: still an article."""
    from scrapy.http import Response

    body = (VARIANTS / "utf8_declared_euc_kr.html").read_bytes()
    response = Response(OLD_URL, body=body, headers={"Content-Type": "application/octet-stream"})
    assert article_page_for(response).to_item().title == TITLE
