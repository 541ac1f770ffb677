"""The ways Naver pages write a time (all KST)."""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = "월화수목금토일"


def ampm(moment: datetime, pad_hour: bool = False) -> str:
    """``2017.04.20. 오후 3:53``; 12:xx 오후 is the noon hour and 12:xx 오전 midnight."""
    marker = "오전" if moment.hour < 12 else "오후"
    hour = moment.hour % 12 or 12
    clock = f"{hour:02d}" if pad_hour else str(hour)
    return f"{moment:%Y.%m.%d.} {marker} {clock}:{moment:%M}"


def iso(moment: datetime) -> str:
    """``2024-05-30 11:40:08`` as in ``data-date-time``."""
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def day_label(day: date) -> str:
    """``5월30일(토)`` as in ``div.pagenavi_day``."""
    return f"{day.month}월{day.day}일({WEEKDAYS[day.weekday()]})"
