"""Extraction per real Naver page, beside the parse-only floor of the fastest parser measured.

The pages are the captures in ``../shared/naver_pages`` (or ``$NAVER_PAGES_DIR``): article and
date-list pages whose file names say where they were fetched from.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from newscrawler.bench.process import ROOT
from newscrawler.pages.timing import extraction_times

_ARTICLE = re.compile(r"^(article_new|article_old|sports)_(\d{3})_(\d{10})\.html$")
_LIST = re.compile(r"^list_(LSD|LS2D)_(\d{3})(?:-(\d{3}))?_(\d{8})_p(\d+)\.html$")
_ARTICLE_URLS = {
    "article_new": "https://n.news.naver.com/mnews/article/{oid}/{aid}",
    "article_old": "https://news.naver.com/main/read.naver?oid={oid}&aid={aid}",
    "sports": "https://sports.news.naver.com/news?oid={oid}&aid={aid}",
}


def pages_dir() -> Path:
    """Where the captured pages are."""
    return Path(os.environ.get("NAVER_PAGES_DIR", ROOT.parent / "shared" / "naver_pages"))


def page_url(name: str) -> str | None:
    """The Naver URL a captured page was fetched from, from its file name; None if not a page
    the crawler reads (home and section pages, comment responses)."""
    article = _ARTICLE.match(name)
    if article:
        kind, oid, aid = article.groups()
        return _ARTICLE_URLS[kind].format(oid=oid, aid=aid)
    listing = _LIST.match(name)
    if listing:
        mode, sid1, sid2, date, page = listing.groups()
        second = f"&sid2={sid2}" if sid2 else ""
        return (
            f"https://news.naver.com/main/list.naver?mode={mode}&mid=shm&sid1={sid1}"
            f"{second}&date={date}&page={page}"
        )
    return None


def measure_extraction(rounds: int, folder: Path | None = None) -> dict[str, dict[str, float]]:
    """``{"extract_ms": {page: ms}, "parse_floor_ms": {page: ms}}``, medians of ``rounds``."""
    folder = folder or pages_dir()
    pages = sorted(p for p in folder.glob("*.html") if page_url(p.name))
    if not pages:
        raise FileNotFoundError(f"no captured article or list pages in {folder}")
    extract: dict[str, float] = {}
    floor: dict[str, float] = {}
    for page in pages:
        extract[page.name], floor[page.name] = extraction_times(page, page_url(page.name), rounds)
    return {"extract_ms": extract, "parse_floor_ms": floor}
