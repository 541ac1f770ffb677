"""Crawls of the local simulator: coverage, duplicates, faults, stats, the layout alarm."""

from __future__ import annotations

import pytest

from newscrawler.sim.catalog import LAYOUTS, articles_for
from newscrawler.sim.server import running_simulator
from tests.support.cli import run_crawl
from tests.support.servers import fetch_json

SEED, PER_DAY, DATE = 3, 300, "20180105"


@pytest.fixture(scope="module")
def faulty_sim():
    with running_simulator(seed=SEED, articles_per_day=PER_DAY, fault_rate=0.05) as url:
        yield url


@pytest.fixture(scope="module")
def faulty_crawl(faulty_sim, tmp_path_factory):
    return run_crawl(tmp_path_factory.mktemp("crawl"), {"NAVER_BASE_URL": faulty_sim}, date=DATE)


def test_every_listed_article_once_despite_faults(faulty_sim, faulty_crawl):
    truth = fetch_json(f"{faulty_sim}/_sim/articles?date={DATE}")
    keys = [(item["oid"], item["aid"]) for item in faulty_crawl["items"]]
    assert len(keys) == len(set(keys)), "duplicates"
    assert set(keys) == {(row["oid"], row["aid"]) for row in truth}
    assert faulty_crawl["failure"] is None


def test_faults_were_injected_and_retried(faulty_sim, faulty_crawl):
    injected = fetch_json(f"{faulty_sim}/_sim/stats")
    stats = faulty_crawl["stats"]
    assert sum(injected["faults"].values()) > 0
    assert stats["retry/count"] > 0
    assert stats.get("newscrawler/articles_failed", 0) == 0


def test_stats_say_listed_crawled_retried_failed(faulty_sim, faulty_crawl):
    truth = fetch_json(f"{faulty_sim}/_sim/articles?date={DATE}")
    stats = faulty_crawl["stats"]
    assert stats["newscrawler/articles_listed"] == len(truth)
    assert stats["item_scraped_count"] == len(truth)
    assert stats["newscrawler/articles_listed_again"] > 0  # cross-listed in two sections
    for key in ("retry/count", "newscrawler/list_pages"):
        assert key in stats


def test_items_match_the_simulated_articles(faulty_crawl):
    catalog = {(a.oid, a.aid): a for a in articles_for(SEED, DATE, PER_DAY)}
    layouts = set()
    for item in faulty_crawl["items"]:
        article = catalog[(item["oid"], item["aid"])]
        layouts.add(article.layout)
        assert item["title"] == article.title
        assert item["press"] == article.press
        assert item["content"] == "\n".join(article.paragraphs)
        assert item["authors"] == article.authors
        assert item["section"] == article.section
        assert item["date"] == DATE
        assert item["time"] == article.published.strftime("%Y-%m-%d %H:%M:%S")
        assert item["published_at"] == article.published.isoformat() + "+09:00"
        expected_modified = article.modified.isoformat() + "+09:00" if article.modified else None
        assert item["modified_at"] == expected_modified
        assert item["url"] == f"https://n.news.naver.com/mnews/article/{item['oid']}/{item['aid']}"
    assert layouts == set(LAYOUTS)


def test_one_section(tmp_path):
    with running_simulator(seed=SEED, articles_per_day=PER_DAY) as url:
        result = run_crawl(tmp_path, {"NAVER_BASE_URL": url}, date="2018-01-06", sections="105")
        truth = fetch_json(f"{url}/_sim/articles?date=20180106")
    expected = {(row["oid"], row["aid"]) for row in truth if row["section"] == "105"}
    got = {(item["oid"], item["aid"]) for item in result["items"]}
    assert expected <= got  # articles cross-listed into 105 come along
    assert {item["section"] for item in result["items"]} >= {"105"}


def test_a_crawl_of_variant_pages_commits_exactly_what_is_valid(tmp_path):
    """Hostile and variant pages (broken markup, 10 MB, wrong encodings, LPOD-style lists,
    scripts-only bodies...) inside a date: what is valid is extracted, the rest counted."""
    with running_simulator(seed=SEED, articles_per_day=200, variants=True) as url:
        crawl = run_crawl(tmp_path, {"NAVER_BASE_URL": url}, date=DATE)
        truth = {(a["oid"], a["aid"]) for a in fetch_json(f"{url}/_sim/articles?date={DATE}")}
        variants = fetch_json(f"{url}/_sim/variants?date={DATE}")
    assert crawl["failure"] is None
    keys = [(item["oid"], item["aid"]) for item in crawl["items"]]
    assert len(keys) == len(set(keys)) and set(keys) == truth
    unknown = [v for v in variants if v["expected"] == "unknown"]
    assert crawl["stats"].get("newscrawler/articles_unknown_layout", 0) == len(unknown)
    served = {v["variant"] for v in variants}
    assert {"huge_body", "control_title"} <= served  # the date really held variants
    for item in crawl["items"]:
        assert item["title"] and item["title"].isprintable()
