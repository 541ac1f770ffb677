"""Docker daemons on loopback TCP with TLS, for the fleet tests, and their certificates.

Each daemon keeps its data in a cache directory of its own (``fleet-NAME`` beside the main
test daemon's), so the project image loaded into it survives between sessions and is only
reloaded when it changed. Certificates (a CA, the daemons' server certificate, a client
certificate, and a client certificate of another CA) are made with ``cryptography``.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.support.docker import (
    Docker,
    cache_dir,
    docker_cli,
    stop_dockerd,
    stop_orphan,
    unmount_under,
    wait_ready,
)
from tests.support.paths import require
from tests.support.servers import free_port


@dataclass(frozen=True)
class TLSMaterial:
    """Where the certificates are: ``server/`` for daemons, ``client/`` and ``wrong/``
    (signed by another CA) in the layout ``DOCKER_CERT_PATH`` expects."""

    root: Path

    @property
    def server(self) -> Path:
        return self.root / "server"

    @property
    def client(self) -> Path:
        return self.root / "client"

    @property
    def wrong(self) -> Path:
        return self.root / "wrong"


def make_tls_material(root: Path) -> TLSMaterial:
    """A CA, a server certificate for 127.0.0.1, a client certificate, and a client
    certificate from a CA the daemons do not trust."""
    ca_key, ca_cert = _authority("newscrawler test CA")
    other_key, other_cert = _authority("some other CA")
    material = TLSMaterial(root)
    server_key, server_cert = _leaf(ca_key, ca_cert, "127.0.0.1", server=True)
    _write(material.server, ca_cert, server_cert, server_key)
    client_key, client_cert = _leaf(ca_key, ca_cert, "fleet client", server=False)
    _write(material.client, ca_cert, client_cert, client_key)
    wrong_key, wrong_cert = _leaf(other_key, other_cert, "fleet client", server=False)
    _write(material.wrong, ca_cert, wrong_cert, wrong_key)
    return material


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: str, issuer: x509.Name, key: ec.EllipticCurvePrivateKey):
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
    )


def _authority(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        _builder(name, _name(name), key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    return key, cert


def _leaf(
    ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate, name: str, *, server: bool
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
    builder = _builder(name, ca_cert.subject, key).add_extension(
        x509.ExtendedKeyUsage([usage]), critical=False
    )
    if server:
        names = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return key, builder.sign(ca_key, hashes.SHA256())


def _write(
    folder: Path, ca: x509.Certificate, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    (folder / "key.pem").write_bytes(key_bytes)
    (folder / "key.pem").chmod(0o600)


@dataclass
class TLSDaemon:
    """A dockerd on ``tcp://127.0.0.1:PORT`` with TLS, and the CLI on its unix socket."""

    url: str
    docker: Docker
    process: subprocess.Popen[bytes]
    run_dir: Path
    start: Callable[[], subprocess.Popen[bytes]]

    def restart(self) -> None:
        """The machine comes back: the daemon starts again on the same data and port."""
        unmount_under(self.run_dir / "x")
        shutil.rmtree(self.run_dir / "x", ignore_errors=True)
        (self.run_dir / "docker.pid").unlink(missing_ok=True)
        self.process = self.start()

    def kill(self) -> None:
        """The machine dies: the daemon, its containerd and every container, at once."""
        running = self.docker.run("ps", "--quiet", check=False, timeout=20).stdout.split()
        pids = []
        for container in running:
            found = self.docker.run(
                "inspect", "--format", "{{.State.Pid}}", container, check=False, timeout=20
            )
            pids += [int(pid) for pid in found.stdout.split() if pid.isdigit() and pid != "0"]
        # The daemon first, so that it never sees its containers die and reports it.
        for pid in [*processes_mentioning(str(self.run_dir)), *pids]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def processes_mentioning(text: str) -> list[int]:
    """Processes whose command line contains ``text`` (a daemon's run directory)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


@contextlib.contextmanager
def running_tls_daemon(name: str, server_tls: Path) -> Iterator[TLSDaemon]:
    """A private dockerd named ``name`` listening on loopback TCP with TLS verification."""
    dockerd = shutil.which("dockerd")
    require(dockerd is not None, "dockerd not found (apt-get install docker.io)")
    assert dockerd is not None
    cli = docker_cli(dockerd)
    require(cli is not None, "docker CLI not found (apt-get install docker.io)")
    assert cli is not None
    require(os.geteuid() == 0, "a private dockerd needs root")
    cache = cache_dir() / f"fleet-{name}"
    cache.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="nc-f", dir="/tmp"))
    docker = Docker(cli, f"unix://{run_dir / 'docker.sock'}", run_dir / "cli")
    port = free_port()
    try:
        with open(cache / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            stop_orphan(cache / "dockerd.pid", cache / "data")

            def start() -> subprocess.Popen[bytes]:
                return start_tls_dockerd(dockerd, cache, run_dir, port, server_tls, docker)

            daemon = TLSDaemon(f"tcp://127.0.0.1:{port}", docker, start(), run_dir, start)
            remove_containers(docker)  # left in the data root by a daemon killed earlier
            try:
                yield daemon
            finally:
                if daemon.process.poll() is None:
                    stop_dockerd(daemon.process)
                for pid in processes_mentioning(str(run_dir)):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
    finally:
        unmount_under(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)


def remove_containers(docker: Docker) -> None:
    found = docker.run("ps", "--all", "--quiet", timeout=60).stdout.split()
    if found:
        docker.run("rm", "--force", *found, timeout=120)


def start_tls_dockerd(
    dockerd: str, cache: Path, run_dir: Path, port: int, tls: Path, docker: Docker
) -> subprocess.Popen[bytes]:
    """Start dockerd with the storage driver that worked before (else default, then vfs)."""
    remembered = cache / "data" / ".newscrawler-storage-driver"
    drivers: list[str | None] = [remembered.read_text().strip()] if remembered.exists() else []
    for driver in drivers or [None, "vfs"]:
        command = [
            dockerd,
            "--data-root", str(cache / "data"),
            "--exec-root", str(run_dir / "x"),
            "--pidfile", str(run_dir / "docker.pid"),
            "--host", docker.host,
            "--host", f"tcp://127.0.0.1:{port}",
            "--tlsverify",
            "--tlscacert", str(tls / "ca.pem"),
            "--tlscert", str(tls / "cert.pem"),
            "--tlskey", str(tls / "key.pem"),
            "--bridge=none", "--iptables=false", "--ip6tables=false",
        ]  # fmt: skip
        if driver:
            command.append(f"--storage-driver={driver}")
        with open(run_dir / "dockerd.log", "ab") as log:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
            )
        (cache / "dockerd.pid").write_text(str(process.pid))
        if wait_ready(docker, process):
            driver_used = docker.run("info", "--format", "{{.Driver}}").stdout.strip()
            remembered.write_text(driver_used + "\n")
            return process
        stop_dockerd(process)
    log_text = (run_dir / "dockerd.log").read_text(errors="replace")[-3000:]
    raise RuntimeError(f"TLS dockerd did not start:\n{log_text}")


def image_id(docker: Docker, image: str) -> str:
    done = docker.run("image", "inspect", "--format", "{{.Id}}", image, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def copy_image(source: Docker, target: Docker, image: str) -> None:
    """``docker save | docker load`` unless the target has that very image already."""
    if image_id(target, image) == image_id(source, image):
        return
    save = subprocess.Popen(source.command("save", image), stdout=subprocess.PIPE, env=source.env())
    assert save.stdout is not None
    load = subprocess.run(
        target.command("load", "--quiet"),
        stdin=save.stdout,
        capture_output=True,
        env=target.env(),
        timeout=900,
    )
    save.stdout.close()
    if save.wait(timeout=60) != 0 or load.returncode != 0:
        raise RuntimeError(f"loading {image} failed: {load.stderr.decode()[-2000:]}")
    deadline = time.monotonic() + 30
    while not image_id(target, image) and time.monotonic() < deadline:
        time.sleep(0.5)


def tag_flaky_image(
    docker: Docker, image: str, tag: str, failing_date: str, secret_variable: str
) -> str:
    """An image of ``image`` whose entrypoint fails for ``failing_date`` (as a crash would)
    after printing a digest of ``secret_variable``'s value, and crawls other dates as usual."""
    digest = f'$(printf %s "${secret_variable}" | sha256sum | cut -c1-16)'
    script = (
        f'if [ "$DATE" = "{failing_date}" ]; then echo "crawling date=$DATE"; '
        f'echo "secret digest {digest}"; '
        'echo "run_scrapy: error: simulated crash" >&2; exit 1; fi; '
        'exec /opt/venv/bin/python /app/run_scrapy.py "$@"'
    )
    context = Path(tempfile.mkdtemp(prefix="flaky-"))
    try:
        (context / "Dockerfile").write_text(_dockerfile(image, script))
        docker.run("build", "--quiet", "-t", tag, str(context), timeout=300)
    finally:
        shutil.rmtree(context, ignore_errors=True)
    return tag


def _dockerfile(image: str, script: str) -> str:
    entrypoint = json.dumps(["/bin/sh", "-c", script, "run_scrapy"])
    return f"FROM {image}\nENTRYPOINT {entrypoint}\n"
