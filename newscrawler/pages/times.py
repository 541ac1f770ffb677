"""Naver's ways of writing a time, read as KST."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")

_KOREAN_TIME = re.compile(
    r"(\d{4})[.-](\d{1,2})[.-](\d{1,2})\.?\s*(오전|오후|AM|PM)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"
)
# What lists show for recent items: "방금", "30초전", "2분전", "1시간전", "1일전".
_RELATIVE_TIME = re.compile(r"(\d+)\s*(초|분|시간|일)\s*전")
_UNITS = {"초": "seconds", "분": "minutes", "시간": "hours", "일": "days"}


def parse_time(text: str | None) -> datetime | None:
    """``2017.04.20. 오후 3:53`` or ``2024-05-30 11:40:08`` as an aware KST datetime."""
    if not text:
        return None
    match = _KOREAN_TIME.search(text)
    if not match:
        return None
    year, month, day, half, hour, minute, second = match.groups()
    hour_24 = int(hour) % 12 + (12 if half in ("오후", "PM") else 0) if half else int(hour)
    try:
        return datetime(
            int(year), int(month), int(day), hour_24, int(minute), int(second or 0), tzinfo=KST
        )
    except ValueError:  # "2017.13.45": not a time, whatever it looks like
        return None


def parse_list_time(text: str | None, now: datetime) -> datetime | None:
    """A list item's time: absolute like ``parse_time``, or relative to ``now`` (``2분전``)."""
    if not text:
        return None
    match = _RELATIVE_TIME.search(text)
    if match:
        amount, unit = match.groups()
        return (now - timedelta(**{_UNITS[unit]: int(amount)})).astimezone(KST)
    if "방금" in text:
        return now.astimezone(KST)
    return parse_time(text)


def isoformat(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
