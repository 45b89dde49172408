"""docs/observatory.md documents every command option, endpoint, page and setting."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from marsad.api.app import API_KEY_ENV, DB_ENV, STAGES_ENV, create_app
from marsad.cli import build_parser
from tests.api.client import fill_store

DOC = Path(__file__).resolve().parents[2] / "docs" / "observatory.md"
COMMANDS = ["ingest", "search", "entities", "export", "serve", "vectors", "watch", "alerts"]


@pytest.fixture(scope="module")
def text() -> str:
    return DOC.read_text(encoding="utf-8")


def subparser(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_every_command_is_documented(text: str, command: str) -> None:
    assert f"## `marsad {command}`" in text
    for action in subparser(command)._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        for flag in action.option_strings:
            assert f"`{flag}" in text or f" {flag} " in text or f"{flag}`" in text, (command, flag)
        if not action.option_strings and action.choices:
            for choice in action.choices:
                assert f"`{choice}`" in text, (command, choice)


def test_every_entities_action_is_documented(text: str) -> None:
    from marsad.commands.entities import ACTIONS

    for action in ACTIONS:
        assert f"marsad entities {action}" in text


def test_every_alerts_action_is_documented(text: str) -> None:
    from marsad.commands.alerts import ACTIONS

    for action in ACTIONS:
        assert f"marsad alerts {action}" in text


def test_every_endpoint_and_page_is_documented(text: str, tmp_path: Path) -> None:
    app = create_app(fill_store(tmp_path / "d.db"))
    for path, methods in app.openapi()["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}" in text, (method, path)
    for route in app.routes:
        path = getattr(route, "path", "")
        if path and not path.startswith("/api"):
            assert f"`{path}" in text, path


def test_every_setting_is_documented(text: str) -> None:
    for name in (API_KEY_ENV, DB_ENV, STAGES_ENV):
        assert f"`{name}`" in text
