"""The one error type of the ``newscrawler`` command, and the check for optional extras."""

from __future__ import annotations

import importlib.util


class CommandError(Exception):
    """A command failed: ``newscrawler <command>: error: <message>``, exit ``status``
    (2 for a usage error found before any work, 1 otherwise)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def require_extra(extra: str, *modules: str) -> None:
    """CommandError naming the ``pip install`` to run when an optional extra is missing."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise CommandError(
            f"this command needs {', '.join(missing)}: pip install 'newscrawler[{extra}]'"
        )
