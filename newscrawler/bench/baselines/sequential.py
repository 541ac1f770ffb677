"""The common approach of other Naver crawlers: requests + BeautifulSoup, one page at a time.

``python -m newscrawler.bench.baselines.sequential BASE_URL DATE LIMIT RESULT``: walks each
section's date list page by page (Naver repeats its last page past the end), fetches every
listed article and extracts its title, time and body text, until ``LIMIT`` articles (0: all).
``RESULT`` receives ``{"lists": n, "articles": n, "failed": n}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

from newscrawler import settings as project
from newscrawler.naver import SECTIONS, list_url, route

TITLE = "#title_area, #articleTitle, h4.title, h2.end_tit"
BODY = "#dic_area, #articleBodyContents, #newsEndContents, #articeBody"
TIME = "._ARTICLE_DATE_TIME, .t11, .info span, .author em"


def crawl(base_url: str, date: str, limit: int) -> dict[str, int]:
    """Crawl ``date`` (up to ``limit`` articles; 0 for all); pages fetched, by kind."""
    session = requests.Session()
    session.headers.update({"User-Agent": project.USER_AGENT, **project.DEFAULT_REQUEST_HEADERS})
    counts = {"lists": 0, "articles": 0, "failed": 0}
    seen: set[str] = set()
    for sid1 in SECTIONS:
        page = 1
        while not limit or counts["articles"] < limit:
            listing = _get(session, list_url(sid1, date, page), base_url)
            soup = BeautifulSoup(listing.text, "lxml")
            counts["lists"] += 1
            shown = soup.select_one("div.paging strong")
            if shown is None or shown.get_text(strip=True) != str(page):
                break  # past the last page: Naver answered its last page again
            for link in soup.select("div.list_body li dl dt a"):
                href = link.get("href", "")
                if href in seen or (limit and counts["articles"] >= limit):
                    continue
                seen.add(href)
                counts["articles" if _article(session, href, base_url) else "failed"] += 1
            page += 1
    return counts


def _get(session: requests.Session, url: str, base_url: str) -> requests.Response:
    """GET ``url`` from the simulator, following redirects there too (never to Naver)."""
    for _ in range(5):
        response = session.get(route(url, base_url), allow_redirects=False)
        if not response.is_redirect:
            break
        url = urljoin(response.url, response.headers["Location"])
    return response


def _article(session: requests.Session, url: str, base_url: str) -> dict[str, str] | None:
    response = _get(session, url, base_url)
    if response.status_code != 200:
        return None
    soup = BeautifulSoup(response.text, "lxml")
    fields = {
        "title": soup.select_one(TITLE),
        "time": soup.select_one(TIME),
        "body": soup.select_one(BODY),
    }
    if fields["body"] is None:
        return None
    return {name: node.get_text("\n", strip=True) if node else "" for name, node in fields.items()}


def main(argv: list[str]) -> int:
    base_url, date, limit, result = argv
    counts = crawl(base_url, date, int(limit))
    Path(result).write_text(json.dumps(counts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
