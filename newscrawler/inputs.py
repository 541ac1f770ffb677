"""Checking what a user asks to crawl: dates and sections."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from newscrawler.naver import SECTIONS
from newscrawler.pages.times import KST

# Naver News date lists start in the early 1990s; earlier dates list nothing.
FIRST_DATE = date(1990, 1, 1)
# Days before today in Korea, for schedules (the daily refresh crawls "yesterday").
RELATIVE_DATES = {"today": 0, "yesterday": 1}


def parse_date(value: str | None) -> str:
    """``20180101``, ``2018-01-01``, ``today`` or ``yesterday`` (in Korea) -> ``20180101``;
    ValueError on anything else."""
    if not value:
        raise ValueError("a date is required, e.g. date=20180101")
    text = value.strip()
    relative = RELATIVE_DATES.get(text.lower())
    if relative is not None:
        return _checked(datetime.now(KST).date() - timedelta(days=relative)).strftime("%Y%m%d")
    for pattern in ("%Y%m%d", "%Y-%m-%d"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return _checked(day).strftime("%Y%m%d")
    raise ValueError(f"invalid date {value!r}: use YYYYMMDD or YYYY-MM-DD, e.g. 20180101")


def _checked(day: date) -> date:
    today = datetime.now(KST).date()
    if day > today:
        raise ValueError(f"date {day:%Y-%m-%d} is in the future (today in Korea is {today})")
    if day < FIRST_DATE:
        raise ValueError(f"date {day:%Y-%m-%d} is before Naver News lists ({FIRST_DATE})")
    return day


def parse_sections(value: str | list[str] | None) -> list[str]:
    """Comma-separated sid1 codes -> a list; ValueError naming an unknown code."""
    codes = value.split(",") if isinstance(value, str) else list(value or [])
    codes = [code.strip() for code in codes if code.strip()]
    if not codes:
        return list(SECTIONS)
    unknown = [code for code in codes if code not in SECTIONS]
    if unknown:
        known = ", ".join(f"{sid} {name}" for sid, name in SECTIONS.items())
        raise ValueError(f"unknown section {', '.join(unknown)}: known sections are {known}")
    return list(dict.fromkeys(codes))


def date_range(start: str, end: str) -> list[str]:
    """Every date from ``start`` to ``end`` inclusive, as ``YYYYMMDD``."""
    first = datetime.strptime(parse_date(start), "%Y%m%d").date()
    last = datetime.strptime(parse_date(end), "%Y%m%d").date()
    if last < first:
        raise ValueError(f"end date {end} is before start date {start}")
    return [(first + timedelta(days=n)).strftime("%Y%m%d") for n in range((last - first).days + 1)]


def unknown_arguments(given: Iterable[str], known: tuple[str, ...]) -> str:
    """The error for spider arguments it does not take, with a "did you mean"."""
    words = []
    for name in given:
        close = difflib.get_close_matches(name, known, n=1)
        words.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return f"unknown spider argument {', '.join(words)}: use {', '.join(f'-a {k}=' for k in known)}"
