"""The local Naver simulator: catalog, lists, article layouts, encodings, faults, CLI."""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest

from newscrawler.sim import catalog, date_list
from newscrawler.sim.catalog import LAYOUTS, SimArticle, articles_for
from newscrawler.sim.routes import Site
from newscrawler.sim.server import running_simulator
from tests.support.paths import ROOT

SEED, PER_DAY, DATE = 11, 400, "20240530"  # a Thursday
SECTIONS = ("100", "101", "102", "103", "104", "105", "110")
KB = 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(base: str, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Status, headers and body of a GET, without following redirects."""
    try:
        with _OPENER.open(base + path, timeout=30) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def list_path(sid1: str, page: int, date: str = DATE) -> str:
    return f"/main/list.naver?mode=LSD&mid=sec&sid1={sid1}&date={date}&page={page}"


def listed_keys(html: str) -> list[tuple[str, str]]:
    """(oid, aid) of the title links inside `div.list_body`, in page order."""
    body = html.split('<div class="list_body newsflash_body">', 1)[1].split('<div class="paging">')[
        0
    ]
    keys = []
    for href in re.findall(r'<dt>\s*<a href="([^"]+)">', body):
        match = re.search(r"article/(\d{3})/(\d{10})|oid=(\d{3})&aid=(\d{10})", href)
        assert match, href
        groups = [g for g in match.groups() if g]
        keys.append((groups[0], groups[1]))
    return keys


def paging(html: str) -> str:
    return html.split('<div class="paging">', 1)[1].split("</div>", 1)[0]


def article_path(article: SimArticle) -> str:
    return f"/mnews/article/{article.oid}/{article.aid}?sid={article.section}"


@pytest.fixture(scope="module")
def sim() -> Iterator[str]:
    with running_simulator(seed=SEED, articles_per_day=PER_DAY) as url:
        yield url


@pytest.fixture(scope="module")
def articles() -> list[SimArticle]:
    return articles_for(SEED, DATE, PER_DAY)


# --- the catalog ---------------------------------------------------------------------


def test_catalog_is_deterministic(articles):
    assert articles_for(SEED, DATE, PER_DAY) == articles
    assert articles_for(SEED + 1, DATE, PER_DAY) != articles
    assert articles_for(SEED, "20240531", PER_DAY) != articles


def test_catalog_fields(articles):
    day = datetime(2024, 5, 30)
    aids = [a.aid for a in articles]
    assert len(set(aids)) == len(aids)
    for a in articles:
        assert re.fullmatch(r"\d{3}", a.oid) and re.fullmatch(r"\d{10}", a.aid)
        assert a.layout in LAYOUTS and a.section in SECTIONS
        assert day <= a.published < datetime(2024, 5, 31)
        assert a.modified is None or a.modified > a.published
        assert 5 <= len(a.paragraphs) - len(a.summary) <= 20
        assert a.paragraphs[: len(a.summary)] == a.summary
        assert len(a.authors) == len(a.emails) and a.authors
        assert a.press and a.title and a.date == DATE
        if a.layout in ("read.naver", "sports", "entertain"):
            assert a.published.second == 0  # these pages show minutes only
    assert [a.published for a in articles] == sorted(a.published for a in articles)


def test_aids_never_collide_across_dates():
    seen: set[tuple[str, str]] = set()
    for date in ("20240528", "20240529", "20240530"):
        keys = {(a.oid, a.aid) for a in articles_for(SEED, date, 200)}
        assert not keys & seen
        seen |= keys


def test_layout_mix_and_cross_listing():
    entries = [e for d in ("20240527", "20240528", "20240529") for e in catalog.entries(1, d, 3000)]
    share = {k: v / len(entries) for k, v in Counter(e.layout for e in entries).items()}
    assert share["2023"] > 0.55 and 0.1 < share["2022"] < 0.2 and 0.1 < share["read.naver"] < 0.2
    assert 0.01 < share["sports"] < 0.03 and 0.01 < share["entertain"] < 0.03
    for entry in entries:
        if entry.layout in ("sports", "entertain"):
            assert entry.section in ("102", "103", "104") and entry.also_listed_in is None
        if entry.also_listed_in:
            assert entry.layout in ("2023", "2022") and entry.also_listed_in != entry.section
    assert 0.01 < sum(bool(e.also_listed_in) for e in entries) / len(entries) < 0.04


def test_weekends_have_fewer_articles():
    weekdays = [len(catalog.entries(1, f"202406{d:02d}", 1000)) for d in (3, 4, 5, 6, 7)]
    weekend = [len(catalog.entries(1, f"202406{d:02d}", 1000)) for d in (1, 2, 8, 9)]
    assert all(900 <= n <= 1100 for n in weekdays)
    assert all(550 <= n <= 650 for n in weekend)


# --- lists -------------------------------------------------------------------------------


def test_truth_endpoint_matches_catalog(sim, articles):
    status, headers, body = fetch(sim, f"/_sim/articles?date={DATE}")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    expected = [{"oid": a.oid, "aid": a.aid, "section": a.section} for a in articles]
    assert json.loads(body) == expected
    assert fetch(sim, "/_sim/articles?date=2024-05-30")[0] == 400


def test_lists_show_every_article_newest_first(sim, articles):
    by_key = {(a.oid, a.aid): a for a in articles}
    seen = Counter()
    for sid1 in SECTIONS:
        expected = [a for a in articles if sid1 in (a.section, a.also_listed_in)]
        expected.sort(key=lambda a: (a.published, a.aid), reverse=True)
        pages = date_list.page_count(len(expected))
        shown: list[tuple[str, str]] = []
        for page in range(1, pages + 1):
            status, _, body = fetch(sim, list_path(sid1, page))
            html = body.decode("cp949")
            keys = listed_keys(html)
            assert status == 200
            assert len(keys) == (20 if page < pages else len(expected) - 20 * (pages - 1))
            assert f"<strong>{page}</strong>" in paging(html)
            shown += keys
        assert shown == [(a.oid, a.aid) for a in expected]
        seen.update(shown)
    assert set(seen) == set(by_key)
    twice = {key for key, n in seen.items() if n == 2}
    assert twice == {key for key, a in by_key.items() if a.also_listed_in}
    assert max(seen.values()) <= 2


def test_list_links_by_layout(sim, articles):
    html = fetch(sim, list_path("102", 1))[2].decode("cp949")
    body = html.split('<div class="paging">')[0]
    for href in re.findall(r'<dt>\s*<a href="([^"]+)">', body):
        oid, aid = re.search(r"(\d{3})(?:/|&aid=)(\d{10})", href).groups()
        layout = next(a.layout for a in articles if (a.oid, a.aid) == (oid, aid))
        if layout == "read.naver":
            assert href.startswith("https://news.naver.com/main/read.naver?mode=LSD&mid=sec")
        else:
            assert href == f"https://n.news.naver.com/mnews/article/{oid}/{aid}?sid=102"


def test_page_past_the_end_answers_the_last_page(sim):
    pages = date_list.page_count(len(catalog.section_entries(SEED, DATE, PER_DAY, "102")))
    last = fetch(sim, list_path("102", pages))[2]
    status, _, beyond = fetch(sim, list_path("102", 1000))
    assert status == 200 and beyond == last
    assert f"<strong>{pages}</strong>" in paging(beyond.decode("cp949"))


def test_paging_blocks_of_ten():
    site = Site(1, 3000, dict)
    pages = date_list.page_count(len(catalog.section_entries(1, DATE, 3000, "102")))
    assert pages > 22

    def links(page: int) -> str:
        return paging(site.handle(list_path("102", page)).body.decode("cp949"))

    first = links(1)
    assert "<strong>1</strong>" in first and 'class="pre' not in first
    assert re.findall(r"page=(\d+)\" class=\"nclicks", first) == [str(n) for n in range(2, 11)]
    assert 'page=11" class="next nclicks(fls.page)">다음</a>' in first
    second = links(12)
    assert 'page=10" class="pre nclicks(fls.page)">이전</a>' in second
    assert "<strong>12</strong>" in second and 'page=21" class="next' in second
    last = links(pages)
    assert 'class="next' not in last and f"<strong>{pages}</strong>" in last
    assert '<a href="?mode=LSD&mid=sec&sid1=102&date=20240530&page=11"' in second


def test_list_query_forms():
    site = Site(SEED, PER_DAY, dict)
    plain = site.handle(list_path("101", 1)).body
    assert site.handle(f"/main/list.nhn?date={DATE}&sid1=101&mode=LSD&mid=sec").body == plain
    shm = site.handle(f"/main/list.naver?mode=LSD&mid=shm&sid1=101&date={DATE}").body
    assert listed_keys(shm.decode("cp949")) == listed_keys(plain.decode("cp949"))


def test_empty_section_shows_no_articles(sim):
    status, _, body = fetch(sim, list_path("999", 3))
    html = body.decode("cp949")
    assert status == 200 and listed_keys(html) == []
    assert date_list.EMPTY_MESSAGE in html
    assert paging(html).strip() == "<strong>1</strong>"


def test_ranking_asides_link_other_dates(sim):
    truth = {
        (row["oid"], row["aid"]) for row in json.loads(fetch(sim, f"/_sim/articles?date={DATE}")[2])
    }
    html = fetch(sim, list_path("100", 1))[2].decode("cp949")
    aside = html.split('<div class="paging">', 1)[1]
    ranked = set(re.findall(r"mnews/article/(\d{3})/(\d{10})\?sid=\d+&rc=N&ntype=RANKING", aside))
    others = set(re.findall(r"mnews/article/(\d{3})/(\d{10})", aside))
    assert len(ranked) >= 20
    assert not others & truth
    status, _, _ = fetch(sim, "/mnews/article/{}/{}".format(*sorted(ranked)[0]))
    assert status in (200, 302)  # they are real articles, just not this date's


# --- articles --------------------------------------------------------------------------


def _first(articles: list[SimArticle], layout: str) -> SimArticle:
    return next(a for a in articles if a.layout == layout)


@pytest.mark.parametrize("layout", ["2023", "2022"])
def test_nnews_article_markup(sim, articles, layout):
    article = next(a for a in articles if a.layout == layout and a.modified and a.captions)
    for path in (article_path(article), f"/article/{article.oid}/{article.aid}"):
        status, headers, body = fetch(sim, path)
        assert status == 200 and headers["Content-Type"] == "text/html;charset=UTF-8"
    html = body.decode("utf-8")
    if layout == "2023":
        assert '<h2 id="title_area" class="media_end_head_headline"><span>' in html
        assert '<article id="dic_area" class="go_trans _article_content">' in html
    else:
        assert '<h2 class="media_end_head_headline">' in html and "title_area" not in html
        assert '<div id="dic_area" class="go_trans _article_content">' in html
        assert '<table class="nbd_table">' in html
    assert f'data-date-time="{article.published:%Y-%m-%d %H:%M:%S}"' in html
    assert f'data-modify-date-time="{article.modified:%Y-%m-%d %H:%M:%S}"' in html
    assert f'officeId: "{article.oid}"' in html and f'articleId: "{article.aid}"' in html
    assert f'sectionId : "{article.section}"' in html
    assert f'content="{article.press} | 네이버"' in html
    assert html.count(f'title="{article.press}" class="media_end_head_top_logo_img') == 2
    assert f'<em class="media_end_head_journalist_name">{article.authors[0]} 기자</em>' in html
    assert f'<span class="byline_s">{article.authors[0]} 기자({article.emails[0]})</span>' in html
    assert f"Copyright ⓒ {article.press}. All rights reserved." in html


def test_read_naver_article_is_euc_kr(sim, articles):
    article = next(a for a in articles if a.layout == "read.naver" and a.modified)
    status, headers, body = fetch(sim, article_path(article))
    assert status == 302 and "/main/read.naver?" in headers["Location"]
    path = headers["Location"].removeprefix("https://news.naver.com")
    status, headers, body = fetch(sim, path)
    assert status == 200 and headers["Content-Type"] == "text/html;charset=EUC-KR"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    html = body.decode("cp949")
    assert '<meta charset="euc-kr">' in html
    assert f'<h3 id="articleTitle">{article.title}</h3>' in html
    assert "// flash 오류를 우회하기 위한 함수 추가\nfunction _flash_removeCallback() {}" in html
    stamps = re.findall(r'<span class="t11">([^<]+)</span>', html)
    assert len(stamps) == 2 and re.fullmatch(
        r"\d{4}\.\d\d\.\d\d\. 오[전후] \d{1,2}:\d\d", stamps[0]
    )
    assert f'property="me2:category1"\t\tcontent="{article.press}"' in html
    assert "&sid1=001" in re.search(r'og:url"\s+content="([^"]+)"', html).group(1)
    assert fetch(sim, path.replace("read.naver", "read.nhn"))[2] == body


@pytest.mark.parametrize(
    ("layout", "location"),
    [
        ("sports", "https://sports.news.naver.com/news.nhn?oid={oid}&aid={aid}"),
        ("entertain", "https://entertain.naver.com/read?oid={oid}&aid={aid}"),
    ],
)
def test_sports_and_entertain_redirect(sim, articles, layout, location):
    article = _first(articles, layout)
    status, headers, _ = fetch(sim, article_path(article))
    assert status == 302
    assert headers["Location"] == location.format(oid=article.oid, aid=article.aid)
    path = headers["Location"].split(".com", 1)[1]
    status, headers, body = fetch(sim, path)
    assert status == 200 and headers["Content-Type"] == "text/html;charset=UTF-8"
    html = body.decode("utf-8")
    if layout == "sports":
        assert '<h4 class="title">' in html and 'id="newsEndContents"' in html
        assert f"<b>기사제공</b> {article.press}" in html
        assert f'content="네이버 스포츠 | {article.press}"' in html
        assert fetch(sim, path.replace("/news.nhn", "/news"))[2] == body
    else:
        assert '<h2 class="end_tit">' in html and 'id="articeBody"' in html
        assert '<span class="author">기사입력 <em>' in html
        assert f'content="{article.press} | 네이버 연예"' in html


def test_unknown_articles_are_404(sim):
    for path in (
        "/mnews/article/001/0000000001",
        "/main/read.naver?oid=999&aid=9999999999",
        "/nope",
    ):
        status, _, body = fetch(sim, path)
        assert status == 404 and "찾을 수 없습니다".encode() in body


def test_robots_health_and_stats(sim):
    status, _, body = fetch(sim, "/robots.txt")
    assert status == 200 and body == b"User-agent: *\nDisallow: /\n"
    assert json.loads(fetch(sim, "/_sim/health")[2]) == {"ok": True}
    stats = json.loads(fetch(sim, "/_sim/stats")[2])
    assert stats["faults"] == {"429": 0, "503": 0, "reset": 0, "slow": 0, "truncated": 0}


def test_keep_alive():
    with running_simulator(seed=SEED, articles_per_day=50) as url:
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        for _ in range(3):
            connection.request("GET", list_path("100", 1))
            reply = connection.getresponse()
            assert reply.status == 200 and len(reply.read()) == int(reply.headers["Content-Length"])
        connection.close()


# --- faults ----------------------------------------------------------------------------


def _outcome(url: str) -> str:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=20) as reply:
            reply.read()
    except urllib.error.HTTPError as error:
        assert error.headers["Retry-After"] == "1"
        return str(error.code)
    except http.client.IncompleteRead:
        return "truncated"
    except (ConnectionError, http.client.RemoteDisconnected, urllib.error.URLError):
        return "reset"
    return "slow" if time.monotonic() - started >= 0.9 else "ok"


def test_faults_at_rate_one_hit_every_kind():
    with running_simulator(seed=SEED, articles_per_day=50, fault_rate=1.0) as url:
        targets = [url + list_path("100", 1)] * 60
        with ThreadPoolExecutor(max_workers=60) as pool:
            outcomes = Counter(pool.map(_outcome, targets))
        status, _, body = fetch(url, "/_sim/stats")
        health = fetch(url, "/_sim/health")[0]
    faults = json.loads(body)["faults"]
    assert status == 200 and health == 200  # /_sim/* never faults
    assert set(faults) == {"429", "503", "reset", "slow", "truncated"}
    assert all(count > 0 for count in faults.values()), faults
    assert sum(faults.values()) == 60
    assert outcomes["ok"] == 0
    for kind in ("429", "503", "slow", "truncated"):
        assert outcomes[kind] == faults[kind], (outcomes, faults)


# --- the command line ------------------------------------------------------------------


def test_usage_error_is_one_line_and_exit_2():
    done = subprocess.run(
        [sys.executable, "-m", "newscrawler.sim", "--port", "abc"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "--port" in done.stderr


def test_serve_prints_one_line_and_stops_on_sigterm():
    command = [sys.executable, "-m", "newscrawler.sim", "--port", "0", "--seed", "4"]
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = child.stdout.readline()
        assert re.fullmatch(
            r"newscrawler sim: serving http://127\.0\.0\.1:\d+ "
            r"\(seed=4, articles-per-day=3000, fault-rate=0\.0\)\n",
            line,
        )
        url = line.split()[3]
        assert fetch(url, "/_sim/health")[0] == 200
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=10) == 0
        assert child.stdout.read() == "" and child.stderr.read() == ""
    finally:
        child.kill()
        child.communicate()
