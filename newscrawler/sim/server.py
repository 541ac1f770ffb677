"""The simulator's HTTP server: `serve()` in this process, `running_simulator()` in a child."""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from newscrawler.sim.drift import NO_DRIFT, Drift
from newscrawler.sim.faults import Faults
from newscrawler.sim.markup import Body, fragment
from newscrawler.sim.routes import Response, Site

_READY = re.compile(r"serving (http://\S+)")


class SimServer(ThreadingHTTPServer):
    """A threading HTTP server that holds the simulated site and its fault injector."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        seed: int,
        articles_per_day: int,
        fault_rate: float,
        drift: Drift = NO_DRIFT,
        latency_ms: int = 0,
        variants: bool = False,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.latency = latency_ms / 1000
        self.faults = Faults(fault_rate)
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.site = Site(seed, articles_per_day, self.stats, drift, variants)
        super().__init__(address, SimHandler)

    def count(self, kind: str) -> None:
        """Note one request of ``kind`` (list, article or other)."""
        with self._lock:
            self.requests[kind] += 1

    def stats(self) -> dict[str, object]:
        """What `/_sim/stats` reports: injected faults and requests, by kind."""
        with self._lock:
            requests = dict(self.requests)
        return {"faults": self.faults.counts(), "requests": requests}

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up is normal for a crawler's target; stay quiet about it.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class SimHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the site, injecting faults on list and article paths."""

    protocol_version = "HTTP/1.1"
    server_version = "nfront"
    sys_version = ""
    timeout = 120  # drop idle keep-alive connections eventually
    server: SimServer

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def finish(self) -> None:
        with suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """No per-request logging."""

    def do_GET(self) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        response = self.server.site.handle(self.path)
        self.server.count(response.kind)
        fault = self.server.faults.pick() if response.faultable else None
        if fault in ("429", "503"):
            self._send(_refusal(int(fault)), retry_after=True)
        elif fault == "reset":
            self._reset()
        elif fault == "truncated":
            self._send(response, truncate=True)
        else:
            if fault == "slow":
                time.sleep(self.server.faults.delay())
            self._send(response)

    def do_HEAD(self) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        self._send(self.server.site.handle(self.path), head=True)

    def _send(
        self,
        response: Response,
        retry_after: bool = False,
        truncate: bool = False,
        head: bool = False,
    ) -> None:
        gzipped = _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        body = response.content.gzip() if gzipped else response.content.raw()
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if response.location:
            self.send_header("Location", response.location)
        if retry_after:
            self.send_header("Retry-After", "1")
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        self.wfile.write(body[: len(body) // 2] if truncate else body)
        if truncate:
            self.close_connection = True

    def _reset(self) -> None:
        # Linger 0 makes close() send RST: the client sees a reset, not a clean end.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding value allows gzip (``gzip;q=0`` refuses it)."""
    for coding in header.lower().split(","):
        name, _, params = coding.partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _refusal(status: int) -> Response:
    reason = "Too Many Requests" if status == 429 else "Service Unavailable"
    page = fragment("error/refusal.html").substitute(status=status, reason=reason)
    return Response(status, Body.of(page.encode()))


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    seed: int = 1,
    articles_per_day: int = 3000,
    fault_rate: float = 0.0,
    drift: Drift = NO_DRIFT,
    latency_ms: int = 0,
    variants: bool = False,
) -> None:
    """Serve the simulator until SIGTERM or SIGINT; print one line once listening."""
    server = SimServer(
        (host, port), seed, articles_per_day, fault_rate, drift, latency_ms, variants
    )
    if threading.current_thread() is threading.main_thread():
        # SIGINT too: a process started in the background may inherit it as ignored.
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
    shown = f"[{host}]" if ":" in host else host
    options = f"seed={seed}, articles-per-day={articles_per_day}, fault-rate={fault_rate}"
    options += f", latency-ms={latency_ms}" if latency_ms else ""
    options += ", variants" if variants else ""
    try:
        print(
            f"newscrawler sim: serving http://{shown}:{server.server_address[1]} ({options})",
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def running_simulator(
    seed: int = 1,
    articles_per_day: int = 3000,
    fault_rate: float = 0.0,
    drift: Drift = NO_DRIFT,
    latency_ms: int = 0,
    variants: bool = False,
) -> Iterator[str]:
    """Run the simulator in a child process on a free port; yield its base URL."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
    command = [
        sys.executable, "-m", "newscrawler.sim", "--host", "127.0.0.1", "--port", "0",
        "--seed", str(seed), "--articles-per-day", str(articles_per_day),
        "--fault-rate", str(fault_rate), "--article-drift", str(drift.articles),
    ]  # fmt: skip
    if drift.lists:
        command.append("--list-drift")
    if latency_ms:
        command += ["--latency-ms", str(latency_ms)]
    if variants:
        command.append("--variants")
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        line = _first_line(child, timeout=30.0)
        match = _READY.search(line)
        if match is None:
            raise RuntimeError(f"simulator did not start (exit {child.poll()}): {line!r}")
        yield match.group(1)
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout:
            child.stdout.close()


def _first_line(child: subprocess.Popen[str], timeout: float) -> str:
    lines: list[str] = []
    assert child.stdout is not None
    reader = threading.Thread(target=lambda: lines.append(child.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""
