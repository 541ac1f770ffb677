"""``newscrawler report``: the counts it plots are the lake's, and the PNG is readable."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from matplotlib.container import BarContainer
from PIL import Image

from newscrawler.query.report import (
    SECTION_LABELS,
    daily_counts,
    day_runs,
    lake_counts,
    plot,
    write_png,
)
from tests.support.cli import newscrawler
from tests.support.lakes import simulated_rows, write_lake

# Two weeks of January 2018; the 9th was never committed.
DATES = [f"201801{day:02d}" for day in range(1, 15) if day != 9]


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    rows = simulated_rows(DATES, per_day=40)
    root = write_lake(tmp_path_factory.mktemp("report") / "lake", "parquet", rows, "20180109")
    written = Counter((day, row["section"]) for day, day_rows in rows.items() for row in day_rows)
    return root, written


def test_daily_counts_cover_every_day_of_the_range():
    rows = [("20180105", "101", 3), ("20180105", None, 1), ("20180108", "100", 2)]
    counts = daily_counts(rows, committed=["20180105", "20180106", "20180108"])
    assert counts.days == [date(2018, 1, d) for d in (5, 6, 7, 8)]
    assert counts.missing == [date(2018, 1, 7)]
    assert counts.sections == ["100", "101", "?"]
    assert counts.counts == {"100": [0, 0, 0, 2], "101": [3, 0, 0, 0], "?": [1, 0, 0, 0]}
    assert counts.totals == [4, 0, 0, 2]


def test_lake_counts_are_the_lakes(lake):
    root, written = lake
    counts = lake_counts(str(root))
    got = {
        (day.strftime("%Y%m%d"), section): n
        for section, per_day in counts.counts.items()
        for day, n in zip(counts.days, per_day, strict=True)
        if n
    }
    assert got == dict(written)
    assert counts.missing == [date(2018, 1, 9)]  # its parts exist, but no _SUCCESS
    assert set(counts.sections) == set(SECTION_LABELS)


def daily_panel(figure) -> tuple[list[date], dict[str, list[float]], dict[str, list]]:
    """What the daily panel shows: the days of its bars, the bar heights by legend label,
    and its shaded bands (first day, last day) by kind."""
    from matplotlib import dates as mdates

    axes = figure.axes[0]
    stacks = [c for c in axes.containers if isinstance(c, BarContainer)]
    heights = {c.get_label(): [bar.get_height() for bar in c] for c in stacks}
    days = [mdates.num2date(bar.get_x() + bar.get_width() / 2).date() for bar in stacks[0]]
    bands: dict[str, list] = {}
    for patch in axes.patches:
        if patch.get_gid():
            first, last = patch.get_x() + 0.5, patch.get_x() + patch.get_width() - 0.5
            span = (mdates.num2date(first).date(), mdates.num2date(last).date())
            bands.setdefault(patch.get_gid(), []).append(span)
    return days, heights, bands


def test_the_figure_plots_the_lakes_counts(lake, tmp_path):
    root, written = lake
    figure = plot(lake_counts(str(root)))
    days, heights, bands = daily_panel(figure)
    assert days == [date(2018, 1, 1) + timedelta(days=n) for n in range(14)]
    assert list(heights) == [f"{code} {name}" for code, name in SECTION_LABELS.items()]
    for code, name in SECTION_LABELS.items():
        expected = [written[(f"{day:%Y%m%d}", code)] for day in days]
        assert heights[f"{code} {name}"] == expected
    assert bands == {
        "weekend": [(date(2018, 1, 6), date(2018, 1, 7)), (date(2018, 1, 13), date(2018, 1, 14))],
        "not crawled": [(date(2018, 1, 9), date(2018, 1, 9))],
    }
    out = tmp_path / "daily.png"
    write_png(figure, out)
    with Image.open(out) as image:
        assert (image.format, image.size) == ("PNG", (1200, 750))


def test_weekends_are_one_band_each():
    days = [date(2018, 1, 1) + timedelta(days=n) for n in range(400)]
    runs = day_runs(d for d in days if d.weekday() >= 5)
    assert len(runs) == 57
    assert all(first.weekday() == 5 and last.weekday() == 6 for first, last in runs[:-1])


def test_report_command_writes_the_png(capsys, lake, tmp_path):
    root, written = lake
    out = tmp_path / "daily.png"
    assert newscrawler("report", "--lake", str(root), "--out", str(out)) == 0
    total = sum(written.values())
    assert capsys.readouterr().err == (
        f"wrote {out}: {total:,} articles, 2018-01-01 to 2018-01-14\n"
    )
    with Image.open(out) as image:
        assert image.size == (1200, 750)


def test_report_of_an_empty_lake_is_an_error(capsys, tmp_path):
    assert newscrawler("report", "--lake", str(tmp_path), "--out", str(tmp_path / "x.png")) == 1
    assert capsys.readouterr().err == (
        f"newscrawler report: error: no committed partitions (date=*/_SUCCESS) under {tmp_path}\n"
    )
    assert not (tmp_path / "x.png").exists()
