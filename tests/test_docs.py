"""Docs that cannot drift: the README's two commands, .ci/run, and every CLI command documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_opens_with_the_two_commands():
    first_two = readme_commands()[:2]
    assert first_two == ["scripts/setup && .venv/bin/kg build",
                         "scripts/setup --test && .venv/bin/python -m pytest"]
    assert README.index("## The two commands") < README.index("## Commands")


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == [readme_commands()[1]]
    assert "set -euo pipefail" in ci


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"`kg {command}" in README


def test_readme_turtle_excerpt_is_in_the_data():
    data = (ROOT / "data" / "belgorod.ttl").read_text(encoding="utf-8")
    excerpt = re.search(r"```turtle\n(.+?)\n```", README, re.S).group(1)
    for block in excerpt.split("\n\n"):
        assert block.strip() in data, block


def readme_examples() -> list[tuple[str, str]]:
    return re.findall(r"```console\n\$ (kg (?:query|path) .+?)\n(.*?)\n```", README, re.S)


def test_readme_has_three_query_examples():
    assert len(readme_examples()) >= 3


@pytest.mark.parametrize(("command", "output"), readme_examples(), ids=lambda v: v[:40])
def test_readme_query_examples_show_real_output(command, output):
    import shlex

    from click.testing import CliRunner

    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert result.output.replace("\r\n", "\n").rstrip("\n") == output
