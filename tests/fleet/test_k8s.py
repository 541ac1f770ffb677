"""``newscrawler k8s manifest``: the Indexed Job it prints, validated, and run as a pod would be.

No Kubernetes control plane runs here: the manifest is checked against Kubernetes' own
OpenAPI schemas with ``kubernetes-validate --strict``, and the image is run on a Docker
daemon with the environment the Job gives its pod (``START_DATE`` from the manifest,
``JOB_COMPLETION_INDEX`` as Kubernetes sets it, the ConfigMap and Secret as plain variables).
What only a cluster shows (per-index retries, the pod failure policy, eviction) is not run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import pytest
import yaml

from newscrawler.sim.server import running_simulator
from tests.support.cli import newscrawler
from tests.support.lake_check import S3Lake, assert_exactly, committed, truth_keys
from tests.support.paths import require
from tests.support.servers import fetch_json

if TYPE_CHECKING:
    from tests.support.docker import Docker

IMAGE = "registry.example.com/newscrawler:0.1.0"
# Indexed Jobs with backoffLimitPerIndex, FailIndex and podReplacementPolicy: beta (on by
# default) since 1.29; the newest schemas the validator ships, too.
KUBERNETES_VERSIONS = ("1.29.0", None)


def k8s_manifest(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``newscrawler k8s manifest ARGV``: exit status, stdout, stderr."""
    try:
        status = newscrawler("k8s", "manifest", *argv)
    except SystemExit as error:  # argparse's usage errors
        status = int(error.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def manifest(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    status, out, err = k8s_manifest(capsys, *argv)
    assert status == 0, err
    return yaml.safe_load(out) | {"_text": out}


def validate(tmp_path: Path, text: str, version: str | None) -> subprocess.CompletedProcess[str]:
    validator = shutil.which("kubernetes-validate", path=str(Path(sys.executable).parent))
    require(validator is not None, "kubernetes-validate is not installed")
    assert validator is not None
    path = tmp_path / "job.yaml"
    path.write_text(text, encoding="utf-8")
    command = [validator, "--strict", *(["-k", version] if version else []), str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS, ids=lambda v: v or "latest")
def test_manifest_passes_strict_validation(capsys, tmp_path, version) -> None:
    job = manifest(
        capsys,
        "--start", "20180101", "--end", "20181231", "--image", IMAGE,
        "--secret", "newscrawler-aws", "--config-map", "newscrawler",
        "--namespace", "crawl", "--service-account", "crawler",
        "--output", "s3://my-bucket/naver_news",
    )  # fmt: skip
    done = validate(tmp_path, job["_text"], version)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed" in done.stdout


def test_validation_rejects_a_broken_manifest(capsys, tmp_path) -> None:
    """The validator is strict enough to notice an unknown field (so its pass means something)."""
    job = manifest(capsys, "--start", "20180101", "--end", "20180103", "--image", IMAGE)
    del job["_text"]
    job["spec"]["template"]["spec"]["containers"][0]["enviroment"] = []
    done = validate(tmp_path, yaml.safe_dump(job), None)
    assert done.returncode != 0
    assert "enviroment" in done.stdout + done.stderr


def test_indexed_job_for_a_year(capsys) -> None:
    job = manifest(
        capsys, "--start", "20180101", "--end", "20181231", "--image", IMAGE,
        "--parallelism", "12", "--attempts", "4", "--secret", "aws", "--config-map", "lake",
    )  # fmt: skip
    spec = job["spec"]
    assert job["metadata"]["name"] == "newscrawler-20180101-20181231"
    assert spec["completionMode"] == "Indexed"
    assert spec["completions"] == 365
    assert spec["parallelism"] == 12
    assert spec["backoffLimitPerIndex"] == 3
    assert 1 <= spec["maxFailedIndexes"] < 365
    assert spec["podReplacementPolicy"] == "Failed"
    ignore, fail_index = spec["podFailurePolicy"]["rules"]
    assert ignore == {
        "action": "Ignore",
        "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}],
    }
    assert fail_index["action"] == "FailIndex"
    assert fail_index["onExitCodes"]["operator"] == "In"
    assert fail_index["onExitCodes"]["values"] == [2]
    pod = spec["template"]["spec"]
    (container,) = pod["containers"]
    assert fail_index["onExitCodes"]["containerName"] == container["name"]
    assert pod["restartPolicy"] == "Never"
    # Longer than a download timeout (30 s) so a stopped crawl ends its requests.
    assert pod["terminationGracePeriodSeconds"] >= 60
    assert container["image"] == IMAGE
    assert container["env"] == [{"name": "START_DATE", "value": "20180101"}]
    assert container["envFrom"] == [
        {"configMapRef": {"name": "lake"}},
        {"secretRef": {"name": "aws"}},
    ]
    assert set(container["resources"]["requests"]) == {"cpu", "memory"}


def test_parallelism_is_at_most_the_dates(capsys) -> None:
    job = manifest(capsys, "--date", "20180101", "--image", IMAGE, "--parallelism", "50")
    assert job["spec"]["completions"] == 1
    assert job["spec"]["parallelism"] == 1


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--start", "20180105", "--end", "20180101"], "before start date"),
        (["--start", "2018-02-30", "--end", "20180301"], "invalid date"),
        (["--start", "20180101"], "--start with --end"),
        (["--start", "20180101", "--end", "20180102", "--secret", "Not_A_Name"], "secret"),
        (["--start", "20180101", "--end", "20180102", "--max-failed-dates", "5"], "max failed"),
        (["--start", "20180101", "--end", "20180102", "--parallelism", "0"], "positive"),
    ],
)
def test_bad_input_is_one_line(capsys, argv, says) -> None:
    status, out, err = k8s_manifest(capsys, "--image", IMAGE, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("newscrawler k8s manifest: error:")
    assert says in err


# A pod of the Job, run on a Docker daemon.

BUCKET = "newscrawler-k8s"
PREFIX = "lake"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with running_simulator(seed=3, articles_per_day=20, fault_rate=0.0) as url:
        yield url


@pytest.mark.slow
def test_pod_crawls_the_date_of_its_index(
    capsys, docker_daemon: Docker, newscrawler_image: str, moto_server: str, simulator: str
) -> None:
    s3 = boto3.client(
        "s3",
        endpoint_url=moto_server,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
    )
    s3.create_bucket(Bucket=BUCKET)
    job = manifest(
        capsys, "--start", "20180110", "--end", "20180119", "--image", newscrawler_image,
        "--secret", "aws", "--config-map", "lake", "--output", f"s3://{BUCKET}/{PREFIX}",
    )  # fmt: skip
    (container,) = job["spec"]["template"]["spec"]["containers"]
    config_map = {"NAVER_BASE_URL": simulator, "AWS_ENDPOINT_URL": moto_server}
    # What Kubernetes gives the pod of index 3: envFrom first, then env, then the index.
    env = {**config_map, **CREDENTIALS}
    env |= {pair["name"]: pair["value"] for pair in container["env"]}
    env["JOB_COMPLETION_INDEX"] = "3"
    done = docker_daemon.container(container["image"], env)
    assert done.returncode == 0, done.stderr[-3000:]
    lake = S3Lake(s3, BUCKET, PREFIX)
    assert lake.dates() == {"20180113"}
    view = committed(lake, "20180113")
    assert view is not None
    assert_exactly(view.rows, truth_keys(fetch_json(f"{simulator}/_sim/articles?date=20180113")))
