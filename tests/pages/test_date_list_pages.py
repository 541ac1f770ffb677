"""Every date list case, through ``DateListPage``: one test per field."""

from __future__ import annotations

import functools
import json
from datetime import datetime

import pytest

from newscrawler.pages import DateListPage, html_response
from tests.support.paths import TESTS

FIXTURES = TESTS / "pages" / "fixtures"
CASES = sorted((FIXTURES / "datelist").glob("*.json")) + [
    case
    for case in sorted((FIXTURES / "variants").glob("*.json"))
    if json.loads(case.read_text(encoding="utf-8")).get("layout") == "list.naver"
]
FIELDS = ["articles", "page", "last_page", "has_more_pages", "links"]


def case_id(case) -> str:
    return f"{case.parent.name}/{case.stem}"


@pytest.fixture
def listing(read_case):
    """``listing(case) -> (page, output, spec)``."""
    return functools.partial(_listing, read_case)


@functools.cache
def _listing(read_case, case):
    spec, body = read_case(case)
    page = DateListPage(html_response(spec["url"], body, spec.get("content_type")))
    output = {
        **page.to_dict(),
        "has_more_pages": page.has_more_pages(),
        "links": list(page.links().values()),
    }
    return page, output, spec


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_field(listing, case, field):
    _, output, spec = listing(case)
    assert output[field] == spec["expected"][field]


def test_relative_list_times(listing):
    """``2분전``, ``1일전``, ``방금``: read against the time the page was served."""
    page, _, spec = listing(FIXTURES / "variants" / "list_relative_times.json")
    now = datetime.fromisoformat(spec["now"])
    times = [t.isoformat() if t else None for t in page.listed_at(now).values()]
    assert times == spec["expected"]["listed_at"]


def test_relative_times_default_to_the_date_header(read_case):
    spec, body = read_case(FIXTURES / "variants" / "list_relative_times.json")
    response = html_response(spec["url"], body, spec["content_type"]).replace(
        headers={"Content-Type": spec["content_type"], "Date": "Thu, 30 May 2024 14:59:00 GMT"}
    )
    times = list(DateListPage(response).listed_at().values())
    assert [t.isoformat() for t in times[:2]] == spec["expected"]["listed_at"][:2]


def test_ranking_asides_are_not_listed(listing, naver_pages):
    """The page links ~100 other articles (rankings, asides); only the 20 listed count."""
    body = (naver_pages / "list_LSD_100_20260530_p1.html").read_bytes()
    assert body.count(b"/article/") + body.count(b"aid=") > 40
    _page, output, _ = listing(FIXTURES / "datelist" / "list_LSD_100_20260530_p1.json")
    assert len(output["articles"]) == 20


def test_lpod_headline_and_items_are_all_listed(listing, read_case):
    """The per-press list: the ``dl.type04`` headline first, then every ``ul.type02`` item;
    the ranking aside beside it links two more articles that are not listed."""
    case = FIXTURES / "variants" / "lpod_list.json"
    _, body = read_case(case)
    _page, output, _ = listing(case)
    assert b"ntype=RANKING" in body
    assert [a["aid"] for a in output["articles"]] == [f"00147000{n:02d}" for n in range(1, 6)]


def test_empty_list_yields_nothing(listing):
    page, output, _ = listing(FIXTURES / "variants" / "list_empty.json")
    assert page.is_date_list()
    assert output["articles"] == [] and output["last_page"] == 1


def test_real_euc_kr_list_reads_hangul(listing):
    page, _, _ = listing(FIXTURES / "datelist" / "list_LSD_100_20260530_p1.json")
    assert page.response.encoding == "cp949"
    assert "정치" in page.response.text
