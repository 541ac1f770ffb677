"""``newscrawler spark submit``: the ``spark-submit`` or EMR step for a job in ``spark/``.

Prints the command (``spark-submit`` with YARN's Docker runtime filled in, or with
``--cluster-id`` the ``aws emr add-steps`` that runs it on a cluster); ``--run`` runs it
(the step is added with boto3, which finds credentials in its standard chain).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
from pathlib import Path

from newscrawler.cli.errors import CommandError
from newscrawler.fleet.emr import (
    ACTIONS_ON_FAILURE,
    DOCKER_CLIENT_CONFIG,
    IMAGE_JOBS,
    JOBS,
    SparkJob,
    add_steps,
    add_steps_command,
    check_cluster_id,
)
from newscrawler.inputs import parse_date

# The jobs of a source checkout, for local runs (the image keeps its own copy).
CHECKOUT_JOBS = Path(__file__).resolve().parents[2] / "spark"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "spark",
        help="Spark jobs over the lake (daily statistics, compaction), locally or on EMR",
        description="Build, print or run the spark-submit command of a Spark job over the lake.",
    )
    actions = parser.add_subparsers(dest="subcommand", required=True, metavar="ACTION")
    submit = actions.add_parser(
        "submit",
        help="print (or run) the spark-submit command or EMR step of a job",
        description="Print the spark-submit command of a job in spark/, with YARN's Docker "
        "runtime settings for the driver and the executors; with --cluster-id the "
        "'aws emr add-steps' command instead. --run runs it.",
    )
    option = submit.add_argument
    option("--job", choices=JOBS, default="daily_stats", help="the job (default: daily_stats)")
    option("--lake", required=True, metavar="URI", help="lake root: a folder or s3://bucket/prefix")
    option(
        "--out", required=True, metavar="URI", help="the job's output root: a folder or s3://..."
    )
    option("--start", required=True, type=_date, metavar="DATE", help="first date, YYYYMMDD")
    option("--end", required=True, type=_date, metavar="DATE", help="last date (inclusive)")
    option(
        "--image",
        help="the jobs' Docker image, ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG "
        "(required on YARN)",
    )
    option(
        "--docker-client-config",
        default=DOCKER_CLIENT_CONFIG,
        metavar="URI",
        help=f"registry credentials for YARN's Docker runtime (default: {DOCKER_CLIENT_CONFIG})",
    )
    option(
        "--master",
        default="yarn",
        help="yarn (the default: cluster mode, in the image) or local[N] to run here",
    )
    option(
        "--jobs-dir",
        metavar="DIR",
        help=f"where the job scripts are (default: {IMAGE_JOBS} on YARN, this checkout's "
        "spark/ otherwise)",
    )
    option(
        "--region",
        default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
        help="AWS region for the jobs' S3 client and the EMR API (default: $AWS_REGION)",
    )
    option(
        "--conf",
        action="append",
        default=[],
        metavar="spark.NAME=VALUE",
        help="another Spark setting (repeatable)",
    )
    option(
        "--cluster-id",
        type=_cluster_id,
        metavar="ID",
        help="add the job as a step of this EMR cluster",
    )
    option(
        "--action-on-failure",
        choices=ACTIONS_ON_FAILURE,
        default="CONTINUE",
        help="what the cluster does when the step fails (default: CONTINUE)",
    )
    option(
        "--run",
        action="store_true",
        help="run the command (or add the step) instead of printing it",
    )
    submit.set_defaults(func=run)


def _date(text: str) -> str:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _cluster_id(text: str) -> str:
    try:
        return check_cluster_id(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    job = _job(args)
    if args.cluster_id:
        return _add_step(args, job)
    command = job.spark_submit()
    if not args.run:
        print(shell_lines(command))
        return 0
    if shutil.which(command[0]) is None:
        raise CommandError("spark-submit is not on PATH: install Spark (pip install pyspark)", 1)
    return subprocess.run(command, check=False).returncode


def _job(args: argparse.Namespace) -> SparkJob:
    try:
        conf = dict(_setting(text) for text in args.conf)
        return SparkJob(
            args.job,
            args.lake,
            args.out,
            args.start,
            args.end,
            image=args.image,
            docker_client_config=args.docker_client_config,
            master=args.master,
            jobs_dir=args.jobs_dir or _default_jobs_dir(args.master),
            region=args.region,
            conf=conf,
        )
    except ValueError as error:
        raise CommandError(str(error), 2) from error


def _setting(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals:
        raise ValueError(f"--conf {text!r}: expected spark.NAME=VALUE")
    return name, value


def _default_jobs_dir(master: str) -> str:
    if master == "yarn":
        return IMAGE_JOBS
    if not CHECKOUT_JOBS.is_dir():
        raise ValueError("no spark/ folder beside this installation: give --jobs-dir")
    return str(CHECKOUT_JOBS)


def _add_step(args: argparse.Namespace, job: SparkJob) -> int:
    if not job.on_yarn:
        raise CommandError(f"--cluster-id runs the job on the cluster's YARN, not {job.master}", 2)
    step = job.step(args.action_on_failure)
    if not args.run:
        print(shell_lines(add_steps_command(args.cluster_id, [step], args.region)))
        return 0
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        emr = boto3.client("emr", region_name=args.region)
        step_ids = add_steps(emr, args.cluster_id, [step])
    except (BotoCoreError, ClientError) as error:
        raise CommandError(f"cannot add the step to {args.cluster_id}: {error}", 1) from error
    print(f"{args.cluster_id}: added step {', '.join(step_ids)} ({step['Name']})")
    return 0


def shell_lines(command: list[str]) -> str:
    """``command`` quoted for a POSIX shell, each option and its value on a line."""
    index = next((i for i, word in enumerate(command) if word.startswith("--")), len(command))
    lines = [shlex.join(command[:index])]
    while index < len(command):
        word = command[index]
        takes_value = word.startswith("--") and index + 1 < len(command)
        if takes_value and not command[index + 1].startswith("--"):
            lines.append(f"{shlex.quote(word)} {shlex.quote(command[index + 1])}")
            index += 2
        else:
            lines.append(shlex.quote(word))
            index += 1
    return " \\\n  ".join(lines)
