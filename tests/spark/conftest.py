"""Fixtures for the Spark jobs: one local SparkSession, the jobs loaded as Spark loads
them, and a small gzip JSON Lines lake made by the crawler from the simulator."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from newscrawler.sim.server import running_simulator
from tests.support.paths import ROOT, require

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

JOBS = ROOT / "spark"
DATES = ("20180101", "20180103")


@pytest.fixture(scope="session")
def spark():
    """A local SparkSession (two cores, two shuffle partitions) with the jobs' modules
    shipped as ``spark-submit --py-files`` ships them."""
    require(importlib.util.find_spec("pyspark") is not None, "pyspark is not installed")
    require(shutil.which("java") is not None, "java is not on PATH (Spark needs Java 17)")
    from pyspark.sql import SparkSession

    # The Python workers run what the driver runs (Spark would take python3 from PATH).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newscrawler-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.extraJavaOptions", "-Dlog4j2.level=WARN")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    for name in ("lake_input.py", "daily_stats.py", "compact.py"):
        session.sparkContext.addPyFile(str(JOBS / name))
    yield session
    session.stop()


@pytest.fixture(scope="session")
def daily_stats_job(spark) -> ModuleType:
    return importlib.import_module("daily_stats")


@pytest.fixture(scope="session")
def compact_job(spark) -> ModuleType:
    return importlib.import_module("compact")


@pytest.fixture(scope="session")
def crawled_lake(tmp_path_factory) -> Path:
    """Three dates of sections 100 and 101 as gzip JSON Lines, crawled from the simulator
    by ``newscrawler crawl``. Read-only: tests that change a lake change a copy."""
    lake = tmp_path_factory.mktemp("crawled") / "lake"
    with running_simulator(seed=1, articles_per_day=120) as url:
        command = [
            sys.executable, "-m", "newscrawler", "crawl",
            "--start", DATES[0], "--end", DATES[1], "--output", str(lake),
            "--format", "jsonl.gz",
            "-s", f"NAVER_BASE_URL={url}", "-s", "NAVER_SECTIONS=100,101",
        ]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return lake
