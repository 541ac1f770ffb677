"""Hostile pages: extraction finishes, keeps what is valid and reports the rest.

A missing field is None (the crawl's alarm counts it); a page of no known layout raises
UnknownLayoutError. The large and deep pages are built here from a small variant page.
"""

from __future__ import annotations

import time

import pytest

from newscrawler.pages import DateListPage, UnknownLayoutError, article_page_for, html_response
from newscrawler.pages.document import MAX_BLOCK_DEPTH, Document
from tests.support.paths import TESTS

VARIANTS = TESTS / "pages" / "fixtures" / "variants"
ARTICLE_URL = "https://n.news.naver.com/mnews/article/015/0004961234?sid=101"
LIST_URL = "https://news.naver.com/main/list.naver?mode=LSD&mid=sec&sid1=100&date=20240530"
LAST_LINE = "업계는 투자 여력이 커질 것으로 기대했다."


def article(html: str | bytes, content_type: str | None = None):
    body = html.encode() if isinstance(html, str) else html
    return article_page_for(html_response(ARTICLE_URL, body, content_type)).to_item()


@pytest.fixture(scope="module")
def page() -> str:
    return (VARIANTS / "press_header_2026.html").read_text(encoding="utf-8")


def timed(extract, *args):
    start = time.perf_counter()
    result = extract(*args)
    return result, time.perf_counter() - start


def test_ten_megabyte_page(page):
    huge = page.replace(
        "</body>", f'<script>var feed = "{"x" * 10 * 1024 * 1024}";</script></body>'
    )
    assert len(huge) > 10 * 1024 * 1024
    item, seconds = timed(article, huge)
    assert item.title == "정부, 반도체 세액공제 확대 추진"
    assert item.content.endswith(LAST_LINE)
    assert seconds < 5


def test_ten_megabyte_body_text(page):
    paragraph = "가나다라마바사아자차카타파하 " * 4 + "<br>"
    huge = page.replace(LAST_LINE, paragraph * 60_000 + LAST_LINE)
    assert len(huge.encode()) > 10 * 1024 * 1024
    item, seconds = timed(article, huge)
    assert item.content.split("\n").count(paragraph[:-4].strip()) == 60_000
    assert seconds < 10


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_deeply_nested_divs(page, depth):
    """Parsing nests block tags at quadratic cost; past a browser's depth they are dropped."""
    nested = "<div>" * depth + "깊은 곳의 문장." + "</div>" * depth
    item, seconds = timed(article, page.replace(LAST_LINE, nested + LAST_LINE))
    assert "깊은 곳의 문장." in item.content
    assert item.content.endswith(LAST_LINE)
    assert item.title == "정부, 반도체 세액공제 확대 추진"
    assert seconds < 3


@pytest.mark.parametrize("tag", ["b", "span", "a href=#", "table><tr><td", "ul><li"])
def test_deeply_nested_inline_and_unclosed_tags(page, tag):
    nested = f"<{tag}>" * 30_000 + "안쪽 문장."
    item, seconds = timed(article, page.replace(LAST_LINE, nested + LAST_LINE))
    assert item.title == "정부, 반도체 세액공제 확대 추진"
    assert "안쪽 문장." in (item.content or "")
    assert seconds < 3


def test_flattening_keeps_text_and_shallow_structure():
    source = b"<div>" * (MAX_BLOCK_DEPTH + 10) + "글".encode() + b"</div>" * (MAX_BLOCK_DEPTH + 10)
    tree = Document(source + b"<p>x</p>" * 20_000).tree
    assert tree.body.text().startswith("글")
    assert len(tree.css("div")) == MAX_BLOCK_DEPTH


def test_only_scripts_is_an_unknown_layout():
    body = (VARIANTS / "only_scripts.html").read_bytes()
    with pytest.raises(UnknownLayoutError):
        article_page_for(html_response(ARTICLE_URL, body))


def test_only_scripts_is_not_a_date_list():
    body = (VARIANTS / "only_scripts.html").read_bytes()
    listing = DateListPage(html_response(LIST_URL, body))
    assert not listing.is_date_list()
    assert listing.articles() == []


def test_a_body_of_scripts_is_missing_content():
    item = article((VARIANTS / "empty_body.html").read_bytes())
    assert item.content is None
    assert item.title is not None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<",
        "<html",
        "<!DOCTYPE html><html><body><article id=dic_area",
        "<article id=dic_area>\x00\x01\x02</article>",
        "\ufeff<article id=dic_area><p>본문",
        "<article id=dic_area><h2 id=title_area>제목</h2><p>본문</article>" + "</div>" * 1000,
    ],
    ids=["empty", "lt", "open-tag", "cut-mid-tag", "nul-bytes", "bom", "stray-end-tags"],
)
def test_fragments_never_crash(html):
    try:
        item = article(html)
    except UnknownLayoutError:
        return
    assert item.oid == "015"  # the key comes from the URL


def test_bytes_that_are_neither_encoding_still_extract(page):
    garbage = page.encode().replace("정부,".encode(), b"\xff\xfe\x80")
    item = article(garbage, "text/html; charset=UTF-8")
    assert item.title.endswith("반도체 세액공제 확대 추진")
    assert item.content.endswith(LAST_LINE)


def test_control_and_zero_width_characters_are_stripped():
    body = (VARIANTS / "control_title.html").read_bytes()
    assert "\u200b".encode() in body and b"\x07" in body
    item = article(body)
    assert item.title == "정부, 반도체 세액공제 확대 추진"
