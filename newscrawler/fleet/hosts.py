"""The hosts file of ``newscrawler fleet``: Docker endpoints, their slots and TLS files.

One endpoint a line, then optional ``key=value`` words; ``#`` starts a comment::

    tcp://10.0.0.5:2376 slots=2 tlscacert=certs/ca.pem tlscert=certs/cert.pem tlskey=certs/key.pem
    tcp://10.0.0.6:2376 slots=2 tlsdir=certs/host6     # ca.pem, cert.pem, key.pem
    ssh://crawler@10.0.0.7 slots=1

A ``tcp://`` endpoint without certificates of its own uses ``DOCKER_CERT_PATH`` (with
``DOCKER_TLS_VERIFY``, as the docker CLI does). Without TLS the Engine API gives root on the
host to anyone who reaches it, so plain ``tcp://`` is refused unless the host is loopback or
the user says ``--insecure``.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

KEYS = ("slots", "tlsdir", "tlscacert", "tlscert", "tlskey")
TLS_FILES = {"tlscacert": "ca.pem", "tlscert": "cert.pem", "tlskey": "key.pem"}


@dataclass(frozen=True)
class TLSFiles:
    """The CA that signed the daemon's certificate, and this client's certificate and key."""

    ca: Path
    cert: Path
    key: Path


@dataclass(frozen=True)
class Host:
    """One Docker endpoint of the fleet."""

    url: str
    slots: int = 1
    tls: TLSFiles | None = None

    @property
    def name(self) -> str:
        """``host:port`` (or ``user@host`` for ssh), as progress and errors show it."""
        return urlsplit(self.url).netloc

    @property
    def is_plain(self) -> bool:
        """``tcp://`` without TLS: whoever reaches the port is root on the host."""
        return self.url.startswith("tcp://") and self.tls is None

    @property
    def is_loopback(self) -> bool:
        return is_loopback(urlsplit(self.url).hostname or "")


def read_hosts(
    path: Path, *, insecure: bool = False, environ: Mapping[str, str] = os.environ
) -> list[Host]:
    """The hosts a file lists; ValueError with the file and line for anything wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a text file"
        raise ValueError(f"cannot read hosts file {path}: {reason}") from None
    hosts: list[Host] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        try:
            host = parse_line(words, path.parent, environ)
            check_security(host, insecure)
        except ValueError as error:
            raise ValueError(f"{path} line {number}: {error}") from None
        if any(known.url == host.url for known in hosts):
            raise ValueError(f"{path} line {number}: {host.url} is listed twice")
        hosts.append(host)
    if not hosts:
        raise ValueError(f"{path} lists no Docker host (one endpoint a line, e.g. tcp://HOST:2376)")
    return hosts


def parse_line(words: list[str], base: Path, environ: Mapping[str, str]) -> Host:
    url = words[0].rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("tcp", "ssh") or not parts.hostname:
        raise ValueError(
            f"{words[0]!r} is not a Docker endpoint: use tcp://HOST:2376 or ssh://USER@HOST"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ValueError(f"{words[0]!r} has a bad port") from None
    options = dict(word.partition("=")[::2] for word in words[1:])
    for word in words[1:]:
        key, equals, value = word.partition("=")
        if key not in KEYS or not equals or not value:
            raise ValueError(f"{word!r} is not one of {', '.join(k + '=' for k in KEYS)}")
    slots = options.get("slots", "1")
    if not slots.isdigit() or int(slots) < 1:
        raise ValueError(f"slots={slots} is not a positive whole number")
    tls = tls_files(options, base, environ) if parts.scheme == "tcp" else None
    return Host(url, int(slots), tls)


def tls_files(options: dict[str, str], base: Path, environ: Mapping[str, str]) -> TLSFiles | None:
    """The host's TLS files: its own (``tlsdir`` or the three paths), else ``DOCKER_CERT_PATH``
    when ``DOCKER_TLS_VERIFY`` is set, else None."""
    if any(key in options for key in ("tlsdir", *TLS_FILES)):
        folder = base / options["tlsdir"] if "tlsdir" in options else None
        paths = {
            key: base / options[key] if key in options else (folder / name if folder else None)
            for key, name in TLS_FILES.items()
        }
        missing = [key for key, value in paths.items() if value is None]
        if missing:
            raise ValueError(f"TLS needs {', '.join(k + '=' for k in TLS_FILES)} (or tlsdir=)")
    elif environ.get("DOCKER_CERT_PATH") and environ.get("DOCKER_TLS_VERIFY", "") not in ("", "0"):
        folder = Path(environ["DOCKER_CERT_PATH"]).expanduser()
        paths = {key: folder / name for key, name in TLS_FILES.items()}
    else:
        return None
    for key, value in paths.items():
        if not value.is_file():
            raise ValueError(f"{key} file {value} not found")
    return TLSFiles(paths["tlscacert"], paths["tlscert"], paths["tlskey"])


def check_security(host: Host, insecure: bool) -> None:
    """ValueError for plain ``tcp://`` to a host beyond loopback, unless ``insecure``."""
    if host.is_plain and not host.is_loopback and not insecure:
        raise ValueError(
            f"{host.url} is plain tcp:// without TLS: anyone who reaches it is root on "
            "that host; give TLS client certificates (tlsdir= or DOCKER_CERT_PATH with "
            "DOCKER_TLS_VERIFY=1), use ssh://, or pass --insecure"
        )


def is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False
