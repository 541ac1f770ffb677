"""Naver's ways of writing times, absolute and relative."""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawler.pages.times import KST, parse_list_time, parse_time

NOW = datetime(2024, 5, 30, 12, 0, 0, tzinfo=KST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017.04.20. 오후 3:53", "2017-04-20T15:53:00+09:00"),
        ("기사입력 2017.05.12. 오전 12:09", "2017-05-12T00:09:00+09:00"),
        ("2024-05-30 11:40:08", "2024-05-30T11:40:08+09:00"),
        ("2024.05.30. PM 1:05", "2024-05-30T13:05:00+09:00"),
    ],
)
def test_absolute_times(text, expected):
    assert parse_time(text).isoformat() == expected


@pytest.mark.parametrize("text", [None, "", "어제", "2017.13.45. 오후 3:53", "2024-02-30 10:00"])
def test_not_a_time(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("방금", "2024-05-30T12:00:00+09:00"),
        ("30초전", "2024-05-30T11:59:30+09:00"),
        ("2분전", "2024-05-30T11:58:00+09:00"),
        ("1시간전", "2024-05-30T11:00:00+09:00"),
        ("1일전", "2024-05-29T12:00:00+09:00"),
        ("2024.05.28. 오전 8:15", "2024-05-28T08:15:00+09:00"),
    ],
)
def test_list_times(text, expected):
    assert parse_list_time(text, NOW).isoformat() == expected
