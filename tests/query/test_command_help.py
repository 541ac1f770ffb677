"""``--help`` of the query, report and athena commands: every option says what it does and
its default, in words, without markup or internal names."""

from __future__ import annotations

import re

import pytest

from tests.support.cli import newscrawler

COMMANDS = [("query",), ("report",), ("athena", "ddl"), ("athena", "repair")]
# What an internal name or markup looks like in a help text.
LEAKS = re.compile(r"``|%\(|\b(None|True|False|func|subcommand|argparse)\b")


def help_of(capsys, monkeypatch, *command: str) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exit_:
        newscrawler(*command, "--help")
    assert exit_.value.code == 0
    return capsys.readouterr().out


def option_helps(text: str) -> dict[str, str]:
    """``{"--lake": "its help text"}`` for each option the help lists."""
    entries: dict[str, str] = {}
    option = None
    for line in text.splitlines():
        head = re.match(r"^  (?:-\w, )?(--[\w-]+)(?: [^ ]+)?(?:  +(.*))?$", line)
        if head:
            option = head.group(1)
            entries[option] = head.group(2) or ""
        elif option and line.startswith("    "):
            entries[option] += " " + line.strip()
        else:
            option = None
    return {name: " ".join(said.split()) for name, said in entries.items()}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_option_has_help_and_its_default(capsys, monkeypatch, command):
    helps = option_helps(help_of(capsys, monkeypatch, *command))
    helps.pop("--help")
    assert len(helps) >= 4
    for option, said in helps.items():
        assert re.search(r"\((default|required)\b", said), f"{option}: {said!r}"


@pytest.mark.parametrize("command", [*COMMANDS, ("athena",)], ids=" ".join)
def test_help_shows_no_markup_or_internal_names(capsys, monkeypatch, command):
    text = help_of(capsys, monkeypatch, *command)
    assert LEAKS.findall(text) == []


def test_the_help_tells_the_defaults_the_commands_use(capsys, monkeypatch):
    helps = option_helps(help_of(capsys, monkeypatch, "athena", "ddl"))
    assert "(default: parquet)" in helps["--format"]
    assert "(default: newsdata)" in helps["--table"]
    assert "(default: 20180101,NOW)" in helps["--range"]
    assert "only with --projection" in helps["--range"]
    report = option_helps(help_of(capsys, monkeypatch, "report"))
    assert "(default: daily.png)" in report["--out"]
    assert ".png, .jpg, .jpeg, .webp" in report["--out"]
    assert "--table" not in report  # the name the report's own SQL uses means nothing to people
    query = option_helps(help_of(capsys, monkeypatch, "query"))
    assert "(default: local)" in query["--engine"]
    assert "(default: table)" in query["--format"]
