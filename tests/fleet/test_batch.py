"""``newscrawler batch submit`` / ``status`` against moto's Batch in server mode.

moto keeps what a submission asked for (array size, environment, timeout, ``dependsOn``),
but it stores no retry strategy and runs none (no Spot reclaim is ever retried): the
strategy is checked in the request as it goes over the wire. Most tests run moto's Batch
without Docker (its "simple" mode, switched on through ``/moto-api/config`` on the shared
moto server for this module): every child succeeds at once.

The last tests give a moto server of their own a Docker daemon (moto's Batch calls
``docker.from_env()``, so it follows the ``DOCKER_HOST`` of the moto process), and moto
runs each array child as a container of the project's image. moto sets only
``AWS_BATCH_JOB_ID`` (``<parent>:<index>``), not ``AWS_BATCH_JOB_ARRAY_INDEX``; the
entrypoint reads the index from it. moto runs every child at once, sets no status reason on
a failed child, and never marks the parent of a failed child FAILED as Batch does.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from athena.ddl import projection_properties
from athena.formats import PARQUET, PARTITION_COLUMNS, columns
from newscrawler.fleet.batch import SPOT_RETRY, JobOptions, submit_dates
from newscrawler.inputs import date_range
from newscrawler.lake import ARTICLE_SCHEMA
from newscrawler.pages.times import KST
from newscrawler.sim.server import running_simulator
from tests.support.cli import newscrawler
from tests.support.lake_check import S3Lake, assert_exactly, committed, truth_keys
from tests.support.paths import ROOT, require
from tests.support.servers import fetch_json, running_moto

if TYPE_CHECKING:
    from tests.support.docker import Docker

# A value recognisable anywhere it should not be: output, errors.
SECRET_VALUE = "pa55-" + uuid.uuid4().hex
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def set_moto_config(url: str, config: dict[str, Any]) -> None:
    request = urllib.request.Request(
        f"{url}/moto-api/config", data=json.dumps(config).encode(), method="POST"
    )
    urllib.request.urlopen(request, timeout=30).close()


def boto(service: str, url: str) -> Any:
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    return boto3.client(service, endpoint_url=url, region_name="us-east-1", **credentials)


def create_queue(url: str, name: str) -> str:
    """An unmanaged compute environment and a job queue on it; the queue's name."""
    iam, batch = boto("iam", url), boto("batch", url)
    role = iam.create_role(RoleName=f"{name}-service", AssumeRolePolicyDocument="{}")["Role"]
    environment = batch.create_compute_environment(
        computeEnvironmentName=f"{name}-spot", type="UNMANAGED", serviceRole=role["Arn"]
    )
    batch.create_job_queue(
        jobQueueName=name,
        state="ENABLED",
        priority=1,
        computeEnvironmentOrder=[
            {"order": 1, "computeEnvironment": environment["computeEnvironmentArn"]}
        ],
    )
    return name


def register(url: str, name: str, image: str, environment: dict[str, str] | None = None) -> str:
    boto("batch", url).register_job_definition(
        jobDefinitionName=name,
        type="container",
        containerProperties={
            "image": image,
            "resourceRequirements": [
                {"type": "VCPU", "value": "1"},
                {"type": "MEMORY", "value": "1024"},
            ],
            "environment": [{"name": k, "value": v} for k, v in (environment or {}).items()],
        },
    )
    return name


@pytest.fixture(scope="module")
def batch_setup(moto_server: str) -> Iterator[dict[str, str]]:
    """A job queue, a crawl and a repair job definition, on moto without Docker."""
    set_moto_config(moto_server, {"batch": {"use_docker": False}})
    try:
        name = f"crawl-{uuid.uuid4().hex[:8]}"
        yield {
            "queue": create_queue(moto_server, name),
            "crawl": register(moto_server, f"{name}-crawl", "newscrawler:test"),
            "repair": register(moto_server, f"{name}-repair", "newscrawler-repair:test"),
        }
    finally:
        set_moto_config(moto_server, {"batch": {"use_docker": True}})


@pytest.fixture
def batch(aws_env: dict[str, str]) -> Any:
    return boto("batch", aws_env["AWS_ENDPOINT_URL"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``newscrawler ARGV`` in this process: exit status, stdout, stderr."""
    try:
        status = newscrawler(*argv)
    except SystemExit as error:  # argparse's usage errors
        status = int(error.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def submit(capsys, setup: dict[str, str], *argv: str) -> tuple[list[str], str | None, str]:
    """Submit; the crawl jobs' ids, the follow-up's id and the output."""
    status, out, err = run(
        capsys,
        "batch", "submit", "--job-queue", setup["queue"], "--job-definition", setup["crawl"],
        *argv,
    )  # fmt: skip
    assert status == 0, err
    assert SECRET_VALUE not in out + err
    jobs = re.findall(r"^  (?:array job|job) +(\S+)", out, re.MULTILINE)
    then = re.findall(r"^  then +(\S+)", out, re.MULTILINE)
    return jobs, (then[0] if then else None), out


def describe(batch: Any, *job_ids: str) -> list[dict[str, Any]]:
    jobs = {job["jobId"]: job for job in batch.describe_jobs(jobs=list(job_ids))["jobs"]}
    return [jobs[job_id] for job_id in job_ids]


def environment(job: dict[str, Any]) -> dict[str, str]:
    return {pair["name"]: pair["value"] for pair in job["container"]["environment"]}


def queued(batch: Any, queue: str) -> int:
    every = [{"name": "JOB_NAME", "values": ["*"]}]
    return len(batch.list_jobs(jobQueue=queue, filters=every)["jobSummaryList"])


def test_a_year_is_one_array_job(capsys, batch_setup, batch, monkeypatch) -> None:
    monkeypatch.setenv("NAVER_SECTIONS", SECRET_VALUE)
    jobs, then, out = submit(
        capsys, batch_setup, "--start", "20180101", "--end", "20181231",
        "--timeout", "7200", "--env", "NAVER_SECTIONS",
    )  # fmt: skip
    assert len(jobs) == 1 and then is None
    (job,) = describe(batch, *jobs)
    assert job["arrayProperties"]["size"] == 365
    assert job["jobName"] == "newscrawler-20180101-20181231"
    assert job["timeout"] == {"attemptDurationSeconds": 7200}
    env = environment(job)
    assert env["START_DATE"] == "20180101"
    assert "DATE" not in env
    assert env["NAVER_SECTIONS"] == SECRET_VALUE  # passed on, never printed
    assert "365 children from START_DATE=20180101" in out


def test_more_than_10000_dates_split_and_the_follow_up_waits_for_all(
    capsys, batch_setup, batch
) -> None:
    first = date(1990, 1, 1)
    last = first + timedelta(days=10_000)  # 10,001 dates, 27 years
    jobs, then, out = submit(
        capsys, batch_setup, "--start", f"{first:%Y%m%d}", "--end", f"{last:%Y%m%d}",
        "--then-job-definition", batch_setup["repair"],
    )  # fmt: skip
    assert len(jobs) == 2 and then is not None
    arrays = describe(batch, *jobs)
    sizes = [job["arrayProperties"]["size"] for job in arrays]
    assert sizes == [5001, 5000]
    starts = [environment(job)["START_DATE"] for job in arrays]
    assert starts == [f"{first:%Y%m%d}", f"{first + timedelta(days=5001):%Y%m%d}"]
    # Every date once: each array covers START_DATE + 0..size-1, and they meet.
    covered = [
        f"{datetime.strptime(start, '%Y%m%d') + timedelta(n):%Y%m%d}"
        for start, size in zip(starts, sizes, strict=True)
        for n in range(size)
    ]
    assert covered == date_range(f"{first:%Y%m%d}", f"{last:%Y%m%d}")
    (follow_up,) = describe(batch, then)
    assert follow_up["dependsOn"] == [{"jobId": job_id} for job_id in jobs]
    assert follow_up["jobDefinition"].split("/")[-1].startswith(batch_setup["repair"] + ":")
    env = environment(follow_up)
    assert (env["START_DATE"], env["END_DATE"]) == (f"{first:%Y%m%d}", f"{last:%Y%m%d}")
    assert "after all of them" in out


def test_one_date_is_a_plain_job_with_date(capsys, batch_setup, batch) -> None:
    jobs, _, out = submit(capsys, batch_setup, "--date", "20180105", "--attempts", "5")
    (job,) = describe(batch, *jobs)
    assert "arrayProperties" not in job or "size" not in job["arrayProperties"]
    env = environment(job)
    assert env["DATE"] == "20180105"
    assert "START_DATE" not in env
    assert "DATE=20180105" in out


def test_retry_strategy_and_timeout_on_the_wire(batch_setup, aws_env) -> None:
    """moto drops ``retryStrategy``; what boto3 sends to the Batch API is what Batch gets."""
    client = boto("batch", aws_env["AWS_ENDPOINT_URL"])
    sent: list[dict[str, Any]] = []
    client.meta.events.register(
        "before-send.batch.SubmitJob", lambda request, **_: sent.append(json.loads(request.body))
    )
    options = JobOptions(batch_setup["queue"], batch_setup["crawl"], timeout=3600, attempts=4)
    submit_dates(client, date_range("20180101", "20180110"), options, batch_setup["repair"])
    crawl, follow_up = sent
    for request in sent:
        assert request["retryStrategy"] == {
            "attempts": 4,
            "evaluateOnExit": [
                {"onStatusReason": "Host EC2*", "action": "RETRY"},
                {"onReason": "*", "action": "EXIT"},
            ],
        }
        assert request["timeout"] == {"attemptDurationSeconds": 3600}
    assert crawl["arrayProperties"] == {"size": 10}
    assert "arrayProperties" not in follow_up


def test_status_counts_children(capsys, batch_setup, batch) -> None:
    jobs, _, _ = submit(capsys, batch_setup, "--start", "20180201", "--end", "20180203")
    status, out, err = run(capsys, "batch", "status", *jobs)
    assert status == 0, err
    first, counts = out.splitlines()[:2]
    assert first.startswith(f"array job {jobs[0]} newscrawler-20180201-20180203")
    assert "3 date(s) 20180201..20180203" in first
    assert "SUCCEEDED 3" in counts and "FAILED 0" in counts
    assert "failed dates" not in out


def test_status_of_an_unknown_job_is_one_line(capsys, batch_setup, aws_env) -> None:
    status, out, err = run(capsys, "batch", "status", "no-such-job")
    assert status == 1
    assert out == ""
    assert err.strip() == "newscrawler batch status: error: no Batch job no-such-job"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--start", "20180105", "--end", "20180101"], "before start date"),
        (["--start", "20180132", "--end", "20180201"], "invalid date"),
        (["--start", "20180101", "--end", "20180102", "--job-queue", " "], "job queue"),
        (["--start", "20180101", "--end", "20180102", "--timeout", "30"], "at least 60"),
        (["--start", "20180101", "--end", "20180102", "--env", "DATE"], "set by the submission"),
        (["--start", "20180101", "--end", "20180102", "--env", "NOT_SET_HERE"], "not set"),
        (["--start", "20180101", "--end", "20180102", "--attempts", "11"], "1 to 10"),
    ],
)
def test_bad_input_is_one_line_before_any_call(
    capsys, batch_setup, batch, monkeypatch, argv, says
) -> None:
    monkeypatch.delenv("NOT_SET_HERE", raising=False)
    before = queued(batch, batch_setup["queue"])
    status, out, err = run(
        capsys,
        "batch", "submit", "--job-queue", batch_setup["queue"],
        "--job-definition", batch_setup["crawl"], *argv,
    )  # fmt: skip
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("newscrawler batch submit: error:")
    assert says in err
    assert queued(batch, batch_setup["queue"]) == before


@pytest.mark.parametrize("missing", ["queue", "then"])
def test_batch_refusals_are_one_line(capsys, batch_setup, aws_env, missing) -> None:
    """A follow-up refused after the arrays went in: those are listed before the error."""
    queue = "no-such-queue" if missing == "queue" else batch_setup["queue"]
    status, out, err = run(
        capsys,
        "batch", "submit", "--start", "20180101", "--end", "20180102", "--job-queue", queue,
        "--job-definition", batch_setup["crawl"], "--then-job-definition", "no-such-definition",
    )  # fmt: skip
    assert status == 1
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("newscrawler batch submit: error: SubmitJob failed: ")
    assert ("no-such-queue" if missing == "queue" else "no-such-definition") in err
    if missing == "queue":
        assert out == ""
    else:
        assert re.search(r"^  array job +\S+  newscrawler-20180101-20180102 ", out, re.MULTILINE)
        assert "1 job(s) were submitted before the failure" in err


# moto's Batch running the children on a Docker daemon.

BUCKET = "newscrawler-batch"
PREFIX = "lake"


@pytest.fixture(scope="module")
def docker_moto(docker_daemon: Docker) -> Iterator[str]:
    """A moto server whose Batch runs containers on the test daemon, on the host network."""
    with contextlib.ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DOCKER_HOST", docker_daemon.host)
            patch.setenv("MOTO_DOCKER_NETWORK_MODE", "host")
            url = stack.enter_context(running_moto())
        yield url


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with running_simulator(seed=5, articles_per_day=20, fault_rate=0.0) as url:
        yield url


@pytest.fixture
def docker_batch(docker_moto: str, newscrawler_image: str, monkeypatch) -> dict[str, Any]:
    """A queue and the crawler's job definition on ``docker_moto``, its lake bucket, and this
    process's environment pointing at it."""
    name = f"crawl-{uuid.uuid4().hex[:8]}"
    s3 = boto("s3", docker_moto)
    with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou):
        s3.create_bucket(Bucket=BUCKET)
    lake = {
        "NEWS_OUTPUT_URI": f"s3://{BUCKET}/{PREFIX}/{name}",
        "NEWS_OUTPUT_FORMAT": "parquet",
        "AWS_ENDPOINT_URL": docker_moto,
        **CREDENTIALS,
    }
    for variable, value in {**CREDENTIALS, "AWS_ENDPOINT_URL": docker_moto}.items():
        monkeypatch.setenv(variable, value)
    return {
        "queue": create_queue(docker_moto, name),
        "crawl": register(docker_moto, f"{name}-crawl", newscrawler_image, lake),
        "batch": boto("batch", docker_moto),
        "lake": S3Lake(s3, BUCKET, f"{PREFIX}/{name}"),
    }


def wait_for_children(batch: Any, job_id: str, seconds: float = 600) -> dict[str, int]:
    """The array's children by state, once none is left to run."""
    deadline = time.monotonic() + seconds
    while True:
        (job,) = describe(batch, job_id)
        summary = job["arrayProperties"]["statusSummary"]
        if summary["SUCCEEDED"] + summary["FAILED"] == job["arrayProperties"]["size"]:
            return summary
        assert time.monotonic() < deadline, f"children still running: {summary}"
        time.sleep(1)


@pytest.mark.slow
def test_moto_runs_the_children_and_their_dates_are_committed(
    capsys, docker_batch, simulator, monkeypatch
) -> None:
    monkeypatch.setenv("NAVER_BASE_URL", simulator)
    jobs, _, _ = submit(
        capsys, docker_batch, "--start", "20180101", "--end", "20180103", "--env", "NAVER_BASE_URL"
    )
    summary = wait_for_children(docker_batch["batch"], jobs[0])
    assert summary["SUCCEEDED"] == 3, summary
    lake = docker_batch["lake"]
    assert lake.dates() == {"20180101", "20180102", "20180103"}
    for day in sorted(lake.dates()):
        view = committed(lake, day)
        assert view is not None
        truth = truth_keys(fetch_json(f"{simulator}/_sim/articles?date={day}"))
        assert_exactly(view.rows, truth, day)
    status, out, err = run(capsys, "batch", "status", jobs[0])
    assert status == 0, err
    assert "SUCCEEDED 3" in out and "FAILED 0" in out


@pytest.mark.slow
def test_status_lists_a_failed_date_with_its_reason(capsys, docker_batch, simulator) -> None:
    """Submitted by hand: ``batch submit`` refuses future dates, which is what fails here."""
    today = datetime.now(KST).date()
    tomorrow = today + timedelta(days=1)
    reply = docker_batch["batch"].submit_job(
        jobName="today-and-tomorrow",
        jobQueue=docker_batch["queue"],
        jobDefinition=docker_batch["crawl"],
        arrayProperties={"size": 2},
        containerOverrides={
            "environment": [
                {"name": "START_DATE", "value": f"{today:%Y%m%d}"},
                {"name": "NAVER_BASE_URL", "value": simulator},
            ]
        },
    )
    summary = wait_for_children(docker_batch["batch"], reply["jobId"])
    assert (summary["SUCCEEDED"], summary["FAILED"]) == (1, 1), summary
    assert docker_batch["lake"].dates() == {f"{today:%Y%m%d}"}
    status, out, err = run(capsys, "batch", "status", reply["jobId"])
    assert status == 1, err
    assert "SUCCEEDED 1" in out and "FAILED 1" in out
    assert "failed dates (1):" in out
    # The entrypoint's bad-input status: a future date.
    assert f"    {tomorrow:%Y%m%d} (index 1): exit code 2" in out.splitlines()


# infra/batch.yaml, the CloudFormation stack for Batch.

TEMPLATE = ROOT / "infra" / "batch.yaml"


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    """The template with CloudFormation's short forms as their long ones (``{"Ref": X}``)."""
    require(importlib.util.find_spec("cfnlint") is not None, "cfn-lint is not installed")
    from cfnlint.decode import decode

    loaded, problems = decode(str(TEMPLATE))
    assert not problems, problems
    return loaded


def resources(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


def test_template_passes_cfn_lint() -> None:
    lint = shutil.which("cfn-lint", path=str(Path(sys.executable).parent))
    require(lint is not None, "cfn-lint is not installed (pip install cfn-lint)")
    assert lint is not None
    done = subprocess.run([lint, str(TEMPLATE)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_glue_table_is_the_table_athena_ddl_makes(template) -> None:
    (table,) = resources(template, "AWS::Glue::Table")
    spec = table["TableInput"]
    descriptor = spec["StorageDescriptor"]
    assert [(c["Name"], c["Type"]) for c in descriptor["Columns"]] == columns()
    assert [c["Name"] for c in descriptor["Columns"]] == list(ARTICLE_SCHEMA.names)
    assert [(c["Name"], c["Type"]) for c in spec["PartitionKeys"]] == PARTITION_COLUMNS
    assert descriptor["InputFormat"] == PARQUET.input_format
    assert descriptor["OutputFormat"] == PARQUET.output_format
    assert descriptor["SerdeInfo"]["SerializationLibrary"] == PARQUET.serde
    expected = projection_properties("s3://bucket/prefix/")
    parameters = spec["Parameters"]
    assert set(expected) <= set(parameters)
    for key, value in expected.items():
        if key not in ("projection.date.range", "storage.location.template"):
            assert parameters[key] == value, key
    assert parameters["storage.location.template"]["Fn::Sub"].endswith("/date=${!date}/")


def test_template_retries_spot_reclaims_and_crawls_yesterday_daily(template) -> None:
    (definition,) = resources(template, "AWS::Batch::JobDefinition")
    rules = definition["RetryStrategy"]["EvaluateOnExit"]
    assert rules == [
        {key[0].upper() + key[1:]: value for key, value in rule.items()} for rule in SPOT_RETRY
    ]
    (environment,) = resources(template, "AWS::Batch::ComputeEnvironment")
    assert environment["ComputeResources"]["Type"] == "SPOT"
    assert environment["ComputeResources"]["AllocationStrategy"] == "SPOT_CAPACITY_OPTIMIZED"
    (schedule,) = resources(template, "AWS::Scheduler::Schedule")
    assert schedule["ScheduleExpressionTimezone"] == "Asia/Seoul"
    assert schedule["Target"]["Arn"]["Fn::Sub"].endswith(":aws-sdk:batch:submitJob")
    request = json.loads(re.sub(r"\$\{[^}]+\}", "x", schedule["Target"]["Input"]["Fn::Sub"]))
    overrides = request["ContainerOverrides"]["Environment"]
    assert overrides == [{"Name": "DATE", "Value": "yesterday"}]


def test_template_bucket_and_job_role(template) -> None:
    (bucket,) = resources(template, "AWS::S3::Bucket")
    rules = bucket["LifecycleConfiguration"]["Rules"]
    assert any("AbortIncompleteMultipartUpload" in rule for rule in rules if "Id" in rule)
    assert "Fn::If" in bucket["VersioningConfiguration"]
    roles = template["Resources"]["JobRole"]["Properties"]
    statements = roles["Policies"][0]["PolicyDocument"]["Statement"]
    assert all(statement["Effect"] == "Allow" for statement in statements)
    listing, objects = statements
    assert listing["Action"] == "s3:ListBucket"
    assert listing["Condition"]["StringLike"]["s3:prefix"][0] == {"Fn::Sub": "${LakePrefix}/*"}
    # Objects under the lake prefix only, never the whole bucket.
    assert objects["Resource"] == {"Fn::Sub": "${LakeBucket.Arn}/${LakePrefix}/*"}
    assert not any(action == "*" or action.endswith(":*") for action in objects["Action"])
