"""The code's shape: imports point one way, one place for each fact.

Every module's imports are read from its syntax tree, top-level and function-level alike.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from newscrawler.defaults import SETTINGS
from newscrawler.items import ArticleItem
from newscrawler.lake import ARTICLE_SCHEMA, PARTITION_KEY
from tests.support.paths import ROOT

PACKAGES = ("newscrawler", "athena")

# Lowest first. A module may import its own layer and the ones below, never one above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("pages, lake and Naver facts", (
        "newscrawler", "newscrawler.naver", "newscrawler.items", "newscrawler.inputs",
        "newscrawler.coverage", "newscrawler.defaults", "newscrawler.pages", "newscrawler.lake",
    )),
    ("athena", ("athena",)),
    ("scrapy components", ("newscrawler.downloadermiddlewares", "newscrawler.extensions",
                           "newscrawler.pipelines", "newscrawler.spiders",
                           "newscrawler.settings")),
    ("launchers", ("newscrawler.crawl", "newscrawler.entrypoint", "newscrawler.commands",
                   "newscrawler.fleet", "newscrawler.query", "newscrawler.bench",
                   "newscrawler.demo", "newscrawler.extract")),
    ("cli", ("newscrawler.cli", "newscrawler.__main__")),
]  # fmt: skip
# The simulator stands apart: it may use the shared Naver facts and nothing else of ours.
SIMULATOR, SIMULATOR_MAY_USE = "newscrawler.sim", ("newscrawler.sim", "newscrawler.naver")
# Layers of the same rank that must not lean on each other.
FORBIDDEN = {
    "newscrawler.lake": ("newscrawler.pages", "newscrawler.defaults", "newscrawler.inputs"),
    "newscrawler.pages": ("newscrawler.lake", "newscrawler.coverage", "newscrawler.defaults"),
}
NO_SCRAPY = ("newscrawler.lake", "athena", "newscrawler.sim", "newscrawler.naver")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = name.split(".")[: -node.level or None]
                if path.name == "__init__.py":
                    base = name.split(".")[: len(name.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module or ""]).rstrip("."))
            elif node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


GRAPH = {name: imports_of(name, path) for name, path in modules().items()}
OURS = set(GRAPH)


def ours(target: str) -> str | None:
    """The project module an import names (``a.b.c`` may be module ``a.b`` and name ``c``)."""
    while target and target not in OURS:
        target = target.rpartition(".")[0]
    return target or None


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def layer_of(name: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if under(name, prefix) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    return best[0] if best else None


def edges() -> list[tuple[str, str]]:
    return sorted(
        {(name, target) for name, found in GRAPH.items() for t in found if (target := ours(t))}
        - {(name, name) for name in GRAPH}
    )


def test_every_module_has_a_layer():
    assert [n for n in GRAPH if layer_of(n) is None and not under(n, SIMULATOR)] == []


def test_imports_point_down():
    upward = [
        f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for source, target in edges()
        if not under(source, SIMULATOR) and not under(target, SIMULATOR)
        and layer_of(target) > layer_of(source)
        and target != "newscrawler"
    ]  # fmt: skip
    assert upward == []


def test_nothing_imports_the_cli():
    callers = {s for s, t in edges() if under(t, "newscrawler.cli")}
    assert {s for s in callers if not under(s, "newscrawler.cli")} <= {"newscrawler.__main__"}


def test_the_simulator_stands_apart():
    leaks = [
        (s, t) for s, t in edges()
        if under(s, SIMULATOR) and not any(under(t, ok) for ok in SIMULATOR_MAY_USE)
    ]  # fmt: skip
    assert leaks == []


def test_layers_of_one_rank_keep_apart():
    crossing = [
        (s, t) for s, t in edges() for layer, banned in FORBIDDEN.items()
        if under(s, layer) and any(under(t, b) for b in banned)
    ]  # fmt: skip
    assert crossing == []


@pytest.mark.parametrize("layer", NO_SCRAPY)
def test_no_scrapy_below_the_crawler(layer):
    assert [n for n, found in GRAPH.items() if under(n, layer)
            and any(under(t, "scrapy") or under(t, "twisted") for t in found)] == []  # fmt: skip


def test_no_import_cycles():
    graph = {name: {t for s, t in edges() if s == name} for name in GRAPH}
    # A package's __init__ re-exporting its own modules is not a cycle of the design.
    for name in graph:
        graph[name] = {t for t in graph[name] if not under(t, name)}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_python_file_over_500_lines():
    paths = [*modules().values(), *(ROOT / "tests").rglob("*.py"), *(ROOT / "spark").rglob("*.py")]
    long = {
        str(p.relative_to(ROOT)): n for p in paths if (n := len(p.read_text().splitlines())) > 500
    }
    assert long == {}


def test_item_fields_and_the_parquet_schema_are_one():
    fields = [f.name for f in dataclasses.fields(ArticleItem)]
    assert [name for name in fields if name != PARTITION_KEY] == ARTICLE_SCHEMA.names
    assert PARTITION_KEY in fields  # the partition column lives in the path only


def test_the_readme_settings_table_matches_the_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Settings") :]
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]*) \|", section, flags=re.M)
    documented = {name: default.strip() for name, default in rows}
    assert set(documented) == set(SETTINGS)
    for name, spec in SETTINGS.items():
        shown = documented[name]
        if spec.default in ("", False):
            assert shown in ("(unset)", "off", "temp dir"), (name, shown)
        else:
            assert shown.strip("`").replace(",", "") == str(spec.default).replace(",", "") or (
                name == "NAVER_SECTIONS" and shown == "`100,...,110`"
            ), (name, shown)


def test_the_readme_layout_section_matches_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How the code is laid out") :]
    start = section.index("```\n") + 4
    block = section[start : section.index("\n```", start)]
    listed = {line.split()[0].rstrip("/") for line in block.splitlines() if line.strip()}
    assert [path for path in sorted(listed) if not (ROOT / path).exists()] == []
    package = ROOT / "newscrawler"
    present = {
        f"newscrawler/{p.name}"
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"
    } - {"newscrawler/__init__.py", "newscrawler/__main__.py"}
    top = {
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and (p.name in ("athena", "spark", "infra", "tests"))
    }
    assert present | top == listed


def test_every_folder_of_code_is_a_package_that_installs():
    from setuptools import find_packages

    installed = set(find_packages(str(ROOT), include=[f"{p}*" for p in PACKAGES]))
    folders = {module_name(path.parent / "__init__.py") for path in modules().values()}
    assert folders - installed == set()
