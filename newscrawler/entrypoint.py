"""Crawl one date into the lake and exit 0 only when it is committed (containers, fleets).

The date comes from ``DATE``, or from ``START_DATE`` plus a task index:
``AWS_BATCH_JOB_ARRAY_INDEX`` (AWS Batch array jobs), ``JOB_COMPLETION_INDEX`` (Kubernetes
Indexed Jobs) or the ``:N`` suffix of ``AWS_BATCH_JOB_ID``. Exit status: 0 committed (or
already committed and ``NEWS_OVERWRITE`` unset), 1 crawl or upload failed, 2 bad input.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from datetime import datetime, timedelta

from newscrawler.crawl import launch, preflight, setting_overrides
from newscrawler.extensions.alarm import crawl_failure
from newscrawler.inputs import parse_date
from newscrawler.lake.storage import StorageError

logger = logging.getLogger(__name__)

INDEX_VARIABLES = ("AWS_BATCH_JOB_ARRAY_INDEX", "JOB_COMPLETION_INDEX")


def task_date(environ: Mapping[str, str]) -> str:
    """The date this task crawls, from ``DATE`` or ``START_DATE`` + the task index."""
    if environ.get("DATE"):
        return parse_date(environ["DATE"])
    if not environ.get("START_DATE"):
        raise ValueError(
            "DATE is not set: set DATE=YYYYMMDD, or START_DATE plus "
            "AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX"
        )
    start = datetime.strptime(parse_date(environ["START_DATE"]), "%Y%m%d")
    return parse_date((start + timedelta(days=task_index(environ))).strftime("%Y%m%d"))


def task_index(environ: Mapping[str, str]) -> int:
    for name in INDEX_VARIABLES:
        if environ.get(name, "") != "":
            return _index(name, environ[name])
    job_id = environ.get("AWS_BATCH_JOB_ID", "")
    if ":" in job_id:
        return _index("AWS_BATCH_JOB_ID", job_id.rsplit(":", 1)[1])
    raise ValueError(
        "START_DATE is set but no task index: set AWS_BATCH_JOB_ARRAY_INDEX, "
        "JOB_COMPLETION_INDEX or an AWS_BATCH_JOB_ID ending in :N"
    )


def _index(name: str, value: str) -> int:
    if not value.isdigit():
        raise ValueError(f"{name}={value!r} is not a task index (a whole number >= 0)")
    return int(value)


def run(environ: Mapping[str, str] = os.environ, argv: list[str] | None = None) -> int:
    """Crawl and commit this task's date; the process exit status.

    ``argv`` may hold ``-s NAME=VALUE`` pairs, as with ``scrapy crawl``.
    """
    try:
        overrides = setting_overrides(argv or [])
        date = task_date(environ)
        plan = preflight([date], overrides, environ=environ)
        if plan.storage is None:
            raise ValueError("NEWS_OUTPUT_URI is empty: a task must write the lake")
    except ValueError as error:
        return _fail(str(error), 2)
    except (StorageError, ConnectionError) as error:
        return _fail(str(error), 1)
    if date in plan.skipped:
        print(f"{plan.skipped[date]} in {plan.storage.uri}; skipping (NEWS_OVERWRITE=1 redoes it)")
        return 0
    failure = crawl_failure(launch([date], plan.settings)[date])
    if failure:
        return _fail(failure, 1)
    print(f"date={date} committed to {plan.storage.uri}")
    return 0


def _fail(message: str, status: int) -> int:
    print(f"run_scrapy: error: {message}", file=sys.stderr)
    return status


def main() -> None:
    sys.exit(run(os.environ, sys.argv[1:]))


if __name__ == "__main__":
    main()
