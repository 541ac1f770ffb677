"""Running the project's commands and crawls from tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT


def newscrawler(*argv: str) -> int:
    """The ``newscrawler`` command, run in this process; its exit status."""
    from newscrawler.cli import main

    return main(list(argv))


def run_crawl(tmp_path: Path, settings: dict, **spider_args: str) -> dict:
    """Crawl in a fresh process; returns ``{"stats": ..., "failure": ..., "items": [...]}``."""
    out = tmp_path / f"items-{len(list(tmp_path.iterdir()))}.jsonl"
    settings = {
        "FEEDS": {str(out): {"format": "jsonlines", "encoding": "utf-8"}},
        "LOG_LEVEL": "WARNING",
        "NEWS_OUTPUT_URI": str(tmp_path / "lake"),
        **settings,
    }
    command = [
        sys.executable,
        "-m",
        "tests.support.crawl_runner",
        json.dumps(settings),
        json.dumps(spider_args),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["items"] = [json.loads(line) for line in out.open(encoding="utf-8")]
    result["log"] = done.stderr
    return result
