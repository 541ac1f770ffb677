"""Optional weight stays optional: the crawler works without the extras, and a command
that needs a missing extra says which ``pip install`` to run.

The extras' packages are hidden from a fresh interpreter by an import hook, as if
``pip install newscrawler`` had installed the core dependencies only.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.support.paths import ROOT

EXTRAS = ("duckdb", "sqlglot", "fsspec", "matplotlib", "docker", "yaml", "pyspark", "requests",
          "bs4")  # fmt: skip

HIDE = textwrap.dedent(
    f"""
    import sys

    class Hide:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {EXTRAS!r}:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    sys.meta_path.insert(0, Hide())
    import importlib.util
    _find_spec = importlib.util.find_spec
    importlib.util.find_spec = lambda name, *a: (
        None if name.split(".")[0] in {EXTRAS!r} else _find_spec(name, *a)
    )
    """
)


def run_without_extras(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", HIDE + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_crawler_and_the_entrypoint_import_without_extras():
    done = run_without_extras(
        """
        import newscrawler.entrypoint, newscrawler.commands.crawl, newscrawler.pipelines
        from newscrawler.crawl import project_settings
        from scrapy.utils.misc import load_object
        settings = project_settings()
        for path in [*settings.getdict("DOWNLOADER_MIDDLEWARES"), *settings.getdict("EXTENSIONS"),
                     *settings.getdict("ITEM_PIPELINES")]:
            if path.startswith("newscrawler"):
                load_object(path)
        print("ok")
        """
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_help_lists_every_command_without_extras():
    done = run_without_extras("from newscrawler.cli import main; main(['--help'])")
    assert "crawl" in done.stdout and "query" in done.stdout, done.stderr[-2000:]


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["query", "SELECT 1", "--lake", "/nowhere"], "query"),
        (["report", "--lake", "/nowhere", "--out", "/tmp/x.png"], "report"),
        (["demo"], "all"),
        (["k8s", "manifest", "--date", "20180101", "--image", "x"], "fleet"),
    ],
)
def test_a_missing_extra_is_one_line_naming_the_install(argv, extra):
    done = run_without_extras(
        f"import sys; from newscrawler.cli import main; sys.exit(main({argv!r}))"
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.count("\n") == 1
    assert f"pip install 'newscrawler[{extra}]'" in done.stderr
