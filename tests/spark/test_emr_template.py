"""infra/emr.yaml: cfn-lint clean, the Spot bid really computed, the step the same command
``newscrawler spark submit`` builds."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from newscrawler.fleet.emr import (
    IMAGE_JAVA_HOME,
    IMAGE_JOBS,
    IMAGE_PYTHON,
    JOB_LIBRARY,
    JOBS,
    SparkJob,
)
from tests.support.paths import ROOT, require

TEMPLATE = ROOT / "infra" / "emr.yaml"


@pytest.fixture(scope="module")
def template() -> dict:
    require(shutil.which("cfn-lint", path=str(Path(sys.executable).parent)) is not None,
            "cfn-lint is not installed (pip install cfn-lint)")  # fmt: skip
    from cfnlint.decode import decode_str

    decoded, problems = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert not problems
    return decoded


@pytest.fixture(scope="module")
def bid_function(template) -> dict:
    """The namespace of the template's inline Lambda code, loaded as Lambda loads it."""
    code = template["Resources"]["SpotBidFunction"]["Properties"]["Code"]["ZipFile"]
    namespace: dict = {"__name__": "index"}
    exec(compile(code, "index.py", "exec"), namespace)
    return namespace


def test_cfn_lint_passes(template):
    linter = shutil.which("cfn-lint", path=str(Path(sys.executable).parent))
    done = subprocess.run([linter, str(TEMPLATE)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("price", "factor", "bid"),
    [("0.384", "0.5", "0.19"), ("0.504", "0.35", "0.18"), ("0.192", "0.4", "0.08"),
     ("1.0", "1", "1.00"), ("0.125", "0.5", "0.06"), ("0.13", "0.5", "0.07")],
)  # fmt: skip
def test_bid_is_on_demand_price_times_factor_rounded_to_cents(bid_function, price, factor, bid):
    assert bid_function["bid_price"](price, factor) == bid


def test_a_bid_that_rounds_to_nothing_fails_the_stack(bid_function):
    with pytest.raises(ValueError, match="not a price"):
        bid_function["bid_price"]("0.004", "0.5")


def test_custom_resource_answers_cloudformation(bid_function, template):
    replies: list[dict] = []

    class ResponseURL(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            replies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), ResponseURL)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    properties = template["Resources"]["TaskSpotBidA"]["Properties"]
    defaults = template["Parameters"]
    event = {
        "RequestType": "Create",
        "ResponseURL": f"http://127.0.0.1:{server.server_port}/reply",
        "StackId": "stack",
        "RequestId": "request",
        "LogicalResourceId": "TaskSpotBidA",
        "ResourceProperties": {
            "OnDemandPrice": defaults[properties["OnDemandPrice"]["Ref"]]["Default"],
            "Factor": defaults[properties["Factor"]["Ref"]]["Default"],
        },
    }
    context = SimpleNamespace(log_stream_name="log-stream")
    try:
        bid_function["handler"](event, context)
        bid_function["handler"]({**event, "ResourceProperties": {"Factor": "0.5"}}, context)
    finally:
        server.shutdown()
    assert replies[0]["Status"] == "SUCCESS" and replies[0]["Data"] == {"Price": "0.19"}
    assert replies[1]["Status"] == "FAILED" and "OnDemandPrice" in replies[1]["Reason"]


def test_task_groups_bid_on_spot_and_master_and_core_are_on_demand(template):
    resources = template["Resources"]
    instances = resources["Cluster"]["Properties"]["Instances"]
    assert instances["MasterInstanceGroup"]["Market"] == "ON_DEMAND"
    assert instances["CoreInstanceGroup"]["Market"] == "ON_DEMAND"
    groups = [
        r["Properties"] for r in resources.values() if r["Type"] == "AWS::EMR::InstanceGroupConfig"
    ]
    assert len(groups) == 2
    bids = set()
    for group in groups:
        assert group["InstanceRole"] == "TASK" and group["Market"] == "SPOT"
        bid = group["BidPrice"]["Fn::GetAtt"]
        assert resources[bid[0]]["Type"] == "Custom::SpotBidPrice" and bid[1] == "Price"
        bids.add(bid[0])
    assert len(bids) == 2
    assert template["Parameters"]["ReleaseLabel"]["Default"].startswith("emr-6.")


def test_docker_runtime_trusts_the_images_registry(template):
    (executor,) = [
        c for c in template["Resources"]["Cluster"]["Properties"]["Configurations"]
        if c["Classification"] == "container-executor"
    ]  # fmt: skip
    (docker,) = executor["Configurations"]
    trusted = docker["ConfigurationProperties"]["docker.trusted.registries"]["Fn::Sub"]
    assert trusted[0] == "local,${Registry}"
    assert trusted[1]["Registry"] == {"Fn::Select": [0, {"Fn::Split": ["/", {"Ref": "ImageUri"}]}]}


STACK = {
    "LakeUri": "s3a://lake-bucket/naver_news",
    "StatsUri": "s3a://lake-bucket/daily_stats",
    "StartDate": "20180101",
    "EndDate": "20181231",
    "ImageUri": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/newscrawler-spark:0.1.0",
    "AWS::Region": "ap-northeast-2",
}


def test_step_runs_the_command_spark_submit_builds(template):
    step = template["Resources"]["DailyStatsStep"]["Properties"]
    assert step["HadoopJarStep"]["Jar"] == "command-runner.jar"
    args = [_resolved(arg) for arg in step["HadoopJarStep"]["Args"]]
    job = SparkJob(
        "daily_stats",
        STACK["LakeUri"],
        STACK["StatsUri"],
        STACK["StartDate"],
        STACK["EndDate"],
        image=STACK["ImageUri"],
        region=STACK["AWS::Region"],
    )
    assert args == job.spark_submit()


def _resolved(arg: str | dict) -> str:
    """A step argument with the stack's parameter values in place of Ref and Sub."""
    if isinstance(arg, str):
        return arg
    if "Ref" in arg:
        return STACK[arg["Ref"]]
    text = arg["Fn::Sub"]
    for name, value in STACK.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text, text
    return text


def test_image_holds_the_jobs_python_and_java_the_command_names():
    dockerfile = (ROOT / "spark" / "Dockerfile").read_text(encoding="utf-8")
    jobs = IMAGE_JOBS.removeprefix("local://")
    assert f"cp -r /src/spark {jobs}" in dockerfile
    assert f"PYSPARK_PYTHON={IMAGE_PYTHON}" in dockerfile
    assert f"{IMAGE_JAVA_HOME}/bin/java -version" in dockerfile
    assert "openjdk-17" in dockerfile
    for name in (JOB_LIBRARY, *(f"{job}.py" for job in JOBS)):
        assert (ROOT / "spark" / name).is_file()
