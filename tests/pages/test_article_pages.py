"""Every article case, through the page objects: one test per field.

Cases live in ``fixtures/<page object module>/``: the captured pages of each layout, the
hand-made pages of layouts with no capture, and in ``fixtures/variants/`` the markup variants.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict

import pytest

from newscrawler.pages import ARTICLE_PAGES, LAYOUTS, article_page_for, html_response
from tests.support.paths import TESTS

FIXTURES = TESTS / "pages" / "fixtures"
FOLDERS = [page.__module__.rsplit(".", 1)[1] for page in ARTICLE_PAGES]
CASES = [case for folder in FOLDERS for case in sorted((FIXTURES / folder).glob("*.json"))] + [
    case
    for case in sorted((FIXTURES / "variants").glob("*.json"))
    if json.loads(case.read_text(encoding="utf-8")).get("layout") in LAYOUTS
]
FIELDS = [
    "oid",
    "aid",
    "url",
    "date",
    "section",
    "section_name",
    "press",
    "title",
    "content",
    "authors",
    "published_at",
    "modified_at",
    "time",
]


def case_id(case) -> str:
    return f"{case.parent.name}/{case.stem}"


@pytest.fixture
def extracted(read_case):
    """``extracted(case) -> (page, item, spec)``, each case read once per session."""
    return functools.partial(_extracted, read_case)


@functools.cache
def _extracted(read_case, case):
    spec, body = read_case(case)
    page = article_page_for(html_response(spec["url"], body, spec.get("content_type")))
    return page, asdict(page.to_item()), spec


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_field(extracted, case, field):
    _, item, spec = extracted(case)
    assert item[field] == spec["expected"][field]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_layout(extracted, case):
    page, _, spec = extracted(case)
    assert page.layout == spec["layout"]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_crawled_at_is_utc_now(extracted, case):
    _, item, _ = extracted(case)
    assert item["crawled_at"].endswith("+00:00")


CAPTURED = [case for case in CASES if "content_includes" in json.loads(case.read_text())]


@pytest.mark.parametrize("case", CAPTURED, ids=case_id)
def test_content_keeps_the_text_and_drops_the_noise(extracted, case):
    """Why the expected content is right: the sentences a reader sees, none of the clutter."""
    _, item, spec = extracted(case)
    lines = item["content"].split("\n")
    assert lines[0] == spec["content_first_line"]
    assert lines[-1] == spec["content_last_line"]
    for sentence in spec["content_includes"]:
        assert sentence in item["content"]
    for noise in spec["content_excludes"]:
        assert noise not in item["content"]
    assert all(line == line.strip() and line for line in lines)


def test_every_layout_has_cases():
    """One vocabulary: the layouts the page objects name are the layouts the cases cover."""
    assert LAYOUTS == ("2023", "2022", "read.naver", "sports", "entertain")
    covered = {json.loads(case.read_text())["layout"] for case in CASES}
    assert covered == set(LAYOUTS)
    for folder in FOLDERS:
        assert list((FIXTURES / folder).glob("*.json")), f"no case for {folder}"
