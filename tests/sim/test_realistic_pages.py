"""Realistic simulator pages: sizes like the real captures, gzip as Naver sends it, latency."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import statistics
import time
from collections import defaultdict
from pathlib import Path

import pytest

from newscrawler.sim import catalog
from newscrawler.sim.routes import Site
from newscrawler.sim.server import running_simulator

SEED, PER_DAY = 5, 600
DATES = ("20240530", "20240531")
KB = 1024
# Which capture stands for which simulated layout (see ../shared/naver_pages/SOURCES.md).
CAPTURE_LAYOUTS = {
    "article_new_": "2023",
    "article_old_": "read.naver",
    "sports_": "sports",
    "list_": "list",
}


def capture_sizes(pages: Path) -> dict[str, list[int]]:
    """Byte sizes of the captures, by layout; legacy pages measured as EUC-KR, as served."""
    sizes: dict[str, list[int]] = defaultdict(list)
    for path in sorted(pages.glob("*.html")):
        layout = next((v for k, v in CAPTURE_LAYOUTS.items() if path.name.startswith(k)), None)
        if layout is None:
            continue
        raw = path.read_bytes()
        if layout in ("read.naver", "list"):
            # Saved captures are often UTF-8 re-encodings of EUC-KR pages (SOURCES.md note a).
            with contextlib.suppress(UnicodeDecodeError):
                raw = raw.decode("utf-8").encode("cp949", "xmlcharrefreplace")
        sizes[layout].append(len(raw))
    return sizes


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(SEED, PER_DAY, dict)


@pytest.fixture(scope="module")
def simulated_sizes(site) -> dict[str, list[int]]:
    sizes: dict[str, list[int]] = defaultdict(list)
    for date in DATES:
        for entry in catalog.entries(SEED, date, PER_DAY):
            url = catalog.canonical_url(entry.layout, entry.section, entry.oid, entry.aid)
            sizes[entry.layout].append(len(site.handle(url.split(".com", 1)[1]).body))
        for sid1 in ("100", "101", "102", "103", "104", "105", "110"):
            for page in (1, 2, 3, 1000):
                path = f"/main/list.naver?mode=LSD&mid=sec&sid1={sid1}&date={date}&page={page}"
                sizes["list"].append(len(site.handle(path).body))
    return sizes


def test_sizes_match_the_captures(naver_pages, simulated_sizes):
    captured = capture_sizes(naver_pages)
    assert set(captured) == {"2023", "read.naver", "sports", "list"}
    for layout, sizes in captured.items():
        low, high = min(sizes) * 0.95, max(sizes) * 1.05
        median = statistics.median(simulated_sizes[layout])
        assert low <= median <= high, (layout, median, sorted(sizes))
    # The 2022 layout has no capture; it shares the n.news furniture of the 2023 one.
    assert low_high(simulated_sizes["2022"]) == low_high(simulated_sizes["2023"])


def low_high(sizes: list[int]) -> tuple[bool, bool]:
    return min(sizes) >= 200 * KB, max(sizes) <= 300 * KB


def test_size_ranges(simulated_sizes):
    assert low_high(simulated_sizes["2023"]) == (True, True)
    spread = simulated_sizes["2023"]
    assert max(spread) - min(spread) > 60 * KB  # a spread, like the captures', not one size
    assert all(175 * KB <= size <= 200 * KB for size in simulated_sizes["list"])


def test_gzip_when_accepted_and_identical_content(site):
    with running_simulator(seed=SEED, articles_per_day=PER_DAY) as url:
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        entry = next(e for e in catalog.entries(SEED, DATES[0], PER_DAY) if e.layout == "2023")
        path = f"/mnews/article/{entry.oid}/{entry.aid}"
        bodies = {}
        for accept in ("gzip, deflate, br", "identity", "gzip;q=0", None):
            headers = {"Accept-Encoding": accept} if accept else {}
            connection.request("GET", path, headers=headers)
            reply = connection.getresponse()
            body = reply.read()
            assert len(body) == int(reply.headers["Content-Length"])
            bodies[accept] = (reply.headers.get("Content-Encoding"), body)
        connection.close()
    encoding, packed = bodies["gzip, deflate, br"]
    assert encoding == "gzip" and len(packed) < len(bodies["identity"][1]) / 4
    assert gzip.decompress(packed) == bodies["identity"][1] == site.handle(path).body
    assert bodies["gzip;q=0"][0] is None and bodies[None][0] is None


def test_every_page_kind_gzips_to_the_same_bytes(site):
    entries = catalog.entries(SEED, DATES[0], PER_DAY)
    for layout in catalog.LAYOUTS:
        entry = next(e for e in entries if e.layout == layout)
        url = catalog.canonical_url(entry.layout, entry.section, entry.oid, entry.aid)
        response = site.handle(url.split(".com", 1)[1])
        assert gzip.decompress(response.content.gzip()) == response.body, layout
    listing = site.handle(f"/main/list.naver?mode=LSD&mid=sec&sid1=101&date={DATES[0]}")
    assert gzip.decompress(listing.content.gzip()) == listing.body


def test_pages_cost_far_less_than_parsing_them(site):
    entries = catalog.entries(SEED, "20240601", PER_DAY)
    paths = [
        catalog.canonical_url(e.layout, e.section, e.oid, e.aid).split(".com", 1)[1]
        for e in entries[:150]
    ]
    site.handle(paths[0]).content.gzip()  # build the date's asides once
    started = time.process_time()
    for path in paths[1:]:
        site.handle(path).content.gzip()
    per_page = (time.process_time() - started) / (len(paths) - 1)
    # Parsing one such page with lxml takes several ms on this class of machine.
    assert per_page < 0.004, f"{per_page * 1000:.2f} ms per page"


def test_latency_delays_each_response():
    with running_simulator(seed=SEED, articles_per_day=50, latency_ms=150) as url:
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        started = time.monotonic()
        for _ in range(3):
            connection.request("GET", "/_sim/health")
            assert connection.getresponse().read() == b'{"ok": true}'
        elapsed = time.monotonic() - started
        connection.close()
    assert 0.45 <= elapsed < 2.0
