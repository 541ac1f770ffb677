"""The project's real commands, run as subprocesses from the repository root.

``scrapy``, ``newscrawler`` and ``run_scrapy.py`` run from the virtualenv that runs the
tests, with this checkout first on ``PYTHONPATH`` so they run the code beside the tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.paths import ROOT

BIN = Path(sys.executable).parent
PROGRESS = "@progress "
# Variables of the caller's shell that would change what a crawl does.
_CLEARED = ("DATE", "START_DATE", "AWS_BATCH_JOB_ARRAY_INDEX", "JOB_COMPLETION_INDEX")


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ without crawl-steering variables, plus ``extra`` and our PYTHONPATH."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _CLEARED and not name.startswith(("NEWS_", "NAVER_"))
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    env.update(extra or {})
    return env


def command(program: str, *argv: str) -> list[str]:
    """``newscrawler``/``scrapy`` from the venv, or ``run_scrapy.py`` with its python."""
    if program == "run_scrapy.py":
        return [sys.executable, "run_scrapy.py", *argv]
    return [str(BIN / program), *argv]


def run(
    program: str,
    *argv: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(program, *argv),
        cwd=cwd,
        env=environment(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@dataclass
class Watched:
    """A running crawl whose stdout progress lines and stderr are collected as they come."""

    process: subprocess.Popen[str]
    started: float
    progress: list[tuple[float, dict]] = field(default_factory=list)
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def latest(self) -> dict:
        return self.progress[-1][1] if self.progress else {}

    def wait(self, timeout: float = 300) -> int:
        code = self.process.wait(timeout=timeout)
        for reader in self._readers:
            reader.join(timeout=10)
        return code

    def kill(self, signal_number: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal_number)

    def _read(self, stream, lines: list[str], progress: bool) -> None:
        for line in stream:
            lines.append(line)
            if progress and line.startswith(PROGRESS):
                with contextlib.suppress(ValueError):
                    self.progress.append((time.monotonic(), json.loads(line[len(PROGRESS) :])))

    def start_readers(self) -> None:
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.stdout, True)),
            threading.Thread(target=self._read, args=(self.process.stderr, self.stderr, False)),
        ]
        for reader in self._readers:
            reader.daemon = True
            reader.start()


def spawn(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Watched:
    """Start ``argv`` (a full command line) from the repository root and watch it."""
    process = subprocess.Popen(
        list(argv),
        cwd=ROOT,
        env=environment(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watched = Watched(process, time.monotonic())
    watched.start_readers()
    return watched


def error_lines(stderr: str) -> list[str]:
    """The non-empty lines of stderr."""
    return [line for line in stderr.splitlines() if line.strip()]
