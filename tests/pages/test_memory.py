"""Extraction keeps no parsel selector on the response.

A selector cached on the response (``response.css``) forms a reference cycle with it, so a
crawl's responses waited for the cyclic garbage collector: measured, peak RSS went from
~210 MB to ~410 MB. The page objects parse the bytes themselves; this keeps it so.
"""

from __future__ import annotations

from newscrawler.pages import DateListPage, article_page_for, html_response

ARTICLE = "https://n.news.naver.com/mnews/article/003/0012577249"
LIST = "https://news.naver.com/main/list.naver?mode=LS2D&mid=shm&sid1=102&sid2=254&date=20170427"


def test_no_selector_is_cached_on_the_response(naver_pages):
    article = html_response(ARTICLE, (naver_pages / "article_new_003_0012577249.html").read_bytes())
    article_page_for(article).to_item()
    listing = html_response(LIST, (naver_pages / "list_LS2D_102-254_20170427_p1.html").read_bytes())
    assert DateListPage(listing).links()
    for response in (article, listing):
        assert getattr(response, "_cached_selector", None) is None
