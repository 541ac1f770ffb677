"""``newscrawler k8s manifest``: a Kubernetes Indexed Job that crawls a range of dates."""

from __future__ import annotations

import argparse
import sys

from newscrawler.cli.crawl import add_date_options, dates_of, non_negative, positive
from newscrawler.cli.errors import CommandError, require_extra
from newscrawler.fleet.k8s import (
    DEFAULT_ATTEMPTS,
    DEFAULT_PARALLELISM,
    TERMINATION_GRACE_SECONDS,
    JobSpec,
    indexed_job,
    render_yaml,
)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "k8s",
        help="crawl dates on Kubernetes (an Indexed Job)",
        description="Kubernetes manifests that run the crawler image, one date per index.",
    )
    actions = parser.add_subparsers(dest="subcommand", required=True, metavar="ACTION")
    manifest = actions.add_parser(
        "manifest",
        help="print an Indexed Job for a range of dates (kubectl apply -f -)",
        description="Print an Indexed Job: one completion index per date (START_DATE plus "
        "JOB_COMPLETION_INDEX is the date), each index retried on its own, disruptions "
        f"(Spot, preemption) not counted, exit status 2 final, {TERMINATION_GRACE_SECONDS}s "
        "to stop cleanly.",
    )
    add_date_options(manifest)
    manifest.add_argument(
        "--image", required=True, help="the crawler image, e.g. repo/newscrawler:0.1.0"
    )
    manifest.add_argument(
        "--parallelism",
        type=positive,
        default=DEFAULT_PARALLELISM,
        metavar="N",
        help=f"dates crawled at once (default {DEFAULT_PARALLELISM})",
    )
    manifest.add_argument(
        "--attempts",
        type=positive,
        default=DEFAULT_ATTEMPTS,
        metavar="N",
        help=f"attempts per date, disruptions not counted (default {DEFAULT_ATTEMPTS})",
    )
    manifest.add_argument(
        "--max-failed-dates",
        type=non_negative,
        metavar="N",
        help="fail the whole Job once more than N dates failed (default a tenth of them)",
    )
    manifest.add_argument(
        "--secret", metavar="NAME", help="a Secret whose keys become environment variables"
    )
    manifest.add_argument(
        "--config-map",
        metavar="NAME",
        help="a ConfigMap whose keys become environment variables (e.g. NEWS_OUTPUT_URI)",
    )
    manifest.add_argument(
        "--service-account",
        metavar="NAME",
        help="the pods' service account (e.g. one bound to an IAM role for the bucket)",
    )
    manifest.add_argument("--namespace", metavar="NS", help="the Job's namespace")
    manifest.add_argument(
        "--output", metavar="URI", help="the lake, s3://bucket/prefix (sets NEWS_OUTPUT_URI)"
    )
    manifest.add_argument(
        "--name",
        default="newscrawler",
        metavar="PREFIX",
        help="prefix of the Job's name (default newscrawler)",
    )
    manifest.set_defaults(func=run_manifest)


def run_manifest(args: argparse.Namespace) -> int:
    dates = dates_of(args)
    try:
        spec = JobSpec(
            image=args.image,
            name=args.name,
            namespace=args.namespace,
            parallelism=args.parallelism,
            attempts=args.attempts,
            max_failed_dates=args.max_failed_dates,
            secret=args.secret,
            config_map=args.config_map,
            service_account=args.service_account,
            output=args.output,
        )
        manifest = indexed_job(dates, spec)
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    require_extra("fleet", "yaml")
    sys.stdout.write(render_yaml(manifest))
    return 0
