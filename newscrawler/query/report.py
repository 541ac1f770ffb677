"""The daily report: a PNG of articles per day, weekends shaded, broken down by section.

Sections are labelled in English: matplotlib's bundled font (DejaVu Sans) has no Hangul.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from newscrawler.query.engine import DEFAULT_TABLE

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SECTION_LABELS: dict[str, str] = {
    "100": "Politics",
    "101": "Economy",
    "102": "Society",
    "103": "Life/Culture",
    "104": "World",
    "105": "IT/Science",
    "110": "Opinion",
}
UNKNOWN_SECTION = "?"
COUNTS_SQL = "SELECT date, section, count(*) AS articles FROM {table} GROUP BY date, section"
# What the report can be written as, by file extension: the raster formats of matplotlib's
# Agg canvas that pillow (a matplotlib dependency) encodes.
IMAGE_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}
WEEKEND_COLOR = "#d9d9d9"
THOUSANDS = "{x:,.0f}"


@dataclass
class DailyCounts:
    """Articles per day and section over every day from the first date to the last."""

    days: list[date]
    sections: list[str]
    counts: dict[str, list[int]]  # section -> one count per day, aligned with ``days``
    missing: list[date] = field(default_factory=list)  # days without a committed partition

    @property
    def crawled(self) -> int:
        """The days of the range with a committed partition."""
        return len(self.days) - len(self.missing)

    @property
    def totals(self) -> list[int]:
        return [
            sum(self.counts[s][index] for s in self.sections) for index in range(len(self.days))
        ]

    def section_totals(self) -> dict[str, int]:
        return {section: sum(self.counts[section]) for section in self.sections}


def section_label(code: str) -> str:
    """``"101 Economy"``; unknown codes stay bare."""
    name = SECTION_LABELS.get(code)
    return f"{code} {name}" if name else code


def daily_counts(
    rows: Iterable[tuple[str, str | None, int]],
    committed: Iterable[str],
    first: date | None = None,
    last: date | None = None,
) -> DailyCounts:
    """Counts from ``(date YYYYMMDD, section, articles)`` rows, zero-filled from ``first`` to
    ``last`` (by default the range of the ``committed`` dates); the days in that range
    without a committed partition are ``missing``. Rows outside the range are left out."""
    committed_days = {_day(text) for text in committed}
    cells: dict[tuple[date, str], int] = {}
    for text, section, articles in rows:
        key = (_day(text), section or UNKNOWN_SECTION)
        cells[key] = cells.get(key, 0) + int(articles)
    known = [
        day
        for day in committed_days | {day for day, _ in cells}
        if (first is None or day >= first) and (last is None or day <= last)
    ]
    if not known:
        return DailyCounts([], [], {})
    first, last = first or min(known), last or max(known)
    cells = {(day, section): n for (day, section), n in cells.items() if first <= day <= last}
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    sections = sorted({section for _, section in cells}, key=_section_order)
    counts = {section: [cells.get((day, section), 0) for day in days] for section in sections}
    missing = [day for day in days if day not in committed_days]
    return DailyCounts(days, sections, counts, missing)


def _day(text: str) -> date:
    return datetime.strptime(text, "%Y%m%d").date()


def _section_order(code: str) -> tuple[int, str]:
    return (0 if code in SECTION_LABELS else 1, code)


def lake_counts(
    lake: str, table: str = DEFAULT_TABLE, first: date | None = None, last: date | None = None
) -> DailyCounts:
    """The lake's articles per day and section from ``first`` to ``last`` (by default its
    first and last committed dates), through the local query engine.

    EmptyLakeError when no date of the range is committed."""
    from newscrawler.lake import MARKER
    from newscrawler.lake.storage import open_storage
    from newscrawler.query.engine import run_local
    from newscrawler.query.lake import EmptyLakeError

    start, end = (f"{day:%Y%m%d}" if day else None for day in (first, last))
    storage = open_storage(lake)
    committed = {
        day
        for day in storage.committed_dates()
        if (start is None or day >= start) and (end is None or day <= end)
    }
    if not committed:
        raise EmptyLakeError(
            f"no committed partitions (date=*/{MARKER}) under {storage.uri}{_between(first, last)}"
        )
    # Only the markers of the range are read; the rows are those of its dates.
    result = run_local(COUNTS_SQL.format(table=table), lake, table, start=start, end=end)
    return daily_counts(result.rows, committed, first, last)


def _between(first: date | None, last: date | None) -> str:
    if first and last:
        return f" from {first} to {last}"
    if first:
        return f" from {first} on"
    return f" up to {last}" if last else ""


def plot(counts: DailyCounts, title: str | None = None) -> Figure:
    """Two panels: stacked daily bars by section (weekends shaded), then section totals."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 7.5), dpi=100, layout="constrained")
    daily, totals = figure.subplots(2, 1, height_ratios=[3, 1.3])
    colors = _section_colors(counts.sections)
    _daily_panel(daily, counts, colors)
    _totals_panel(totals, counts, colors)
    figure.suptitle(
        title or f"Naver News articles per day: {span(counts)} ({sum(counts.totals):,} articles)",
        fontsize="x-large",
    )
    return figure


def span(counts: DailyCounts) -> str:
    """``"13 crawled days, 2018-01-01 to 2018-01-14"``."""
    days = f"{counts.crawled:,} crawled day{'s' * (counts.crawled != 1)}"
    return f"{days}, {counts.days[0]:%Y-%m-%d} to {counts.days[-1]:%Y-%m-%d}"


def _section_colors(sections: list[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    palette = colormaps["tab10"].colors
    return {section: palette[index % len(palette)] for index, section in enumerate(sections)}


WEEKEND_STYLE: dict[str, Any] = {
    "gid": "weekend", "color": WEEKEND_COLOR, "linewidth": 0, "zorder": 0
}  # fmt: skip
MISSING_STYLE: dict[str, Any] = {
    "gid": "not crawled", "fill": False, "hatch": "//", "edgecolor": "#c0392b", "linewidth": 0,
    "zorder": 0,
}  # fmt: skip


def _daily_panel(axes: Axes, counts: DailyCounts, colors: dict[str, Any]) -> None:
    from matplotlib import dates as mdates

    _shade(axes, [day for day in counts.days if day.weekday() >= 5], WEEKEND_STYLE)
    _shade(axes, counts.missing, MISSING_STYLE)
    x = mdates.date2num(counts.days)
    width = 0.8 if len(counts.days) <= 90 else 1.0  # gaps between thin bars only flicker
    bottom = [0] * len(counts.days)
    for section in counts.sections:
        heights = counts.counts[section]
        axes.bar(x, heights, width=width, bottom=bottom, color=colors[section], zorder=2,
                 linewidth=0, label=section_label(section))  # fmt: skip
        bottom = [low + high for low, high in zip(bottom, heights, strict=True)]
    if len(counts.days) <= 45:
        _label_totals(axes, counts)
    _legend(axes, bool(counts.missing))
    axes.set_ylabel("articles per day")
    axes.set_xlim(x[0] - 0.6, x[-1] + 0.6)
    axes.set_ylim(0, max(max(counts.totals, default=0) * 1.08, 1))
    # Whole days only: a short range would otherwise get 6-hourly ticks.
    locator = mdates.AutoDateLocator(minticks=3, maxticks=16, interval_multiples=True)
    locator.intervald[mdates.HOURLY] = []
    locator.intervald[mdates.MINUTELY] = []
    locator.intervald[mdates.SECONDLY] = []
    if len(counts.days) <= 16:
        locator = mdates.DayLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.yaxis.set_major_formatter(THOUSANDS)
    axes.grid(axis="y", alpha=0.3, zorder=1)


def day_runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Runs of consecutive days as ``(first, last)``: one shaded band per weekend."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _shade(axes: Axes, days: Iterable[date], style: dict[str, Any]) -> None:
    from matplotlib import dates as mdates

    for first, last in day_runs(days):
        axes.axvspan(mdates.date2num(first) - 0.5, mdates.date2num(last) + 0.5, **style)


def _label_totals(axes: Axes, counts: DailyCounts) -> None:
    from matplotlib import dates as mdates

    missing = set(counts.missing)
    for day, total in zip(counts.days, counts.totals, strict=True):
        if day not in missing:
            axes.annotate(f"{total:,}", (mdates.date2num(day), total), xytext=(0, 2),
                          textcoords="offset points", ha="center", va="bottom",
                          fontsize="x-small")  # fmt: skip


def _legend(axes: Axes, missing: bool) -> None:
    from matplotlib.patches import Patch

    handles = axes.get_legend_handles_labels()[0][::-1]  # the top of the stack first
    handles.append(Patch(label="weekend", **WEEKEND_STYLE))
    if missing:
        handles.append(Patch(label="not crawled", **MISSING_STYLE))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")


def _totals_panel(axes: Axes, counts: DailyCounts, colors: dict[str, Any]) -> None:
    totals = counts.section_totals()
    overall = sum(totals.values()) or 1
    labels = [section_label(section) for section in counts.sections]
    values = [totals[section] for section in counts.sections]
    bars = axes.barh(labels, values, color=[colors[s] for s in counts.sections])
    axes.bar_label(
        bars, [f" {value:,} ({value / overall:.0%})" for value in values], fontsize="small"
    )
    axes.invert_yaxis()
    axes.set_xlabel("articles per section over the whole range")
    axes.set_xlim(0, max(values, default=0) * 1.25 or 1)
    axes.xaxis.set_major_formatter(THOUSANDS)
    axes.grid(axis="x", alpha=0.3)


def image_format(out: Path | str) -> str:
    """The format ``out``'s extension asks for (ValueError naming the ones we write)."""
    extension = PurePath(out).suffix.lower()
    if extension not in IMAGE_FORMATS:
        known = ", ".join(IMAGE_FORMATS)
        said = extension or "a name without extension"
        raise ValueError(f"the report writes {known} images, not {said}")
    return IMAGE_FORMATS[extension]


def write_image(figure: Figure, out: Path | str) -> None:
    """Render with Agg (no display needed) to ``out``, in the format of its extension."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure).print_figure(str(out), format=image_format(out))


def write_png(figure: Figure, out: Path | str) -> None:
    """Render with Agg (no display needed) to ``out`` as PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure).print_png(str(out))
