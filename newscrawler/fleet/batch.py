"""AWS Batch: dates as array jobs (one child per date), and how those children did.

A child finds its date from ``START_DATE`` plus its array index (see
:func:`newscrawler.entrypoint.task_date`); a single date is a plain job with ``DATE``.
Retries are for Spot reclaims only: a crawl that failed on its own would fail again.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

logger = logging.getLogger(__name__)

# AWS Batch's limits: children per array job, and the shortest attempt timeout.
MAX_ARRAY_SIZE = 10_000
MIN_TIMEOUT = 60
MAX_ATTEMPTS = 10
# A day of Naver News takes about two hours at the default politeness.
DEFAULT_TIMEOUT = 6 * 3600
DEFAULT_ATTEMPTS = 3
JOB_STATES = ("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED")
# Batch reports a reclaimed Spot instance as "Host EC2 (instance i-...) terminated."; any
# other failure (the crawl's own exit status 1 or 2) is final.
SPOT_RETRY: tuple[dict[str, str], ...] = (
    {"onStatusReason": "Host EC2*", "action": "RETRY"},
    {"onReason": "*", "action": "EXIT"},
)
# Set by the submission itself; --env must not override them.
RESERVED_VARIABLES = frozenset({"DATE", "START_DATE", "END_DATE"})
# Room is left for "-YYYYMMDD-YYYYMMDD" within Batch's 128 characters.
_JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class JobOptions:
    """What every job of one submission shares; ValueError on a value Batch would refuse."""

    job_queue: str
    job_definition: str
    name: str = "newscrawler"
    timeout: int = DEFAULT_TIMEOUT
    attempts: int = DEFAULT_ATTEMPTS
    environment: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.job_queue.strip():
            raise ValueError("the job queue name is empty")
        if not self.job_definition.strip():
            raise ValueError("the job definition name is empty")
        if not _JOB_NAME.match(self.name):
            raise ValueError(f"job name must be letters, digits, - and _, got {self.name!r}")
        if self.timeout < MIN_TIMEOUT:
            raise ValueError(f"timeout must be at least {MIN_TIMEOUT} seconds, got {self.timeout}")
        if not 1 <= self.attempts <= MAX_ATTEMPTS:
            raise ValueError(f"attempts must be 1 to {MAX_ATTEMPTS}, got {self.attempts}")
        for name in self.environment:
            check_variable(name)


def check_variable(name: str) -> str:
    """An environment variable name that a submission may pass on to its jobs."""
    if not _VARIABLE.match(name):
        raise ValueError(f"not an environment variable name: {name!r}")
    if name in RESERVED_VARIABLES or name.startswith("AWS_BATCH_"):
        raise ValueError(f"{name} is set by the submission itself")
    return name


@dataclass(frozen=True)
class SubmittedJob:
    """One job of a submission: an array job, a single date, or the follow-up job."""

    job_id: str
    name: str
    dates: tuple[str, ...]
    job_definition: str

    @property
    def kind(self) -> str:
        return "array job" if len(self.dates) > 1 else "job"


@dataclass
class Submission:
    """The crawl jobs of a range of dates, and the follow-up job that waits for them all."""

    jobs: list[SubmittedJob] = field(default_factory=list)
    then: SubmittedJob | None = None


class PartialSubmission(Exception):
    """A call failed after some jobs were submitted: those are in ``submission``."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(f"{len(submission.jobs)} job(s) were submitted before the failure")
        self.submission = submission


def split_dates(dates: Sequence[str], size: int = MAX_ARRAY_SIZE) -> list[list[str]]:
    """Consecutive runs of at most ``size`` dates, as even as possible.

    10,001 dates make two arrays of 5,001 and 5,000 children, never one of a single child.
    """
    if not dates:
        return []
    count = math.ceil(len(dates) / size)
    base, extra = divmod(len(dates), count)
    runs, start = [], 0
    for number in range(count):
        end = start + base + (1 if number < extra else 0)
        runs.append(list(dates[start:end]))
        start = end
    return runs


def job_request(dates: Sequence[str], options: JobOptions) -> dict[str, Any]:
    """The ``SubmitJob`` parameters that crawl a run of consecutive dates."""
    if len(dates) > MAX_ARRAY_SIZE:
        raise ValueError(f"an array job holds at most {MAX_ARRAY_SIZE} dates, got {len(dates)}")
    if len(dates) == 1:
        return _request(f"{options.name}-{dates[0]}", options, {"DATE": dates[0]})
    request = _request(f"{options.name}-{dates[0]}-{dates[-1]}", options, {"START_DATE": dates[0]})
    request["arrayProperties"] = {"size": len(dates)}
    return request


def then_request(
    dates: Sequence[str], job_definition: str, options: JobOptions, after: Sequence[str]
) -> dict[str, Any]:
    """The follow-up job: runs once every job in ``after`` (all their children) succeeded."""
    name = f"{options.name}-then-{dates[0]}-{dates[-1]}"
    request = _request(name, options, {"START_DATE": dates[0], "END_DATE": dates[-1]})
    request["jobDefinition"] = job_definition
    request["dependsOn"] = [{"jobId": job_id} for job_id in after]
    return request


def _request(name: str, options: JobOptions, dates: dict[str, str]) -> dict[str, Any]:
    environment = {**options.environment, **dates}
    return {
        "jobName": name,
        "jobQueue": options.job_queue,
        "jobDefinition": options.job_definition,
        "timeout": {"attemptDurationSeconds": options.timeout},
        "retryStrategy": {
            "attempts": options.attempts,
            "evaluateOnExit": [dict(rule) for rule in SPOT_RETRY],
        },
        "containerOverrides": {
            "environment": [{"name": key, "value": value} for key, value in environment.items()]
        },
    }


def submit_dates(
    client: Any, dates: Sequence[str], options: JobOptions, then_job_definition: str | None = None
) -> Submission:
    """Submit ``dates`` (consecutive, in order) as array jobs, then the optional follow-up.

    When a call fails after a first job went in, :class:`PartialSubmission` says which did.
    """
    runs = split_dates(dates)
    requests = [job_request(run, options) for run in runs]
    submission = Submission()
    try:
        for run, request in zip(runs, requests, strict=True):
            submission.jobs.append(_submit(client, request, run))
        if then_job_definition:
            after = [job.job_id for job in submission.jobs]
            request = then_request(dates, then_job_definition, options, after)
            submission.then = _submit(client, request, ())
    except Exception as error:
        if submission.jobs:
            raise PartialSubmission(submission) from error
        raise
    return submission


def _submit(client: Any, request: dict[str, Any], dates: Sequence[str]) -> SubmittedJob:
    job_id = client.submit_job(**request)["jobId"]
    logger.info("submitted %s (%d dates) as %s", request["jobName"], len(dates), job_id)
    return SubmittedJob(job_id, request["jobName"], tuple(dates), request["jobDefinition"])


@dataclass(frozen=True)
class FailedDate:
    """A date whose job or array child failed, and what Batch says about it."""

    date: str | None
    index: int | None
    reason: str


@dataclass
class JobReport:
    """A job's state; for an array job, its children by state and the failed dates."""

    job_id: str
    name: str
    status: str
    dates: list[str]
    status_reason: str = ""
    children: dict[str, int] = field(default_factory=dict)
    failed: list[FailedDate] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "array job" if self.children else "job"


class JobNotFound(LookupError):
    """No Batch job has the given id."""


def job_report(client: Any, job_id: str) -> JobReport:
    """Describe one job; for an array job, count its children and list the failed dates."""
    found = client.describe_jobs(jobs=[job_id])["jobs"]
    if not found:
        raise JobNotFound(f"no Batch job {job_id}")
    job = found[0]
    environment = _environment(job)
    size = job.get("arrayProperties", {}).get("size")
    dates = _dates(environment, size)
    report = JobReport(
        job_id=job["jobId"],
        name=job["jobName"],
        status=job["status"],
        dates=dates,
        status_reason=_reason(job),
    )
    if size is None:
        if job["status"] == "FAILED":
            report.failed.append(
                FailedDate(dates[0] if dates else None, None, report.status_reason)
            )
        return report
    summary = job["arrayProperties"].get("statusSummary", {})
    report.children = {state: summary.get(state, 0) for state in JOB_STATES}
    report.failed = [_failed_child(child, dates) for child in _children(client, job_id, "FAILED")]
    report.failed.sort(key=lambda failed: failed.index or 0)
    return report


def _children(client: Any, job_id: str, status: str) -> Iterator[dict[str, Any]]:
    pages = client.get_paginator("list_jobs").paginate(arrayJobId=job_id, jobStatus=status)
    for page in pages:
        yield from page["jobSummaryList"]


def _failed_child(child: dict[str, Any], dates: list[str]) -> FailedDate:
    index = child.get("arrayProperties", {}).get("index")
    if index is None:
        index = int(child["jobId"].rsplit(":", 1)[1])
    date = dates[index] if index < len(dates) else None
    return FailedDate(date, index, _reason(child))


def _reason(job: dict[str, Any]) -> str:
    """Batch's status reason, the container's reason and exit code, as one phrase."""
    container = job.get("container", {})
    parts = [job.get("statusReason", ""), container.get("reason", "")]
    if container.get("exitCode") is not None:
        parts.append(f"exit code {container['exitCode']}")
    return "; ".join(part for part in parts if part)


def _environment(job: dict[str, Any]) -> dict[str, str]:
    """The job's date variables (and no other: their values stay unread)."""
    pairs = job.get("container", {}).get("environment", [])
    return {p["name"]: p.get("value", "") for p in pairs if p["name"] in RESERVED_VARIABLES}


def _dates(environment: Mapping[str, str], size: int | None) -> list[str]:
    """The dates a job crawls, read back from ``DATE`` or ``START_DATE`` and the array size."""
    if environment.get("DATE"):
        return [environment["DATE"]]
    if not environment.get("START_DATE"):
        return []
    try:
        start = datetime.strptime(environment["START_DATE"], "%Y%m%d")
        end = datetime.strptime(environment.get("END_DATE") or environment["START_DATE"], "%Y%m%d")
    except ValueError:
        return []
    count = size if size is not None else (end - start).days + 1
    return [(start + timedelta(days=n)).strftime("%Y%m%d") for n in range(count)]
