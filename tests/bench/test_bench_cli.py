"""``newscrawler bench --quick``: one real CI-sized run, its JSON and chart (no timing asserts)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from numbers import Real

import pytest

from tests.support.cli import newscrawler
from tests.support.paths import ROOT, require

FORMATS = {"parquet", "jsonl.gz", "jsonl"}
CONTENDERS = {"ours", "scrapy_floor", "sequential"}


@pytest.fixture(scope="module")
def bench(naver_pages, tmp_path_factory):
    require(
        all(importlib.util.find_spec(name) for name in ("requests", "bs4")),
        "the bench extra is not installed: pip install -e '.[bench]'",
    )
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, "-m", "newscrawler", "bench", "--quick"]
    command += ["--json", str(out / "bench.json"), "--chart", str(out / "bench.png")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((out / "bench.json").read_text(encoding="utf-8")), out, done


def positive(value) -> bool:
    return isinstance(value, Real) and value > 0


def test_extraction_covers_every_captured_article_and_list_page(bench, naver_pages):
    results, _, _ = bench
    pages = {
        p.name
        for p in naver_pages.glob("*.html")
        if p.name.startswith(("article_", "sports_", "list_"))
    }
    assert set(results["extract_ms"]) == pages
    assert set(results["parse_floor_ms"]) == pages
    assert all(
        positive(ms)
        for ms in [*results["extract_ms"].values(), *results["parse_floor_ms"].values()]
    )


def test_crawl_figures_for_each_contender_and_latency(bench):
    crawl = bench[0]["crawl"]
    assert set(crawl) == {"latency_0", "latency_100"}
    for latency in crawl.values():
        assert set(latency) >= CONTENDERS
        for name in CONTENDERS:
            assert positive(latency[name]["articles_per_s"])
            assert positive(latency[name]["cpu_ms_per_article"])
        # The floor fetched exactly the article URLs our crawl fetched.
        assert latency["scrapy_floor"]["articles"] == latency["ours"]["articles"]


def test_requests_memory_output_and_fleet(bench):
    results = bench[0]
    assert results["requests_per_article"] >= 1  # every article is one request, lists add more
    assert set(results["peak_rss_mb"]) == {"3000", "30000"}
    assert all(positive(mb) for mb in results["peak_rss_mb"].values())
    assert set(results["bytes_per_article"]) == FORMATS == set(results["daily_count_query_s"])
    assert all(
        positive(v)
        for v in [*results["bytes_per_article"].values(), *results["daily_count_query_s"].values()]
    )
    assert results["bytes_per_article"]["jsonl"] > results["bytes_per_article"]["jsonl.gz"]
    fleet = results["fleet"]
    assert all(positive(fleet[key]) for key in ("dynamic_s", "static_s", "lower_bound_s"))
    # No schedule beats the bound computed from its own per-date times.
    assert fleet["lower_bound_s"] <= fleet["dynamic_s"]
    assert fleet["static_lower_bound_s"] <= fleet["static_s"]


def test_table_and_chart(bench):
    _, out, done = bench
    assert "Targets" in done.stdout and "Traceback" not in done.stderr
    assert (out / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_json_folder_is_a_usage_error(tmp_path, capsys):
    assert newscrawler("bench", "--quick", "--json", str(tmp_path / "no" / "such.json")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newscrawler bench: error: --json")
