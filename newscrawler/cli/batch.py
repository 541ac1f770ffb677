"""``newscrawler batch submit`` and ``newscrawler batch status``: dates on AWS Batch.

The client comes from boto3's standard chain (``AWS_ENDPOINT_URL`` for another endpoint);
neither credentials nor the values of ``--env`` variables are ever printed.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from newscrawler.cli.crawl import add_date_options, dates_of, positive
from newscrawler.cli.errors import CommandError
from newscrawler.fleet.batch import (
    DEFAULT_ATTEMPTS,
    DEFAULT_TIMEOUT,
    JOB_STATES,
    JobNotFound,
    JobOptions,
    PartialSubmission,
    check_variable,
    job_report,
    submit_dates,
)

if TYPE_CHECKING:
    from newscrawler.fleet.batch import JobReport, Submission

# Failed dates listed in full before the rest are counted.
FAILED_SHOWN = 50


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "batch",
        help="crawl dates on AWS Batch (array jobs) and follow them",
        description="Submit dates to AWS Batch as array jobs (one child per date) and see "
        "how their children did.",
    )
    actions = parser.add_subparsers(dest="subcommand", required=True, metavar="ACTION")
    submit = actions.add_parser(
        "submit",
        help="submit dates as array jobs (up to 10,000 dates each)",
        description="Submit one array job per up to 10,000 dates (START_DATE plus the array "
        "index is the date; a single date is a plain job with DATE), each child retried "
        "when Spot takes its host back, and optionally a follow-up job after them all.",
    )
    add_date_options(submit)
    submit.add_argument(
        "--job-queue", required=True, metavar="QUEUE", help="the Batch job queue, name or ARN"
    )
    submit.add_argument(
        "--job-definition",
        required=True,
        metavar="DEF",
        help="the crawler's job definition: name, name:revision or ARN",
    )
    submit.add_argument(
        "--then-job-definition",
        metavar="DEF",
        help="a job to run once every date succeeded (e.g. a partition repair or an "
        "analysis); it gets START_DATE and END_DATE",
    )
    submit.add_argument(
        "--timeout",
        type=positive,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit of one attempt at one date (default {DEFAULT_TIMEOUT})",
    )
    submit.add_argument(
        "--attempts",
        type=positive,
        default=DEFAULT_ATTEMPTS,
        metavar="N",
        help=f"attempts per date; only Spot reclaims are retried (default {DEFAULT_ATTEMPTS})",
    )
    submit.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME",
        help="pass this variable of your environment to every job (repeatable; the value "
        "is never printed)",
    )
    submit.add_argument(
        "--job-name",
        default="newscrawler",
        metavar="PREFIX",
        help="prefix of the jobs' names (default newscrawler)",
    )
    submit.set_defaults(func=run_submit)
    status = actions.add_parser(
        "status",
        help="show a job's children by state and its failed dates",
        description="Show an array job's children by state and list its failed dates with "
        "Batch's reasons. Exit status 1 when a date failed.",
    )
    status.add_argument("job_id", nargs="+", metavar="JOB_ID", help="a job id that submit printed")
    status.set_defaults(func=run_status)


def run_submit(args: argparse.Namespace) -> int:
    dates = dates_of(args)
    options = job_options(args)
    client = _call(batch_client)
    try:
        submission = _call(lambda: submit_dates(client, dates, options, args.then_job_definition))
    except PartialSubmission as partial:
        print_submission(partial.submission, options)
        raise CommandError(f"{_failure(partial.__cause__)}; {partial}") from None
    print_submission(submission, options)
    return 0


def job_options(args: argparse.Namespace) -> JobOptions:
    """The checked options; CommandError (2) naming what is wrong, before any call."""
    try:
        environment = {}
        for name in args.env:
            check_variable(name)
            if name not in os.environ:
                raise ValueError(f"--env {name}: {name} is not set in this environment")
            environment[name] = os.environ[name]
        if args.then_job_definition is not None and not args.then_job_definition.strip():
            raise ValueError("the follow-up job definition name is empty")
        return JobOptions(
            job_queue=args.job_queue,
            job_definition=args.job_definition,
            name=args.job_name,
            timeout=args.timeout,
            attempts=args.attempts,
            environment=environment,
        )
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def print_submission(submission: Submission, options: JobOptions) -> None:
    dates = [date for job in submission.jobs for date in job.dates]
    print(
        f"submitted {len(dates)} date(s) {_span(dates)} to job queue "
        f"{options.job_queue} (job definition {options.job_definition}; "
        f"{options.attempts} attempt(s) of at most {options.timeout}s each)"
    )
    for job in submission.jobs:
        what = f"{len(job.dates)} children from START_DATE={job.dates[0]}"
        if len(job.dates) == 1:
            what = f"DATE={job.dates[0]}"
        print(f"  {job.kind:<9} {job.job_id}  {job.name}  {what}")
    if submission.then:
        then = submission.then
        print(f"  then      {then.job_id}  {then.name}  {then.job_definition}, after all of them")
    ids = " ".join(job.job_id for job in submission.jobs)
    print(f"follow with: newscrawler batch status {ids}")


def run_status(args: argparse.Namespace) -> int:
    client = _call(batch_client)
    reports = [_call(lambda job_id=job_id: job_report(client, job_id)) for job_id in args.job_id]
    for report in reports:
        print_report(report)
    return 1 if any(report.failed for report in reports) else 0


def print_report(report: JobReport) -> None:
    span = f", {len(report.dates)} date(s) {_span(report.dates)}" if report.dates else ""
    reason = f" ({report.status_reason})" if report.status_reason else ""
    print(f"{report.kind} {report.job_id} {report.name}{span}: {report.status}{reason}")
    if report.children:
        counts = [f"{state} {report.children[state]}" for state in JOB_STATES]
        print("  " + "  ".join(counts))
    if not report.failed:
        return
    print(f"  failed dates ({len(report.failed)}):")
    for failed in report.failed[:FAILED_SHOWN]:
        index = f" (index {failed.index})" if failed.index is not None else ""
        print(f"    {failed.date or '?'}{index}: {failed.reason or 'no reason given'}")
    if len(report.failed) > FAILED_SHOWN:
        print(f"    ... and {len(report.failed) - FAILED_SHOWN} more")


def _span(dates: list[str]) -> str:
    return dates[0] if len(dates) == 1 else f"{dates[0]}..{dates[-1]}"


def batch_client() -> Any:
    import boto3

    return boto3.client("batch", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)


def _call(action: Any) -> Any:
    """Run a Batch call; its errors as one line (exit 1)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return action()
    except (JobNotFound, ClientError, BotoCoreError) as error:
        raise CommandError(_failure(error)) from None


def _failure(error: BaseException | None) -> str:
    from botocore.exceptions import ClientError

    if isinstance(error, ClientError):
        detail = error.response.get("Error", {})
        return f"{error.operation_name} failed: {detail.get('Code')}: {detail.get('Message')}"
    return str(error)
