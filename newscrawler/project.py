"""Running the project's spider from Python (the CLI, ``run_scrapy.py``, tests)."""

from __future__ import annotations

import os
from typing import Any

from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """The project's settings (wherever the current directory is), with ``overrides`` on top
    at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    settings = get_project_settings()
    settings.setdict(overrides or {}, priority="cmdline")
    return settings
