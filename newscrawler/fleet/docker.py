"""Docker hosts as dispatch slots, through the Docker Engine API (the ``docker`` SDK).

Each date runs as a container ``newscrawler-YYYYMMDD`` of the project image (entrypoint
``run_scrapy.py``), labelled with its date, attempt and run id, with ``init=True`` so a
signal reaches the crawler and host networking. Its output is streamed into the date's log
as it comes, so the container can be removed once it has exited. A watcher pings every host:
one that stops answering is dead (its dates go back to the queue) until it answers again;
before it takes new work its old containers of this run are removed, so a date never runs
twice at once.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
import time
from typing import TYPE_CHECKING

import docker
from docker.errors import APIError, DockerException, ImageNotFound, NotFound
from requests.exceptions import RequestException

from newscrawler.extensions.progress import parse_progress
from newscrawler.fleet.dispatcher import TAIL_LINES, HostUnavailable, Slot

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from newscrawler.fleet.hosts import Host

logger = logging.getLogger(__name__)

API_TIMEOUT = 30.0
PING_TIMEOUT = 3.0
PING_INTERVAL = 2.0
MISSES_BEFORE_DEAD = 2
STOP_TIMEOUT = 30
LABEL = "newscrawler"
MIN_API_VERSION = "1.24"
CONNECTION_ERRORS = (RequestException, DockerException, OSError)


class FleetError(RuntimeError):
    """A host cannot be used: it does not answer, refuses our certificate, lacks the image."""


def client_for(host: Host, *, timeout: float | None, version: str) -> docker.DockerClient:
    """An SDK client for ``host`` speaking API ``version``, with its TLS client certificate
    when it has one."""
    tls = None
    if host.tls is not None:
        tls = docker.tls.TLSConfig(
            client_cert=(str(host.tls.cert), str(host.tls.key)),
            ca_cert=str(host.tls.ca),
            verify=True,
        )
    client = docker.DockerClient(
        base_url=host.url,
        tls=tls,
        timeout=timeout,
        version=version,
        use_ssh_client=host.url.startswith("ssh://"),
    )
    # requests would let REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE replace the host's own CA.
    client.api.trust_env = False
    return client


def api_version(host: Host) -> str:
    """The Engine API version the host speaks (asked in the oldest version it must know)."""
    probe = client_for(host, timeout=API_TIMEOUT, version=MIN_API_VERSION)
    return probe.api.version(api_version=False)["ApiVersion"]


def connection_problem(host: Host, error: BaseException) -> str:
    """One line saying why ``host`` cannot be used, naming it."""
    text = str(error)
    if "SSL" in text or "certificate" in text.lower() or "TLS" in text:
        reason = text.split("SSLError(", 1)[-1].rstrip(")'\"") if "SSLError(" in text else text
        return (
            f"host {host.url}: the TLS handshake failed ({short(reason)}); check the CA and "
            "the client certificate and key given for this host"
        )
    if "Connection refused" in text or "ConnectionRefused" in text:
        return f"host {host.url} does not answer: connection refused"
    if "timed out" in text.lower() or "Timeout" in text:
        return f"host {host.url} does not answer: timed out"
    return f"host {host.url} cannot be used: {short(text)}"


def short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class DockerHost:
    """One host's clients, liveness and the containers to remove when it answers again."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.name = host.name
        self.alive = True
        self.misses = 0
        self.orphans: set[str] = set()
        self.lock = threading.Lock()
        self.client: docker.DockerClient | None = None
        self.pinger: docker.DockerClient | None = None
        self.streamer: docker.DockerClient | None = None

    def connect(self, image: str) -> None:
        """Reach the host and find the image on it; FleetError with one line otherwise."""
        try:
            version = api_version(self.host)
            self.client = client_for(self.host, timeout=API_TIMEOUT, version=version)
            self.pinger = client_for(self.host, timeout=PING_TIMEOUT, version=version)
            self.streamer = client_for(self.host, timeout=None, version=version)
            self.client.images.get(image)
        except ImageNotFound:
            raise FleetError(
                f"host {self.host.url} has no image {image}: pull or load it there first"
            ) from None
        except CONNECTION_ERRORS as error:
            raise FleetError(connection_problem(self.host, error)) from None

    def ping(self) -> bool:
        assert self.pinger is not None
        try:
            return bool(self.pinger.ping())
        except CONNECTION_ERRORS:
            return False

    def check(self) -> None:
        """Ping; mark dead after a few misses, alive again once the old containers are gone."""
        if self.ping():
            self.misses = 0
            if not self.alive and self.remove_orphans():
                logger.info("host %s answers again", self.name)
                self.alive = True
            return
        self.misses += 1
        if self.alive and self.misses >= MISSES_BEFORE_DEAD:
            logger.info("host %s does not answer", self.name)
            self.alive = False

    def remove_orphans(self) -> bool:
        """Remove the containers left from before the host was lost; True when done."""
        assert self.client is not None
        with self.lock:
            stale = set(self.orphans)
        try:
            for container in stale:
                with contextlib.suppress(NotFound):
                    self.client.api.remove_container(container, force=True)
        except CONNECTION_ERRORS:
            return False
        with self.lock:
            self.orphans -= stale
        return True


class ContainerWorker:
    """One date's container: its output goes to the log as it comes, progress is parsed."""

    def __init__(self, host: DockerHost, container_id: str, log: Path) -> None:
        self.host, self.id, self.log = host, container_id, log
        self.progress: dict = {}
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.status: int | None = None
        self.abandoned = False
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        since: int | None = None
        with self.log.open("a", encoding="utf-8") as log:
            while not self.abandoned:
                try:
                    self._follow(log, since)
                    assert self.host.client is not None
                    self.status = self.host.client.api.wait(self.id, timeout=API_TIMEOUT)[
                        "StatusCode"
                    ]
                    return
                except NotFound:
                    self._line("the container disappeared", log)
                    self.status = 125
                    return
                except CONNECTION_ERRORS:
                    # The watcher pings the host; until it is declared dead, follow again.
                    since = int(time.time())
                    time.sleep(PING_INTERVAL)

    def _follow(self, log, since: int | None) -> None:
        assert self.host.streamer is not None
        options = {"since": since} if since else {}
        pending = b""
        for chunk in self.host.streamer.api.logs(self.id, stream=True, follow=True, **options):
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                self._line(line.decode("utf-8", "replace"), log)
        if pending:
            self._line(pending.decode("utf-8", "replace"), log)

    def _line(self, line: str, log) -> None:
        record = parse_progress(line)
        if record is not None:
            self.progress = record
            return
        log.write(line.rstrip("\r") + "\n")
        log.flush()
        self.tail.append(line.rstrip("\r"))

    def poll(self) -> int | None:
        return self.status

    def stop(self, signum: int) -> None:
        assert self.host.client is not None
        with contextlib.suppress(*CONNECTION_ERRORS):
            self.host.client.api.kill(self.id, signal=signum)

    def kill(self) -> None:
        self.stop(9)

    def close(self) -> None:
        """Remove the container (its output is in the log already). A host that was declared
        dead is still asked, briefly, so that the date never runs twice at once; if it does
        not answer, the container is removed before the host gets new dates."""
        self.abandoned = True
        if self.status is not None:
            self.watcher.join(timeout=5)
        client = self.host.client if self.host.alive else self.host.pinger
        assert client is not None
        try:
            client.api.remove_container(self.id, force=True)
            return
        except NotFound:
            return
        except CONNECTION_ERRORS:
            pass
        with self.host.lock:
            self.host.orphans.add(self.id)


class StartFailure:
    """An attempt the host refused to start (a bad image or option): it fails at once."""

    def __init__(self, message: str, log: Path) -> None:
        self.progress: dict = {}
        self.tail = collections.deque([message], maxlen=TAIL_LINES)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(message + "\n")

    def poll(self) -> int:
        return 125

    def stop(self, signum: int) -> None:
        pass

    def kill(self) -> None:
        pass

    def close(self) -> None:
        pass


class DockerFleet:
    """The dispatch backend of ``newscrawler fleet``: slots on Docker hosts."""

    def __init__(
        self,
        hosts: list[Host],
        image: str,
        environment: Mapping[str, str],
        arguments: list[str],
    ) -> None:
        self.hosts = [DockerHost(host) for host in hosts]
        self.by_name = {host.name: host for host in self.hosts}
        self.image = image
        self.environment = dict(environment)
        self.arguments = list(arguments)
        self.run_id = ""
        self.watching = threading.Event()
        self.watcher: threading.Thread | None = None

    def connect(self) -> None:
        """Reach every host and find the image there; FleetError naming the first that fails."""
        for host in self.hosts:
            host.connect(self.image)

    def slots(self) -> list[Slot]:
        # Round-robin over hosts, so the first dates spread over every host.
        most = max(host.host.slots for host in self.hosts)
        return [
            Slot(host.name, index)
            for index in range(1, most + 1)
            for host in self.hosts
            if index <= host.host.slots
        ]

    def dead_hosts(self) -> set[str]:
        return {host.name for host in self.hosts if not host.alive}

    def watch(self, run_id: str) -> None:
        """Start pinging the hosts in the background."""
        self.run_id = run_id
        self.watching.set()
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        while self.watching.is_set():
            for host in self.hosts:
                host.check()
            time.sleep(PING_INTERVAL)

    def close(self) -> None:
        self.watching.clear()

    def start(self, date: str, slot: Slot, attempt: int, log: Path, run_id: str):
        if not self.watching.is_set():
            self.watch(run_id)
        host = self.by_name[slot.host]
        assert host.client is not None
        name = f"newscrawler-{date}"
        options = {
            "image": self.image,
            "command": self.arguments,
            "name": name,
            "labels": {
                f"{LABEL}.date": date,
                f"{LABEL}.attempt": str(attempt),
                f"{LABEL}.run": run_id,
            },
            "environment": {**self.environment, "DATE": date, "NEWS_PROGRESS": "1"},
            "init": True,
            "network_mode": "host",
            "detach": True,
        }
        try:
            try:
                container = host.client.containers.run(**options)
            except APIError as error:
                if error.status_code != 409:
                    raise
                # A container of that name is left from an earlier run: it goes first.
                host.client.api.remove_container(name, force=True)
                container = host.client.containers.run(**options)
        except APIError as error:
            return StartFailure(f"host {host.name} did not start the container: {error}", log)
        except CONNECTION_ERRORS as error:
            host.alive = False
            raise HostUnavailable(connection_problem(host.host, error)) from None
        return ContainerWorker(host, container.id, log)
