"""``newscrawler report``: the counts it plots are the lake's, and the PNG is readable."""

from __future__ import annotations

import shutil
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
        f"wrote {out}: {total:,} articles, 13 crawled days, 2018-01-01 to 2018-01-14\n"
    )
    with Image.open(out) as image:
        assert image.size == (1200, 750)


def test_report_of_an_empty_lake_is_an_error(capsys, tmp_path):
    assert newscrawler("report", "--lake", str(tmp_path), "--out", str(tmp_path / "x.png")) == 1
    assert capsys.readouterr().err == (
        f"newscrawler report: error: no committed partitions (date=*/_SUCCESS) under {tmp_path}\n"
    )
    assert not (tmp_path / "x.png").exists()


def test_the_title_counts_the_crawled_days(lake):
    root, written = lake
    figure = plot(lake_counts(str(root)))
    assert figure.get_suptitle() == (
        "Naver News articles per day: 13 crawled days, 2018-01-01 to 2018-01-14 "
        f"({sum(written.values()):,} articles)"
    )


def written_between(written: Counter, first: str, last: str) -> int:
    return sum(n for (day, _), n in written.items() if first <= day <= last)


@pytest.mark.parametrize(
    ("start", "end", "crawled", "span"),
    [
        ("20180103", "20180110", 7, ("2018-01-03", "2018-01-10")),  # the 9th is not committed
        ("2018-01-12", None, 3, ("2018-01-12", "2018-01-14")),
        (None, "20180102", 2, ("2018-01-01", "2018-01-02")),
        ("20171230", "20180102", 2, ("2017-12-30", "2018-01-02")),  # before the lake: hatched
    ],
)
def test_start_and_end_limit_the_dates_plotted(capsys, lake, tmp_path, start, end, crawled, span):
    root, written = lake
    out = tmp_path / "daily.png"
    limits = [*(["--start", start] if start else []), *(["--end", end] if end else [])]
    assert newscrawler("report", "--lake", str(root), "--out", str(out), *limits) == 0
    total = written_between(written, span[0].replace("-", ""), span[1].replace("-", ""))
    assert capsys.readouterr().err == (
        f"wrote {out}: {total:,} articles, {crawled} crawled days, {span[0]} to {span[1]}\n"
    )
    with Image.open(out) as image:
        assert image.format == "PNG"


def test_the_range_is_plotted_day_by_day(lake):
    root, written = lake
    counts = lake_counts(str(root), first=date(2017, 12, 30), last=date(2018, 1, 2))
    days, heights, bands = daily_panel(plot(counts))
    assert days == [date(2017, 12, 30) + timedelta(days=n) for n in range(4)]
    assert counts.missing == [date(2017, 12, 30), date(2017, 12, 31)]
    assert [sum(column) for column in zip(*heights.values(), strict=True)] == [
        0,
        0,
        written_between(written, "20180101", "20180101"),
        written_between(written, "20180102", "20180102"),
    ]
    assert bands["not crawled"] == [(date(2017, 12, 30), date(2017, 12, 31))]


def test_a_range_without_committed_dates_is_an_error(capsys, lake, tmp_path):
    root, _ = lake
    out = tmp_path / "daily.png"
    argv = ["report", "--lake", str(root), "--out", str(out), "--start", "20190101"]
    assert newscrawler(*argv, "--end", "20190131") == 1
    assert capsys.readouterr().err == (
        f"newscrawler report: error: no committed partitions (date=*/_SUCCESS) under {root} "
        "from 2019-01-01 to 2019-01-31\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "20181301"], "--start: invalid date '20181301': use YYYYMMDD or YYYY-MM-DD"),
        (["--end", "2018-02-30"], "--end: invalid date '2018-02-30'"),
        (["--start", "20180110", "--end", "20180105"], "--end 20180105 is before --start 20180110"),
        (["--out", "{tmp}/daily.pdf"], "--out {tmp}/daily.pdf: the report writes .png, .jpg, "
         ".jpeg, .webp images, not .pdf"),
        (["--out", "{tmp}/daily.SVG"], "--out {tmp}/daily.SVG: the report writes .png"),
        (["--out", "{tmp}/daily"], "--out {tmp}/daily: the report writes .png, .jpg, .jpeg, "
         ".webp images, not a name without extension"),
        (["--out", "{tmp}/no/such/daily.png"], "--out {tmp}/no/such/daily.png: folder "
         "{tmp}/no/such does not exist"),
    ],
)  # fmt: skip
def test_bad_arguments_are_usage_errors_before_any_work(capsys, tmp_path, argv, message):
    # The lake does not exist: these errors come before the report reads it.
    argv = [part.format(tmp=tmp_path) for part in argv]
    argv = ["--out", str(tmp_path / "daily.png"), *argv]
    assert newscrawler("report", "--lake", str(tmp_path / "nowhere"), *argv) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"newscrawler report: error: {message.format(tmp=tmp_path)}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("extension", "kind"), [(".jpg", "JPEG"), (".JPEG", "JPEG"),
                                                 (".webp", "WEBP"), (".png", "PNG")])  # fmt: skip
def test_the_image_format_follows_the_extension(capsys, lake, tmp_path, extension, kind):
    root, _ = lake
    out = tmp_path / f"daily{extension}"
    assert newscrawler("report", "--lake", str(root), "--out", str(out), "--start", "20180110") == 0
    assert capsys.readouterr().err.startswith(f"wrote {out}: ")
    with Image.open(out) as image:
        assert (image.format, image.size) == (kind, (1200, 750))


def test_only_the_markers_of_the_range_are_read(capsys, lake, tmp_path):
    root, written = lake
    copy = tmp_path / "lake"
    shutil.copytree(root, copy)
    (copy / "date=20180114" / "_SUCCESS").write_text("not a manifest")
    out = tmp_path / "daily.png"
    assert newscrawler("report", "--lake", str(copy), "--out", str(out), "--end", "20180110") == 0
    total = written_between(written, "20180101", "20180110")
    assert capsys.readouterr().err == (
        f"wrote {out}: {total:,} articles, 9 crawled days, 2018-01-01 to 2018-01-10\n"
    )
    assert newscrawler("report", "--lake", str(copy), "--out", str(out)) == 1
    assert "cannot read" in capsys.readouterr().err
