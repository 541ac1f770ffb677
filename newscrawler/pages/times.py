"""Naver's ways of writing a time, read as KST."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")

_KOREAN_TIME = re.compile(
    r"(\d{4})[.-](\d{1,2})[.-](\d{1,2})\.?\s*(오전|오후|AM|PM)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"
)


def parse_time(text: str | None) -> datetime | None:
    """``2017.04.20. 오후 3:53`` or ``2024-05-30 11:40:08`` as an aware KST datetime."""
    if not text:
        return None
    match = _KOREAN_TIME.search(text)
    if not match:
        return None
    year, month, day, half, hour, minute, second = match.groups()
    hour_24 = int(hour) % 12 + (12 if half in ("오후", "PM") else 0) if half else int(hour)
    return datetime(
        int(year), int(month), int(day), hour_24, int(minute), int(second or 0), tzinfo=KST
    )


def isoformat(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
