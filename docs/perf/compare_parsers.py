"""Parse-only time of each HTML parser beside our extraction, per captured page.

    python docs/perf/compare_parsers.py ../shared/naver_pages [repeats]

Prints median thread CPU milliseconds (the machine's other load does not inflate them).
Every repeat runs each measurement once, in an order that rotates, so all see the same
machine state. resiliparse is measured when it is installed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import lxml.html
import parsel

from newscrawler.pages import html_response
from newscrawler.pages.timing import parse_floors, read_page

PAGES = {
    "article_new_003_0012577249.html": "https://n.news.naver.com/mnews/article/003/0012577249",
    "article_new_082_0001252309.html": "https://n.news.naver.com/mnews/article/082/0001252309",
    "article_new_421_0008770777.html": "https://n.news.naver.com/mnews/article/421/0008770777",
    "article_new_437_0000483987.html": "https://n.news.naver.com/article/437/0000483987",
    "article_old_001_0009205077.html": (
        "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&sid1=102&oid=001&aid=0009205077"
    ),
    "sports_477_0000073768.html": (
        "https://sports.news.naver.com/wfootball/news/read.naver?oid=477&aid=0000073768"
    ),
    "list_LS2D_100-267_20170101_p1.html": "https://news.naver.com/main/list.naver?mode=LS2D",
    "list_LS2D_101-263_20240122_p2.html": "https://news.naver.com/main/list.naver?mode=LS2D",
    "list_LS2D_102-254_20170427_p1.html": "https://news.naver.com/main/list.naver?mode=LS2D",
    "list_LSD_100_20260530_p1.html": "https://news.naver.com/main/list.naver?mode=LSD",
}


def measure(body: bytes, url: str, repeats: int) -> dict[str, float]:
    encoding = html_response(url, body).encoding
    runs = {
        "parsel": lambda: parsel.Selector(text=body.decode(encoding, "replace")),
        "lxml": lambda: lxml.html.document_fromstring(body.decode(encoding, "replace")),
        **parse_floors(body, encoding),
        "extract": lambda: read_page(body, url),
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for repeat in range(repeats + 1):
        for name in order[repeat % len(order) :] + order[: repeat % len(order)]:
            start = time.thread_time()
            runs[name]()
            if repeat:  # the first round warms up
                samples[name].append((time.thread_time() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    folder = Path(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    header = None
    for name, url in PAGES.items():
        body = (folder / name).read_bytes()
        times = measure(body, url, repeats)
        if header is None:
            header = ["page", "KB", *times]
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
        row = [name.removesuffix(".html"), str(len(body) // 1024)]
        print("| " + " | ".join(row + [f"{ms:.2f}" for ms in times.values()]) + " |")


if __name__ == "__main__":
    main()
