"""A private Docker daemon for the container tests, and the images they run.

The daemon listens only on a unix socket in a short temporary directory and keeps its data
in a cache directory (``$XDG_CACHE_HOME/newscrawler-tests/docker``), so the Debian base
image and the build's layers survive between sessions on one machine; from scratch the
base image is made with debootstrap from the machine's Debian mirror.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.paths import ROOT, require

BASE_IMAGE = "newscrawler-base:bookworm"
IMAGE = "newscrawler:test"
BUILDER_IMAGE = "newscrawler:test-builder"
SUITE = "bookworm"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
BASE_PACKAGES = "python3,python3-venv,python3-pip,ca-certificates"
# Files of the host that the base image needs to reach PyPI the way this machine does.
HOST_FILES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf")
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "FTP_PROXY", "ALL_PROXY")
LOCK_WAIT = 900.0


def cache_dir() -> Path:
    """Where the daemon's data root and the base rootfs tarball are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newscrawler-tests" / "docker"


@dataclass
class Docker:
    """The docker CLI bound to one daemon's socket."""

    cli: str
    host: str
    config: Path

    def command(self, *args: str) -> list[str]:
        return [self.cli, "-H", self.host, *args]

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
        # The legacy builder: BuildKit would want to pull its frontend, and this CLI's
        # config (credentials, contexts) must not be the user's.
        env.update(DOCKER_BUILDKIT="0", DOCKER_CONFIG=str(self.config))
        return env

    def run(
        self, *args: str, timeout: float = 120, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run a docker command; raise with its output when ``check`` and it fails."""
        done = subprocess.run(
            self.command(*args), capture_output=True, text=True, timeout=timeout, env=self.env()
        )
        if check and done.returncode != 0:
            raise RuntimeError(
                f"docker {' '.join(args[:3])} failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done

    def start(self, image: str, env: Mapping[str, str] | None = None) -> str:
        """``docker run --detach --network host``; the container's id."""
        return self.run("run", "--detach", *self.run_options(env), image).stdout.strip()

    @staticmethod
    def run_options(env: Mapping[str, str] | None) -> list[str]:
        pairs = (env or {}).items()
        return ["--network", "host", *(f"--env={key}={value}" for key, value in pairs)]

    def has_image(self, name: str) -> bool:
        return self.run("image", "inspect", name, check=False).returncode == 0

    def container(
        self,
        image: str,
        env: Mapping[str, str] | None = None,
        args: Sequence[str] = (),
        entrypoint: str | None = None,
        timeout: float = 300,
    ) -> subprocess.CompletedProcess[str]:
        """``docker run --rm --network host`` and wait; the container dies on a timeout."""
        name = f"nc-test-{uuid.uuid4().hex[:12]}"
        options = ["run", "--rm", "--name", name, *self.run_options(env)]
        if entrypoint is not None:
            options += ["--entrypoint", entrypoint]
        try:
            return self.run(*options, image, *args, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            self.run("rm", "--force", name, check=False)
            raise


def docker_cli(dockerd: str) -> str | None:
    """The CLI of dockerd's own package (the same API version), else any on PATH."""
    beside = os.pathsep.join([str(Path(dockerd).resolve().parent), "/usr/bin"])
    return shutil.which("docker", path=beside) or shutil.which("docker")


@contextlib.contextmanager
def locked_data_root(cache: Path) -> Iterator[Path]:
    """The cached data root, held for this session; a throwaway one if it stays busy.

    Two daemons must never share a data root, and other checkouts on this machine may run
    the container tests at the same time.
    """
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "lock", "w") as lock:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    lock.close()
                    with tempfile.TemporaryDirectory(prefix="docker-", dir=cache) as spare:
                        yield Path(spare)
                    return
                time.sleep(2)
        stop_orphan(cache / "dockerd.pid", cache / "data")
        yield cache / "data"


def stop_orphan(pidfile: Path, data_root: Path) -> None:
    """Stop a daemon a killed earlier session left on this data root (we hold its lock)."""
    try:
        pid = int(pidfile.read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return
    if not cmdline[0].endswith(b"dockerd") or str(data_root).encode() not in cmdline:
        return
    os.kill(pid, 15)
    for _ in range(300):
        if not Path(f"/proc/{pid}").exists():
            return
        time.sleep(0.1)
    os.kill(pid, 9)


def start_dockerd(
    dockerd: str, data_root: Path, run_dir: Path, driver: str | None
) -> subprocess.Popen[bytes]:
    socket = run_dir / "docker.sock"
    command = [
        dockerd,
        "--data-root", str(data_root),
        "--exec-root", str(run_dir / "x"),
        "--pidfile", str(run_dir / "docker.pid"),
        "--host", f"unix://{socket}",
        "--bridge=none",
        "--iptables=false",
        "--ip6tables=false",
    ]  # fmt: skip
    if driver:
        command.append(f"--storage-driver={driver}")
    with open(run_dir / "dockerd.log", "ab") as log:
        return subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )


def wait_ready(docker: Docker, daemon: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    """True once the daemon answers; False if it exits or stays silent."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            return False
        if docker.run("version", check=False, timeout=10).returncode == 0:
            return True
        time.sleep(0.25)
    return False


def stop_dockerd(daemon: subprocess.Popen[bytes]) -> None:
    daemon.terminate()
    try:
        daemon.wait(timeout=60)
    except subprocess.TimeoutExpired:
        daemon.kill()
        daemon.wait()


@contextlib.contextmanager
def running_daemon() -> Iterator[Docker]:
    """A private dockerd on a unix socket, stopped on exit."""
    dockerd = shutil.which("dockerd")
    require(dockerd is not None, "dockerd not found (apt-get install docker.io)")
    assert dockerd is not None
    cli = docker_cli(dockerd)
    require(cli is not None, "docker CLI not found (apt-get install docker.io)")
    assert cli is not None
    require(os.geteuid() == 0, "a private dockerd needs root")
    cache = cache_dir()
    run_dir = Path(tempfile.mkdtemp(prefix="nc-d", dir="/tmp" if Path("/tmp").is_dir() else None))
    socket = run_dir / "docker.sock"
    # sun_path holds 108 bytes; containerd's socket under the exec root is longer still.
    assert len(str(run_dir / "x" / "containerd" / "containerd.sock")) < 100, run_dir
    docker = Docker(cli, f"unix://{socket}", run_dir / "cli")
    try:
        with locked_data_root(cache) as data_root:
            daemon = launch(dockerd, docker, data_root, run_dir, cache)
            try:
                yield docker
            finally:
                stop_dockerd(daemon)
                with contextlib.suppress(OSError):
                    if data_root == cache / "data":
                        (cache / "dockerd.pid").unlink()
    finally:
        # dockerd leaves its default network namespace bind-mounted in the exec root.
        unmount_under(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)


def launch(
    dockerd: str, docker: Docker, data_root: Path, run_dir: Path, cache: Path
) -> subprocess.Popen[bytes]:
    """Start dockerd with the default storage driver, falling back to vfs.

    The driver that worked is remembered with the data root: a daemon that finds two
    drivers' directories there refuses to start.
    """
    remembered = data_root / ".newscrawler-storage-driver"
    drivers: list[str | None] = [remembered.read_text().strip()] if remembered.exists() else []
    drivers = drivers or [None, "vfs"]
    for driver in drivers:
        daemon = start_dockerd(dockerd, data_root, run_dir, driver)
        if data_root == cache / "data":
            (cache / "dockerd.pid").write_text(str(daemon.pid))
        if wait_ready(docker, daemon):
            info = docker.run("info", "--format", "{{.Driver}}")
            remembered.write_text(info.stdout.strip() + "\n")
            return daemon
        stop_dockerd(daemon)
    log = (run_dir / "dockerd.log").read_text(errors="replace")[-4000:]
    raise RuntimeError(f"dockerd did not start (storage drivers tried: {drivers}):\n{log}")


def debian_mirror() -> str:
    """The Debian mirror apt uses on this machine (deb822 or one-line sources)."""
    for path in sorted(Path("/etc/apt/sources.list.d").glob("*.sources")):
        for stanza in re.split(r"\n\s*\n", path.read_text(errors="replace")):
            fields = dict(re.findall(r"^([\w-]+):\s*(.*)$", stanza, re.MULTILINE))
            if (
                "deb" in fields.get("Types", "").split()
                and SUITE in fields.get("Suites", "").split()
            ):
                return fields["URIs"].split()[0].rstrip("/")
    lists = [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*.list")]
    for path in lists:
        if not path.exists():
            continue
        for line in path.read_text(errors="replace").splitlines():
            match = re.match(r"deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line.strip())
            if match and match.group(2) == SUITE:
                return match.group(1).rstrip("/")
    return DEFAULT_MIRROR


def unmount_under(path: Path) -> None:
    """Undo the mounts left under ``path`` (by dockerd, or a debootstrap that failed)."""
    prefix = str(path.resolve()) + "/"
    mounts = [
        line.split()[1] for line in Path("/proc/mounts").read_text().splitlines() if line.strip()
    ]
    for point in sorted((m for m in mounts if m.startswith(prefix)), reverse=True):
        subprocess.run(["umount", "-l", point], check=False)


def base_rootfs_tarball(cache: Path) -> Path:
    """The Debian base image's rootfs as a tarball, made with debootstrap once."""
    tarball = cache / f"base-{SUITE}.tar"
    if tarball.exists():
        return tarball
    debootstrap = shutil.which("debootstrap")
    require(debootstrap is not None, "debootstrap not found (apt-get install debootstrap)")
    assert debootstrap is not None
    work = Path(tempfile.mkdtemp(prefix="rootfs-", dir=cache))
    rootfs = work / "rootfs"
    try:
        command = [debootstrap, "--variant=minbase", f"--include={BASE_PACKAGES}"]
        done = subprocess.run(
            [*command, SUITE, str(rootfs), debian_mirror()],
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if done.returncode != 0:
            log = rootfs / "debootstrap" / "debootstrap.log"
            details = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(
                f"debootstrap failed ({done.returncode}):\n{done.stderr[-2000:]}\n{details}"
            )
        # What apt downloaded; the image never runs apt.
        for pattern in ("var/cache/apt/archives/*.deb", "var/cache/apt/*.bin"):
            for leftover in rootfs.glob(pattern):
                leftover.unlink()
        shutil.rmtree(rootfs / "var/lib/apt/lists", ignore_errors=True)
        (rootfs / "var/lib/apt/lists/partial").mkdir(parents=True)
        for name in HOST_FILES:
            if Path(name).is_file():
                target = rootfs / name.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(name, target)
        partial = work / "rootfs.tar"
        subprocess.run(
            ["tar", "--numeric-owner", "-C", str(rootfs), "-cf", str(partial), "."], check=True
        )
        partial.replace(tarball)
    finally:
        unmount_under(work)
        shutil.rmtree(work, ignore_errors=True)
    return tarball


def ensure_base_image(docker: Docker, cache: Path) -> str:
    if not docker.has_image(BASE_IMAGE):
        tarball = base_rootfs_tarball(cache)
        docker.run("import", str(tarball), BASE_IMAGE, timeout=600)
    return BASE_IMAGE


def build_image(docker: Docker, base: str, context: Path = ROOT) -> str:
    """Build the project's image from ``context`` on ``base``; its tag."""
    options = ["--network", "host", "--build-arg", f"BASE_IMAGE={base}"]
    for name in PROXY_VARIABLES:
        for variant in (name, name.lower()):
            if os.environ.get(variant):
                options += ["--build-arg", f"{variant}={os.environ[variant]}"]
    # The builder stage gets a tag of its own so that pruning the leftovers of earlier builds
    # keeps its layers (the slow pip install of the dependencies above all) cached.
    build = ["build", *options]
    docker.run(*build, "--target", "builder", "-t", BUILDER_IMAGE, str(context), timeout=1800)
    docker.run(*build, "-t", IMAGE, str(context), timeout=1800)
    docker.run("image", "prune", "--force", check=False, timeout=300)
    return IMAGE


@pytest.fixture(scope="session")
def docker_daemon() -> Iterator[Docker]:
    """The session's private Docker daemon (see the module docstring)."""
    with running_daemon() as docker:
        yield docker


@pytest.fixture(scope="session")
def newscrawler_image(docker_daemon: Docker) -> str:
    """The project's image, rebuilt from the working tree on the Debian base image."""
    base = ensure_base_image(docker_daemon, cache_dir())
    return build_image(docker_daemon, base)
