"""Prompt templates: shipped files load by name and their variables are checked."""

from __future__ import annotations

import pytest

import prompts


def test_shipped_templates_use_exactly_their_variables():
    for name, expected in prompts.EXPECTED.items():
        assert prompts.variables(prompts.load(name)) == expected


def test_render_fills_and_checks():
    text = prompts.render("repair", problems="数字1.16元在来源中找不到")
    assert "数字1.16元在来源中找不到" in text
    with pytest.raises(prompts.PromptError, match="missing"):
        prompts.render("answer", question="q", scope="s", facts="f")
    with pytest.raises(prompts.PromptError, match="unexpected"):
        prompts.render("repair", problems="p", extra="x")
    with pytest.raises(prompts.PromptError, match="no prompt template"):
        prompts.load("nope")
