"""The Spark jobs on EMR: ``spark-submit`` lines with YARN's Docker runtime, EMR steps.

EMR 6.x runs a Spark application's driver (the YARN application master, in cluster mode)
and executors in a Docker image when their environment names the runtime, the image, the
registry credentials and the mounts; the same settings go to both. The image holds the
jobs under ``IMAGE_JOBS`` (see ``spark/Dockerfile``), so nothing is copied to the cluster.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

JOBS = ("daily_stats", "compact")
# Shared by both jobs, shipped with --py-files.
JOB_LIBRARY = "lake_input.py"
# Where spark/Dockerfile puts the jobs, their Python and Java. YARN hands a container the
# node's JAVA_HOME unless the application names one, so the image's own is named.
IMAGE_JOBS = "local:///opt/newscrawler/spark"
IMAGE_PYTHON = "/opt/newscrawler/venv/bin/python"
IMAGE_JAVA_HOME = "/opt/java"
# Where EMR's documentation keeps the registry credentials file for YARN's Docker runtime.
DOCKER_CLIENT_CONFIG = "hdfs:///user/hadoop/config.json"
# The container sees the host's users, so YARN's user (hadoop) exists inside it.
DOCKER_MOUNTS = "/etc/passwd:/etc/passwd:ro"
ENV_PREFIXES = ("spark.executorEnv.", "spark.yarn.appMasterEnv.")
STEP_JAR = "command-runner.jar"
ACTIONS_ON_FAILURE = ("CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER")
_CLUSTER_ID = re.compile(r"^j-[0-9A-Z]{1,256}$")
_SETTING = re.compile(r"^spark\.[A-Za-z0-9_.-]+$")


def docker_runtime_env(image: str, client_config: str = DOCKER_CLIENT_CONFIG) -> dict[str, str]:
    """The YARN container environment that runs a container in ``image`` (spark/Dockerfile)."""
    return {
        "YARN_CONTAINER_RUNTIME_TYPE": "docker",
        "YARN_CONTAINER_RUNTIME_DOCKER_IMAGE": image,
        "YARN_CONTAINER_RUNTIME_DOCKER_CLIENT_CONFIG": client_config,
        "YARN_CONTAINER_RUNTIME_DOCKER_MOUNTS": DOCKER_MOUNTS,
        "JAVA_HOME": IMAGE_JAVA_HOME,
        "PYSPARK_PYTHON": IMAGE_PYTHON,
    }


def container_conf(env: dict[str, str]) -> dict[str, str]:
    """``env`` for the executors and the application master, as Spark settings."""
    return {prefix + name: value for prefix in ENV_PREFIXES for name, value in env.items()}


def hadoop_uri(uri: str) -> str:
    """The URI Spark reads: ``s3://bucket/prefix`` through Hadoop's S3A, ``s3a://...``."""
    if urlsplit(uri).scheme == "s3":
        return "s3a" + uri[2:]
    return uri


def check_cluster_id(cluster_id: str) -> str:
    if not _CLUSTER_ID.match(cluster_id):
        raise ValueError(f"not an EMR cluster id (j-XXXXXXXXXXXXX): {cluster_id!r}")
    return cluster_id


@dataclass(frozen=True)
class SparkJob:
    """One run of a job in ``spark/`` over a lake and a date range."""

    job: str
    lake: str
    out: str
    start: str
    end: str
    image: str | None = None
    docker_client_config: str = DOCKER_CLIENT_CONFIG
    master: str = "yarn"
    jobs_dir: str = IMAGE_JOBS
    region: str | None = None
    conf: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.job not in JOBS:
            raise ValueError(f"unknown job {self.job!r}: use one of {', '.join(JOBS)}")
        if self.start > self.end:
            raise ValueError(f"--start {self.start} is after --end {self.end}")
        if self.on_yarn and not self.image:
            raise ValueError("a job on YARN runs in a Docker image: give --image")
        for name in self.conf:
            if not _SETTING.match(name):
                raise ValueError(f"not a Spark setting: {name!r} (expected spark.NAME=VALUE)")

    @property
    def on_yarn(self) -> bool:
        return self.master == "yarn"

    def settings(self) -> dict[str, str]:
        """Every ``--conf``: the Docker runtime on YARN, the region, then ``conf``."""
        env: dict[str, str] = {}
        if self.on_yarn and self.image:
            env |= docker_runtime_env(self.image, self.docker_client_config)
        if self.region:
            env |= {"AWS_REGION": self.region}
        return container_conf(env) | self.conf

    def spark_submit(self) -> list[str]:
        """The ``spark-submit`` command line."""
        where = ["--master", self.master]
        if self.on_yarn:
            where += ["--deploy-mode", "cluster"]
        settings = [
            arg for name, value in self.settings().items() for arg in ("--conf", f"{name}={value}")
        ]
        jobs = self.jobs_dir.rstrip("/")
        return [
            "spark-submit",
            *where,
            "--name",
            f"newscrawler-{self.job}",
            *settings,
            "--py-files",
            f"{jobs}/{JOB_LIBRARY}",
            f"{jobs}/{self.job}.py",
            *("--lake", hadoop_uri(self.lake), "--out", hadoop_uri(self.out)),
            *("--start", self.start, "--end", self.end),
        ]

    def step(self, action_on_failure: str = "CONTINUE") -> dict:
        """The EMR step that runs :meth:`spark_submit` (boto3's and CloudFormation's shape)."""
        if action_on_failure not in ACTIONS_ON_FAILURE:
            raise ValueError(f"unknown ActionOnFailure {action_on_failure!r}")
        return {
            "Name": f"newscrawler {self.job} {self.start}-{self.end}",
            "ActionOnFailure": action_on_failure,
            "HadoopJarStep": {"Jar": STEP_JAR, "Args": self.spark_submit()},
        }


def add_steps_command(cluster_id: str, steps: list[dict], region: str | None = None) -> list[str]:
    """``aws emr add-steps`` for ``steps`` (in :meth:`SparkJob.step`'s shape)."""
    listed = [
        {
            "Type": "CUSTOM_JAR",
            "Name": step["Name"],
            "ActionOnFailure": step["ActionOnFailure"],
            "Jar": step["HadoopJarStep"]["Jar"],
            "Args": step["HadoopJarStep"]["Args"],
        }
        for step in steps
    ]
    where = ["--region", region] if region else []
    command = ["aws", "emr", "add-steps", *where, "--cluster-id", check_cluster_id(cluster_id)]
    return [*command, "--steps", json.dumps(listed, ensure_ascii=False)]


def add_steps(emr: Any, cluster_id: str, steps: list[dict]) -> list[str]:
    """Add ``steps`` to the cluster with boto3's EMR client; their step ids."""
    reply = emr.add_job_flow_steps(JobFlowId=check_cluster_id(cluster_id), Steps=steps)
    logger.info("added %d step(s) to %s", len(steps), cluster_id)
    return reply["StepIds"]
