"""Kubernetes: a range of dates as one Indexed Job, one completion index per date.

Kubernetes sets ``JOB_COMPLETION_INDEX`` in each pod; with ``START_DATE`` it names the pod's
date (see :func:`newscrawler.entrypoint.task_date`). Each index is retried on its own
(``backoffLimitPerIndex``); a pod evicted for a disruption (Spot reclaim, preemption, drain)
is replaced without spending a retry, and exit status 2 (bad input) fails its index at once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

CONTAINER = "crawler"
DEFAULT_PARALLELISM = 10
DEFAULT_ATTEMPTS = 3
# Kubernetes' limit on completions and failed indexes of a Job with backoffLimitPerIndex.
MAX_INDEXES = 100_000
# The entrypoint's exit status for bad input: every retry would fail the same way.
BAD_INPUT = 2
# SIGTERM stops the crawl; in-flight requests end within DOWNLOAD_TIMEOUT (30 s) and nothing
# is published. Two minutes is also the notice a Spot instance gets.
TERMINATION_GRACE_SECONDS = 120
# One crawler: Scrapy is single-threaded; parsing 100-200 KB pages wants some memory.
REQUESTS = {"cpu": "1", "memory": "1Gi"}
LIMITS = {"memory": "2Gi"}
# A Job's name is also a label value (63 characters) and the pods' name prefix.
_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]{0,34}[a-z0-9])?$")
_REFERENCE = re.compile(r"^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$")


@dataclass(frozen=True)
class JobSpec:
    """What the Indexed Job runs and how; ValueError on a value Kubernetes would refuse."""

    image: str
    name: str = "newscrawler"
    namespace: str | None = None
    parallelism: int = DEFAULT_PARALLELISM
    attempts: int = DEFAULT_ATTEMPTS
    max_failed_dates: int | None = None
    secret: str | None = None
    config_map: str | None = None
    service_account: str | None = None
    output: str | None = None

    def __post_init__(self) -> None:
        if not self.image.strip() or any(char.isspace() for char in self.image):
            raise ValueError(f"not an image reference: {self.image!r}")
        if not _NAME.match(self.name):
            raise ValueError(
                f"name must be 1-36 lowercase letters, digits and -, got {self.name!r}"
            )
        for what, value in (
            ("namespace", self.namespace),
            ("secret", self.secret),
            ("config map", self.config_map),
            ("service account", self.service_account),
        ):
            if value is not None and not _REFERENCE.match(value):
                raise ValueError(f"{what} must be a lowercase DNS name, got {value!r}")
        if self.parallelism < 1:
            raise ValueError(f"parallelism must be at least 1, got {self.parallelism}")
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, got {self.attempts}")


def indexed_job(dates: Sequence[str], spec: JobSpec) -> dict[str, Any]:
    """The ``batch/v1`` Job that crawls ``dates`` (consecutive, in order), one index each."""
    if not dates:
        raise ValueError("no dates to crawl")
    if len(dates) > MAX_INDEXES:
        raise ValueError(f"an Indexed Job holds at most {MAX_INDEXES} dates, got {len(dates)}")
    name = f"{spec.name}-{dates[0]}-{dates[-1]}"
    labels = {"app.kubernetes.io/name": "newscrawler", "app.kubernetes.io/instance": name}
    metadata: dict[str, Any] = {"name": name}
    if spec.namespace:
        metadata["namespace"] = spec.namespace
    metadata["labels"] = labels
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": metadata,
        "spec": {
            "completionMode": "Indexed",
            "completions": len(dates),
            "parallelism": min(spec.parallelism, len(dates)),
            "backoffLimitPerIndex": spec.attempts - 1,
            "maxFailedIndexes": _max_failed(spec, len(dates)),
            "podReplacementPolicy": "Failed",
            "podFailurePolicy": {"rules": _failure_rules()},
            "template": {"metadata": {"labels": dict(labels)}, "spec": _pod(dates, spec)},
        },
    }


def _max_failed(spec: JobSpec, count: int) -> int:
    """By default a tenth of the dates: enough to ride out a bad hour, not a broken image."""
    if spec.max_failed_dates is None:
        return max(1, count // 10)
    if not 0 <= spec.max_failed_dates <= count:
        raise ValueError(
            f"max failed dates must be 0 to the number of dates ({count}), "
            f"got {spec.max_failed_dates}"
        )
    return spec.max_failed_dates


def _failure_rules() -> list[dict[str, Any]]:
    return [
        # Evicted for a disruption (Spot reclaim, preemption, node drain): run it again
        # without counting a failure.
        {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]},
        {
            "action": "FailIndex",
            "onExitCodes": {"containerName": CONTAINER, "operator": "In", "values": [BAD_INPUT]},
        },
    ]


def _pod(dates: Sequence[str], spec: JobSpec) -> dict[str, Any]:
    environment = [{"name": "START_DATE", "value": dates[0]}]
    if spec.output:
        environment.append({"name": "NEWS_OUTPUT_URI", "value": spec.output})
    container: dict[str, Any] = {"name": CONTAINER, "image": spec.image, "env": environment}
    sources = []
    if spec.config_map:
        sources.append({"configMapRef": {"name": spec.config_map}})
    if spec.secret:
        sources.append({"secretRef": {"name": spec.secret}})
    if sources:
        container["envFrom"] = sources
    container["resources"] = {"requests": dict(REQUESTS), "limits": dict(LIMITS)}
    pod: dict[str, Any] = {
        "restartPolicy": "Never",
        "terminationGracePeriodSeconds": TERMINATION_GRACE_SECONDS,
        "containers": [container],
    }
    if spec.service_account:
        pod["serviceAccountName"] = spec.service_account
    return pod


def render_yaml(manifest: dict[str, Any]) -> str:
    """The manifest as YAML, keys in the order Kubernetes documents them."""
    import yaml

    return yaml.safe_dump(manifest, sort_keys=False, default_flow_style=False)
