"""``--variants``: hostile and variant pages at stable URLs, and the truth that stays exact."""

from __future__ import annotations

import gzip
import json
import re
import urllib.request
from collections.abc import Iterator

import pytest
from parsel import Selector

from newscrawler.sim import catalog, date_list, variants
from newscrawler.sim.routes import Response, Site
from newscrawler.sim.server import running_simulator

SEED, PER_DAY, DATE = 11, 400, variants.SAMPLE_DATE
INVISIBLE = re.compile("[\x00-\x1f\u200b-\u200f\u2060\ufeff]")


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(SEED, PER_DAY, dict, variants=True)


@pytest.fixture(scope="module")
def listing(site) -> dict[str, dict]:
    payload = json.loads(site.handle("/_sim/variants").body)
    return {v["name"]: v for v in payload["variants"]}


def get(site: Site, url: str) -> Response:
    """The page at a Naver URL, following the simulator's host redirects."""
    response = site.handle(url.split(".com", 1)[1])
    if response.status == 302:
        response = site.handle(response.location.split(".com", 1)[1])
    return response


def text(response: Response) -> str:
    return response.body.decode(response.content_type.split("charset=")[1])


def test_variants_are_off_unless_asked():
    plain = Site(SEED, PER_DAY, dict)
    assert plain.handle("/_sim/variants").status == 404
    truth = json.loads(plain.handle(f"/_sim/articles?date={DATE}").body)
    assert truth == [
        {"oid": e.oid, "aid": e.aid, "section": e.section}
        for e in catalog.entries(SEED, DATE, PER_DAY)
    ]


def test_every_variant_has_a_stable_naver_url(site, listing):
    names = {v.name for v in variants.ARTICLE_VARIANTS}
    assert names | {
        "list_relative",
        "list_type02",
        "list_broken",
        "list_lpod",
        "list_empty",
    } == set(listing)
    for name, entry in listing.items():
        assert re.match(r"https://(n\.news|news|sports\.news)\.naver\.com/", entry["url"]), name
        assert get(site, entry["url"]).status == 200, name
    fresh = Site(SEED, PER_DAY, dict, variants=True)  # stable per seed: a new process agrees
    again = json.loads(fresh.handle("/_sim/variants").body)["variants"]
    assert {v["name"]: v for v in again} == listing


def test_truth_leaves_out_only_what_cannot_be_extracted(site):
    truth = {
        (r["oid"], r["aid"]) for r in json.loads(site.handle(f"/_sim/articles?date={DATE}").body)
    }
    marked = json.loads(site.handle(f"/_sim/variants?date={DATE}").body)
    unknown = {(r["oid"], r["aid"]) for r in marked if r["expected"] == "unknown"}
    everything = {(e.oid, e.aid) for e in catalog.entries(SEED, DATE, PER_DAY)}
    assert unknown and truth == everything - unknown
    assert {r["variant"] for r in marked} >= {"press_header_2026", "huge_body", "only_scripts"}
    assert all(r["expected"] == variants.BY_NAME[r["variant"]].expected for r in marked)


def _expected(listing: dict, name: str) -> dict:
    return listing[name]["expected"]


def test_article_variants_carry_their_markup(site, listing):
    page = {name: get(site, listing[name]["url"]) for name in listing}
    broken = page["broken_markup"].body
    assert b"</html>" not in broken and b"</body>" not in broken
    assert page["deep_nesting"].body.count(b'<div class="_nest">') == variants.NESTING
    lying = page["euc_kr_declared_utf8"]
    assert lying.content_type == "text/html;charset=UTF-8" and b'charset="utf-8"' in lying.body
    with pytest.raises(UnicodeDecodeError):
        lying.body.decode("utf-8")
    assert _expected(listing, "euc_kr_declared_utf8")["title"] in lying.body.decode("cp949")
    reverse = page["utf8_declared_euc_kr"]
    assert (
        reverse.content_type == "text/html;charset=EUC-KR" and b'charset="euc-kr"' in reverse.body
    )
    assert _expected(listing, "utf8_declared_euc_kr")["title"] in reverse.body.decode("utf-8")
    scripts = Selector(text=text(page["only_scripts"]))
    assert scripts.css("body > *").xpath("name()").getall() == ["script"] * 3
    assert not scripts.css("#dic_area") and _expected(listing, "only_scripts") == {
        "status": "unknown"
    }
    huge = page["huge_body"]
    assert len(huge.body) > variants.HUGE_BYTES
    assert gzip.decompress(huge.content.gzip()) == huge.body


def test_a_correct_extraction_is_possible_from_each_page(site, listing):
    """Read each variant with the reference notes' selectors: the expectation is reachable."""
    for name in ("broken_markup", "deep_nesting", "control_title", "press_header_2026"):
        expected = _expected(listing, name)
        html = Selector(text=text(get(site, listing[name]["url"])))
        title = html.css("h2.media_end_head_headline").xpath("string()").get()
        title = INVISIBLE.sub("", title)
        assert title == expected["title"], name
        body = html.css("#dic_area").xpath("string()").get()
        assert expected["paragraphs"][-1] in body, name
    header = Selector(text=text(get(site, listing["press_header_2026"]["url"])))
    press = _expected(listing, "press_header_2026")["press"]
    assert (
        header.css("div.media_end_head_top_thumb img.media_end_head_top_img::attr(alt)").get()
        == press
    )
    assert header.css("span.media_end_head_top_press::text").get() == press
    assert not header.css("img.media_end_head_top_logo_img")
    raw_title = (
        Selector(text=text(get(site, listing["control_title"]["url"]))).css("title::text").get()
    )
    assert INVISIBLE.search(raw_title)
    sports = Selector(text=text(get(site, listing["sports_guide_footer"]["url"])))
    assert sports.css("#newsEndContents div.guide_categorize p.guide_text")
    for name in ("euc_kr_declared_utf8", "utf8_declared_euc_kr"):
        raw = get(site, listing[name]["url"]).body
        html = Selector(
            text=raw.decode("utf-8") if name.startswith("utf8") else raw.decode("cp949")
        )
        assert html.css("#articleTitle::text").get() == _expected(listing, name)["title"]


def list_keys(html: str) -> list[list[str]]:
    """(oid, aid) of every article link in `div.list_body` (whatever the item template)."""
    body = Selector(text=html).css("div.list_body")
    keys = []
    for href in body.css("dt:not(.photo) a::attr(href), ul.type02 li > a::attr(href)").getall():
        match = re.search(r"article/(\d{3})/(\d{10})|oid=(\d{3})&aid=(\d{10})", href)
        keys.append([g for g in match.groups() if g])
    return keys


def test_list_variants_list_exactly_their_articles(site, listing):
    for name in ("list_relative", "list_type02", "list_broken", "list_lpod", "list_empty"):
        html = text(get(site, listing[name]["url"]))
        assert list_keys(html) == _expected(listing, name)["articles"], name
    assert re.search(r'<span class="date">\d+(분전|시간전)|<span class="date">1일전', text(
        get(site, listing["list_relative"]["url"])))  # fmt: skip
    lpod = Selector(text=text(get(site, listing["list_lpod"]["url"])))
    assert len(lpod.css("div.list_body dl.type04")) == 1 and lpod.css("div.list_body ul.type02 li")
    assert all(key[0] == "001" for key in _expected(listing, "list_lpod")["articles"])


def test_a_section_is_still_listed_whole_across_variant_pages(site):
    listed = catalog.section_entries(SEED, DATE, PER_DAY, "102")
    pages = date_list.page_count(len(listed))
    assert pages >= 5  # every style appears
    seen = []
    for page in range(1, pages + 1):
        path = f"/main/list.naver?mode=LSD&mid=sec&sid1=102&date={DATE}&page={page}"
        seen += list_keys(text(site.handle(path)))
    assert seen == [[e.oid, e.aid] for e in listed]


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with running_simulator(seed=SEED, articles_per_day=PER_DAY, variants=True) as url:
        yield url


def test_served_over_http(served):
    with urllib.request.urlopen(served + "/_sim/variants", timeout=30) as reply:
        listing = json.loads(reply.read())
    assert listing["unknown"] == ["only_scripts"]
    huge = next(v for v in listing["variants"] if v["name"] == "huge_body")
    request = urllib.request.Request(
        served + huge["url"].split(".com", 1)[1], headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        assert len(gzip.decompress(reply.read())) > variants.HUGE_BYTES
