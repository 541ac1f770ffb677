"""``newscrawler extract FILE --url URL`` on variant pages, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import TESTS, require

VARIANTS = TESTS / "pages" / "fixtures" / "variants"
NEWSCRAWLER = Path(sys.executable).parent / "newscrawler"
LPOD_URL = "https://news.naver.com/main/list.naver?mode=LPOD&mid=sec&oid=001&date=20240530"
ARTICLE_URL = "https://n.news.naver.com/mnews/article/015/0004961234?sid=101"


def extract(path: Path | str, url: str) -> subprocess.CompletedProcess[str]:
    require(NEWSCRAWLER.exists(), f"{NEWSCRAWLER} is not installed")
    return subprocess.run(
        [str(NEWSCRAWLER), "extract", str(path), "--url", url],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_lpod_list():
    run = extract(VARIANTS / "lpod_list.html", LPOD_URL)
    assert run.returncode == 0, run.stderr
    listing = json.loads(run.stdout)
    assert [a["aid"] for a in listing["articles"]] == [f"00147000{n:02d}" for n in range(1, 6)]
    assert listing["last_page"] == 3


def test_empty_date_list():
    run = extract(VARIANTS / "list_empty.html", LPOD_URL)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["articles"] == []


@pytest.mark.parametrize(
    ("page", "url", "field", "value"),
    [
        ("press_header_2026.html", ARTICLE_URL, "press", "한국경제"),
        ("control_title.html", ARTICLE_URL, "title", "정부, 반도체 세액공제 확대 추진"),
        ("broken_markup.html", ARTICLE_URL, "title", "정부, 반도체 세액공제 확대 추진"),
        ("empty_body.html", ARTICLE_URL, "content", None),
        (
            "euc_kr_declared_utf8.html",
            "https://news.naver.com/main/read.naver?oid=001&aid=0010567890",
            "title",
            "서울 지하철 파업 예고…출근길 혼잡 우려",
        ),
    ],
)
def test_variant_articles(page, url, field, value):
    run = extract(VARIANTS / page, url)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[field] == value


def test_sports_guide_is_not_content():
    url = "https://sports.news.naver.com/news.nhn?oid=477&aid=0000512345"
    run = extract(VARIANTS / "sports_guide_footer.html", url)
    item = json.loads(run.stdout)
    assert item["content"].endswith("토트넘은 이날 2-1로 이겼다.")
    assert "분류" not in item["content"]


def test_huge_page(tmp_path):
    page = (VARIANTS / "press_header_2026.html").read_text(encoding="utf-8")
    huge = tmp_path / "huge.html"
    huge.write_text(page.replace("</body>", f"<script>{'x' * 10_485_760}</script></body>"))
    run = extract(huge, ARTICLE_URL)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["title"] == "정부, 반도체 세액공제 확대 추진"


@pytest.mark.parametrize(
    ("page", "url", "status", "message"),
    [
        ("missing.html", ARTICLE_URL, 2, "cannot read"),
        ("only_scripts.html", ARTICLE_URL, 1, "unknown article layout"),
        ("only_scripts.html", LPOD_URL, 1, "not a Naver date list page"),
    ],
)
def test_errors_are_one_line(page, url, status, message):
    run = extract(VARIANTS / page, url)
    assert run.returncode == status
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("newscrawler extract: error: ")
    assert message in lines[0]
