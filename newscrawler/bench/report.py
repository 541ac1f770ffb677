"""What a bench run shows: rich tables of its figures, the targets of issue 11, and a chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from pathlib import Path

ARTICLE_PAGES = ("article_", "sports_")


@dataclass(frozen=True)
class Target:
    name: str
    goal: str
    measured: str
    holds: bool


def targets(results: dict) -> list[Target]:
    """Each target of the performance issue against the measured medians."""
    extract, floor = results["extract_ms"], results["parse_floor_ms"]
    articles = [page for page in extract if page.startswith(ARTICLE_PAGES)]
    slowest = max(extract[page] for page in articles)
    ratio = max(extract[page] / floor[page] for page in articles)
    zero, slow = results["crawl"]["latency_0"], results["crawl"]["latency_100"]
    vs_floor = zero["ours"]["articles_per_s"] / zero["scrapy_floor"]["articles_per_s"]
    vs_sequential = slow["ours"]["articles_per_s"] / slow["sequential"]["articles_per_s"]
    rss = results["peak_rss_mb"]
    growth = rss["30000"] / rss["3000"]
    size, query = results["bytes_per_article"], results["daily_count_query_s"]
    speedup = query["jsonl.gz"] / query["parquet"]
    fleet = results["fleet"]
    cpu = zero["ours"]["cpu_ms_per_article"]
    return [
        Target(
            "extraction per article page", "≤ 4 ms", f"{slowest:.2f} ms (slowest)", slowest <= 4
        ),
        Target("extraction / parse floor", "≤ 1.5x", f"{ratio:.2f}x (worst)", ratio <= 1.5),
        Target("crawl CPU per article", "≤ 6 ms", f"{cpu:.2f} ms", cpu <= 6),
        Target("throughput vs bare Scrapy, 0 ms", "≥ 0.6x", f"{vs_floor:.2f}x", vs_floor >= 0.6),
        Target(
            "throughput vs sequential, 100 ms",
            "≥ 10x",
            f"{vs_sequential:.1f}x",
            vs_sequential >= 10,
        ),
        Target(
            "requests per article",
            "≤ 1.06",
            f"{results['requests_per_article']:.3f}",
            results["requests_per_article"] <= 1.06,
        ),
        Target("peak RSS", "≤ 300 MB", f"{max(rss.values()):.0f} MB", max(rss.values()) <= 300),
        Target("peak RSS, 10x the articles", "≤ 1.2x", f"{growth:.2f}x", growth <= 1.2),
        Target(
            "Parquet vs gzip JSONL, bytes",
            "≤ 1x",
            f"{size['parquet'] / size['jsonl.gz']:.2f}x",
            size["parquet"] <= size["jsonl.gz"],
        ),
        Target("daily count, Parquet speed-up", "≥ 5x", f"{speedup:.1f}x", speedup >= 5),
        Target(
            "fleet makespan vs lower bound",
            "≤ 1.15x",
            f"{fleet['dynamic_vs_bound']:.2f}x",
            fleet["dynamic_vs_bound"] <= 1.15,
        ),
    ]


def tables(results: dict) -> list[Table]:
    """The tables ``newscrawler bench`` prints."""
    return [
        _extraction(results),
        _crawl(results),
        _memory_output_fleet(results),
        _targets(targets(results)),
    ]


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _extraction(results: dict) -> Table:
    table = _table(
        "Extraction per real page (median ms)", "page", "extract", "parse floor", "ratio"
    )
    for page, ms in results["extract_ms"].items():
        floor = results["parse_floor_ms"][page]
        table.add_row(page, f"{ms:.2f}", f"{floor:.2f}", f"{ms / floor:.2f}x")
    return table


def _crawl(results: dict) -> Table:
    table = _table(
        "Crawl of one date (medians)",
        "latency",
        "crawler",
        "articles",
        "articles/s",
        "CPU ms/article",
    )
    for key, contenders in results["crawl"].items():
        latency = f"+{key.removeprefix('latency_')} ms"
        for name in ("ours", "scrapy_floor", "sequential"):
            figures = contenders[name]
            table.add_row(
                latency,
                name.replace("_", " "),
                f"{figures['articles']:.0f}",
                f"{figures['articles_per_s']:.1f}",
                f"{figures['cpu_ms_per_article']:.1f}",
            )
    return table


def _memory_output_fleet(results: dict) -> Table:
    table = _table("Requests, memory, output, fleet (medians)", "measure", "value")
    table.add_row("requests per article", f"{results['requests_per_article']:.3f}")
    for key, mb in results["peak_rss_mb"].items():
        per_day = results["peak_rss_articles_per_day"][key]
        table.add_row(f"peak RSS, {per_day} articles/day", f"{mb:.0f} MB")
    for fmt, size in results["bytes_per_article"].items():
        table.add_row(f"bytes per article, {fmt}", f"{size:.0f}")
    for fmt, seconds in results["daily_count_query_s"].items():
        table.add_row(f"daily count over {results['query_dates']} dates, {fmt}", f"{seconds:.3f} s")
    fleet = results["fleet"]
    table.add_row(
        f"fleet, dynamic dispatch ({fleet['slots']} slots)", f"{fleet['dynamic_s']:.1f} s"
    )
    table.add_row("fleet, static split", f"{fleet['static_s']:.1f} s")
    table.add_row("fleet, lower bound", f"{fleet['lower_bound_s']:.1f} s")
    return table


def _targets(rows: list[Target]) -> Table:
    table = _table("Targets", "target", "goal", "measured", "holds")
    for row in rows:
        table.add_row(row.name, row.goal, row.measured, "yes" if row.holds else "[bold red]no[/]")
    return table


def markdown_targets(results: dict) -> str:
    """The targets as a Markdown table (for the README)."""
    lines = ["| target | goal | measured | holds |", "|---|---:|---:|:---:|"]
    for row in targets(results):
        lines.append(
            f"| {row.name} | {row.goal} | {row.measured} | {'yes' if row.holds else 'no'} |"
        )
    return "\n".join(lines)


def chart(results: dict, path: Path) -> None:
    """Four panels: extraction vs floor, crawl throughput, peak RSS, fleet makespan."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(12, 8))
    pages = list(results["extract_ms"])
    short = [page.removesuffix(".html")[:22] for page in pages]
    positions = range(len(pages))
    extraction = axes[0][0]
    extraction.barh(
        [p + 0.2 for p in positions],
        [results["extract_ms"][p] for p in pages],
        0.4,
        label="extract",
    )
    extraction.barh(
        [p - 0.2 for p in positions],
        [results["parse_floor_ms"][p] for p in pages],
        0.4,
        label="parse floor",
    )
    extraction.set_yticks(list(positions), short, fontsize=7)
    extraction.axvline(4, color="red", linestyle="--", label="target 4 ms")
    extraction.set_xlabel("ms per page (median)")
    extraction.set_title("Extraction of real Naver pages")
    extraction.legend()

    crawl = axes[0][1]
    names = ["ours", "scrapy_floor", "sequential"]
    for offset, key in ((-0.2, "latency_0"), (0.2, "latency_100")):
        rates = [results["crawl"][key][name]["articles_per_s"] for name in names]
        crawl.bar([i + offset for i in range(len(names))], rates, 0.4, label=f"+{key[8:]} ms")
    crawl.set_xticks(range(len(names)), ["ours", "bare Scrapy", "requests+bs4"])
    crawl.set_yscale("log")
    crawl.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    crawl.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    crawl.set_ylabel("articles/s (log)")
    crawl.set_title("Crawl throughput, one date")
    crawl.legend()

    memory = axes[1][0]
    keys = list(results["peak_rss_mb"])
    memory.bar(
        [f"{results['peak_rss_articles_per_day'][k]} /day" for k in keys],
        [results["peak_rss_mb"][k] for k in keys],
    )
    memory.axhline(300, color="red", linestyle="--", label="target 300 MB")
    memory.set_ylabel("peak RSS, MB")
    memory.set_title("Peak memory of one date's crawl")
    memory.legend()

    fleet = axes[1][1]
    figures = results["fleet"]
    fleet.bar(
        ["dynamic", "static", "lower bound"],
        [figures["dynamic_s"], figures["static_s"], figures["lower_bound_s"]],
        color=["C0", "C1", "grey"],
    )
    fleet.set_ylabel("makespan, s")
    fleet.set_title(f"Fleet: {figures['dates']} uneven dates on {figures['slots']} slots")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
