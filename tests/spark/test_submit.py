"""``newscrawler spark submit``: the spark-submit line and the EMR step it builds, bad
input, a real local run, and a step added to an EMR API (moto)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys

import pytest

from newscrawler.lake import MARKER
from tests.support.cli import newscrawler
from tests.support.paths import require

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/newscrawler-spark:0.1.0"
RANGE = ("--start", "20180101", "--end", "20180131")
DOCKER = {
    "YARN_CONTAINER_RUNTIME_TYPE": "docker",
    "YARN_CONTAINER_RUNTIME_DOCKER_IMAGE": IMAGE,
    "YARN_CONTAINER_RUNTIME_DOCKER_CLIENT_CONFIG": "hdfs:///user/hadoop/config.json",
    "YARN_CONTAINER_RUNTIME_DOCKER_MOUNTS": "/etc/passwd:/etc/passwd:ro",
}


def submit(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = newscrawler("spark", "submit", *argv)
    except SystemExit as exit:  # argparse's usage errors
        status = exit.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def words(printed: str) -> list[str]:
    return shlex.split(printed.replace("\\\n", " "))


def settings(command: list[str]) -> dict[str, str]:
    pairs = [command[i + 1] for i, word in enumerate(command) if word == "--conf"]
    return dict(pair.split("=", 1) for pair in pairs)


def test_prints_spark_submit_with_the_docker_runtime_for_driver_and_executors(capsys):
    lake = ("--lake", "s3://lake-bucket/naver_news", "--out", "s3://lake-bucket/daily_stats")
    status, out, _ = submit(capsys, *lake, *RANGE, "--image", IMAGE, "--region", "ap-northeast-2")
    assert status == 0
    command = words(out)
    assert command[:5] == ["spark-submit", "--master", "yarn", "--deploy-mode", "cluster"]
    conf = settings(command)
    for prefix in ("spark.executorEnv.", "spark.yarn.appMasterEnv."):
        for name, value in DOCKER.items():
            assert conf[prefix + name] == value
        assert conf[prefix + "AWS_REGION"] == "ap-northeast-2"
    tail = command[command.index("--py-files") :]
    assert tail == [
        "--py-files",
        "local:///opt/newscrawler/spark/lake_input.py",
        "local:///opt/newscrawler/spark/daily_stats.py",
        *("--lake", "s3a://lake-bucket/naver_news", "--out", "s3a://lake-bucket/daily_stats"),
        *RANGE,
    ]


def test_cluster_id_prints_aws_emr_add_steps(capsys):
    argv = ("--job", "compact", "--lake", "s3://a-lake/x", "--out", "s3://a-lake/y", *RANGE)
    status, out, _ = submit(capsys, *argv, "--image", IMAGE, "--cluster-id", "j-ABC123DEF")
    assert status == 0
    command = words(out)
    assert command[:5] == ["aws", "emr", "add-steps", "--cluster-id", "j-ABC123DEF"]
    (step,) = json.loads(command[command.index("--steps") + 1])
    assert step["Type"] == "CUSTOM_JAR" and step["Jar"] == "command-runner.jar"
    assert step["Args"][0] == "spark-submit"
    assert "local:///opt/newscrawler/spark/compact.py" in step["Args"]
    assert (
        settings(step["Args"])["spark.yarn.appMasterEnv.YARN_CONTAINER_RUNTIME_DOCKER_IMAGE"]
        == IMAGE
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--lake", "l", "--out", "o", *RANGE), "give --image"),
        (("--lake", "l", "--out", "o", "--start", "20180132", "--end", "20180201"), "invalid date"),
        (("--lake", "l", "--out", "o", "--start", "20180201", "--end", "20180101"), "after"),
        (("--lake", "l", "--out", "o", *RANGE, "--image", IMAGE, "--cluster-id", "c-1"), "cluster"),
        (
            ("--lake", "l", "--out", "o", *RANGE, "--image", IMAGE, "--conf", "spark.x"),
            "NAME=VALUE",
        ),
        (
            ("--lake", "l", "--out", "o", *RANGE, "--image", IMAGE, "--conf", "x.y=1"),
            "Spark setting",
        ),
        (("--lake", "l", "--out", "o", *RANGE, "--job", "nope"), "invalid choice"),
        (
            ("--lake", "l", "--out", "o", *RANGE, "--master", "local[2]", "--cluster-id", "j-A1"),
            "YARN",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, argv, message):
    status, out, err = submit(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("newscrawler spark submit: error:") and message in err


def test_run_adds_the_step_to_the_cluster(capsys, aws_env):
    import boto3

    emr = boto3.client("emr", region_name="us-east-1")
    cluster = emr.run_job_flow(
        Name="analysis",
        ReleaseLabel="emr-6.15.0",
        Instances={"MasterInstanceType": "m5.xlarge", "InstanceCount": 1},
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
    )["JobFlowId"]
    argv = ("--lake", "s3://a-lake/x", "--out", "s3://a-lake/y", *RANGE, "--image", IMAGE)
    status, out, _ = submit(capsys, *argv, "--cluster-id", cluster, "--run")
    assert status == 0 and cluster in out
    (step,) = emr.list_steps(ClusterId=cluster)["Steps"]
    assert step["Name"] == "newscrawler daily_stats 20180101-20180131"
    args = step["Config"]["Args"]
    assert args[0] == "spark-submit" and args[-8:-4] == [
        "--lake",
        "s3a://a-lake/x",
        "--out",
        "s3a://a-lake/y",
    ]
    assert settings(args)["spark.executorEnv.YARN_CONTAINER_RUNTIME_TYPE"] == "docker"


def test_run_locally_runs_the_job_with_spark_submit(capsys, crawled_lake, tmp_path, monkeypatch):
    require(shutil.which("java") is not None, "java is not on PATH")
    monkeypatch.setenv("PATH", f"{sys.prefix}/bin:" + os.environ["PATH"])
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    out = tmp_path / "daily_stats"
    local = ("--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=2")
    argv = (
        "--lake",
        str(crawled_lake),
        "--out",
        str(out),
        "--start",
        "20180102",
        "--end",
        "20180102",
    )
    status, printed, _ = submit(capsys, *argv, *local)
    assert status == 0 and "YARN_CONTAINER_RUNTIME" not in printed
    assert submit(capsys, *argv, *local, "--run")[0] == 0
    manifest = json.loads((out / "month=201801" / MARKER).read_text(encoding="utf-8"))
    assert manifest["dates"] == ["20180101", "20180102", "20180103"]
    assert manifest["rows"] > 0 and all(
        (out / "month=201801" / f["name"]).is_file() for f in manifest["files"]
    )
