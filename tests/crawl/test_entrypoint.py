"""Which date a container task crawls, from its environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newscrawler.crawl import setting_overrides
from newscrawler.entrypoint import task_date
from tests.support.paths import ROOT


@pytest.mark.parametrize(
    "environ, date",
    [
        ({"DATE": "20180101"}, "20180101"),
        ({"DATE": "2018-01-01", "START_DATE": "20170101"}, "20180101"),  # DATE wins
        ({"START_DATE": "20180101", "AWS_BATCH_JOB_ARRAY_INDEX": "2"}, "20180103"),
        ({"START_DATE": "20171231", "JOB_COMPLETION_INDEX": "1"}, "20180101"),
        ({"START_DATE": "20180101", "AWS_BATCH_JOB_ID": "a1b2-c3:31"}, "20180201"),
        ({"START_DATE": "20180101", "AWS_BATCH_JOB_ARRAY_INDEX": "0"}, "20180101"),
    ],
)
def test_task_date(environ, date):
    assert task_date(environ) == date


@pytest.mark.parametrize(
    "environ, message",
    [
        ({}, "DATE is not set"),
        ({"START_DATE": "20180101"}, "no task index"),
        ({"START_DATE": "20180101", "JOB_COMPLETION_INDEX": "-1"}, "not a task index"),
        ({"START_DATE": "20180101", "AWS_BATCH_JOB_ID": "abc:x"}, "not a task index"),
        ({"DATE": "20181345"}, "invalid date"),
        ({"START_DATE": "20991230", "AWS_BATCH_JOB_ARRAY_INDEX": "5"}, "in the future"),
    ],
)
def test_bad_task_environment(environ, message):
    with pytest.raises(ValueError, match=message):
        task_date(environ)


def test_setting_overrides():
    assert setting_overrides(["-s", "A=1", "-s", "B=x=y"]) == {"A": "1", "B": "x=y"}
    with pytest.raises(ValueError, match="only -s NAME=VALUE"):
        setting_overrides(["--date", "20180101"])
    with pytest.raises(ValueError):
        setting_overrides(["-s", "NOEQUALS"])


def test_environment_configures_and_command_line_wins():
    """NEWS_*/NAVER_* come from the environment; an explicit setting overrides them."""
    code = (
        "import json; from newscrawler.crawl import project_settings as p; "
        "s = p({'NEWS_OUTPUT_FORMAT': 'jsonl'}); "
        "print(json.dumps([s.get(n) for n in "
        "('NEWS_OUTPUT_FORMAT', 'NAVER_SECTIONS', 'NEWS_OUTPUT_URI')]))"
    )
    env = {
        **os.environ,
        "NEWS_OUTPUT_FORMAT": "jsonl.gz",
        "NAVER_SECTIONS": "105",
        "NEWS_OUTPUT_URI": "s3://bucket/lake",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == ["jsonl", "105", "s3://bucket/lake"]


def test_relative_dates_are_days_in_korea():
    from datetime import datetime, timedelta

    from newscrawler.pages.times import KST

    today = datetime.now(KST).date()
    assert task_date({"DATE": "yesterday"}) == (today - timedelta(days=1)).strftime("%Y%m%d")
    assert task_date({"DATE": "Today"}) == today.strftime("%Y%m%d")


def test_the_entrypoint_runs_a_newscrawler_command_given_one():
    done = subprocess.run(
        [sys.executable, "run_scrapy.py", "athena", "ddl", "--location", "s3://b/lake/"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and "LOCATION 's3://b/lake/'" in done.stdout
