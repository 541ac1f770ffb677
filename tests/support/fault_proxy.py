"""An HTTP proxy in front of moto that injects storage faults on the requests it forwards.

Rules pick requests by method, path and header and then delay them, answer them with an
S3 error (500 InternalError, 503 SlowDown, ...), reset the connection, or stop the whole
endpoint (the port refuses connections until :meth:`FaultProxy.start`). Every request is
recorded with its arrival time, so a test can time a kill to land inside an upload.
"""

from __future__ import annotations

import http.client
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

WRITES = frozenset({"PUT", "POST", "DELETE"})
ACTIONS = ("delay", "error", "reset", "stop")
_HOP_HEADERS = {"transfer-encoding", "connection", "content-length", "keep-alive"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients hang up and resets are what this proxy is for: stay quiet about them.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Rule:
    """Which requests to hit (the ``after`` first matches pass) and what to do to them."""

    action: str
    methods: frozenset[str] = WRITES
    path_contains: str = ""
    header: str = ""  # only requests carrying this header (e.g. x-amz-copy-source)
    after: int = 0
    times: int | None = None  # None: every match from then on
    seconds: float = 0.0  # for "delay"
    status: int = 500  # for "error"
    code: str = "InternalError"
    seen: int = 0
    fired: int = 0

    def matches(self, method: str, path: str, headers: dict[str, str]) -> bool:
        return (
            method in self.methods
            and self.path_contains in path
            and (not self.header or self.header.lower() in headers)
        )


@dataclass
class Event:
    at: float  # time.monotonic()
    method: str
    path: str
    action: str  # "forward" or the rule's action


@dataclass
class FaultProxy:
    upstream: str
    host: str = "127.0.0.1"
    port: int = 0
    rules: list[Rule] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stopped: bool = True

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.first_write = threading.Event()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def add(self, action: str, **options: object) -> Rule:
        """Add a rule (see :class:`Rule` for the options); rules are tried in order."""
        assert action in ACTIONS, action
        rule = Rule(action, **options)  # type: ignore[arg-type]
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def writes(self) -> list[Event]:
        with self._lock:
            return [event for event in self.events if event.method in WRITES]

    def start(self) -> None:
        """Listen (again, on the same port once it has one)."""
        server = _Server((self.host, self.port), _handler(self))
        self.port = server.server_address[1]
        self._server, self.stopped = server, False
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening: new connections are refused, open ones are reset."""
        self.stopped = True
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def _decide(self, method: str, path: str, headers: dict[str, str]) -> Rule | None:
        with self._lock:
            chosen = None
            for rule in self.rules:
                if not rule.matches(method, path, headers):
                    continue
                rule.seen += 1
                if rule.seen <= rule.after or (rule.times is not None and rule.fired >= rule.times):
                    continue
                rule.fired += 1
                chosen = rule
                break
            self.events.append(
                Event(time.monotonic(), method, path, chosen.action if chosen else "forward")
            )
            if method in WRITES:
                self.first_write.set()
            return chosen


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    target = urlsplit(proxy.upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def handle_one_request(self) -> None:
            if proxy.stopped:
                self._reset()
                return
            super().handle_one_request()

        def _body(self) -> bytes:
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _any(self) -> None:
            body = self._body()
            headers = {name.lower(): value for name, value in self.headers.items()}
            rule = proxy._decide(self.command, self.path, headers)
            if rule is not None and rule.action == "stop":
                threading.Thread(target=proxy.stop, daemon=True).start()
                self._reset()
                return
            if rule is not None and rule.action == "reset":
                self._reset()
                return
            if rule is not None and rule.action == "error":
                self._error(rule.status, rule.code)
                return
            if rule is not None and rule.action == "delay":
                time.sleep(rule.seconds)
            self._forward(body)

        def _forward(self, body: bytes) -> None:
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
                if body or self.command in ("PUT", "POST"):
                    headers["Content-Length"] = str(len(body))
                connection.request(self.command, self.path, body or None, headers)
                reply = connection.getresponse()
                data = reply.read()
            except OSError:
                self._reset()  # the upstream is gone: so is this endpoint
                return
            finally:
                connection.close()
            self.send_response(reply.status)
            for name, value in reply.getheaders():
                if name.lower() not in _HOP_HEADERS:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _error(self, status: int, code: str) -> None:
            error = (
                f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code>"
                f"<Message>injected {code}</Message><RequestId>fault</RequestId></Error>"
            ).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(error)))
            if status == 503:
                self.send_header("Retry-After", "1")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(error)

        def _reset(self) -> None:
            # Linger 0: close() sends RST, as a crashed or stopped server would.
            try:
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.connection.close()
            except OSError:
                pass
            self.close_connection = True

        do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _any

    return Handler


@contextmanager
def fault_proxy(upstream: str) -> Iterator[FaultProxy]:
    """A started :class:`FaultProxy` in front of ``upstream``, stopped on exit."""
    proxy = FaultProxy(upstream)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
