"""Run a crawl whose local lake is a slow disk, to time kills into the publish.

``python -m tests.support.slow_lake LAKE DELAY EVENTS -- run_scrapy.py [args]`` runs the
script (or ``-m module``) in this process after wrapping the file-system calls Python code
makes (rename, replace, link, unlink, mkdir, rmdir, fsync, copyfile, opening for write):
every call that changes something strictly under ``LAKE`` first sleeps ``DELAY`` seconds
and appends ``<monotonic time> <call> <path>`` to ``EVENTS``. The crawler's code is not
touched; only the disk it writes the lake to gets slower, as a network file system would be.
"""

from __future__ import annotations

import builtins
import functools
import io
import os
import runpy
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any

_real_open = os.open
_real_write = os.write


def _path(value: Any, dir_fd: int | None = None) -> str | None:
    if isinstance(value, int):
        return _fd_path(value)
    try:
        path = os.fsdecode(os.fspath(value))
    except TypeError:
        return None
    if dir_fd is not None and not os.path.isabs(path):
        base = _fd_path(dir_fd)
        path = os.path.join(base, path) if base else path
    return os.path.abspath(path)


def _fd_path(fd: int) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


class SlowLake:
    def __init__(self, root: str, delay: float, events: str) -> None:
        self.root = os.path.abspath(root).rstrip("/") + "/"
        self.delay = delay
        self.events = _real_open(events, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def touch(self, call: str, *paths: str | None) -> None:
        hit = next((p for p in paths if p and p.startswith(self.root)), None)
        if hit is None:
            return
        time.sleep(self.delay)
        _real_write(self.events, f"{time.monotonic():.6f} {call} {hit}\n".encode())

    def wrap_paths(self, module: Any, name: str, count: int = 1) -> None:
        """Slow ``module.name`` when one of its first ``count`` path arguments is in the lake."""
        real: Callable[..., Any] = getattr(module, name)

        @functools.wraps(real)
        def slowed(*args: Any, **kwargs: Any) -> Any:
            dir_fd = kwargs.get("dir_fd", kwargs.get("src_dir_fd"))
            self.touch(name, *(_path(arg, dir_fd) for arg in args[:count]))
            return real(*args, **kwargs)

        setattr(module, name, slowed)

    def wrap_open(self, module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        @functools.wraps(real)
        def slowed(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if any(flag in mode for flag in "wax+"):
                self.touch("open", _path(file))
            return real(file, mode, *args, **kwargs)

        setattr(module, name, slowed)

    def install(self) -> None:
        for name in ("rename", "replace", "link", "symlink"):
            self.wrap_paths(os, name, count=2)
        for name in ("unlink", "remove", "rmdir", "mkdir", "fsync", "truncate", "utime"):
            self.wrap_paths(os, name)
        self.wrap_paths(shutil, "copyfile", count=2)
        self.wrap_open(builtins, "open")
        self.wrap_open(io, "open")

        def slow_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                self.touch("os.open", _path(path, kwargs.get("dir_fd")))
            return _real_open(path, flags, *args, **kwargs)

        os.open = slow_os_open


def main() -> None:
    root, delay, events, separator, target, *argv = sys.argv[1:]
    assert separator == "--", "usage: slow_lake LAKE DELAY EVENTS -- script.py|-m module ..."
    SlowLake(root, float(delay), events).install()
    if target == "-m":
        module, *argv = argv
        sys.argv = [module, *argv]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = [target, *argv]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main()
