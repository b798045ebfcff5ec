"""Prompt templates as plain files in this folder, loaded by name with their variables checked.

A template is UTF-8 text with ``{name}`` placeholders (``{{`` / ``}}`` for literal braces).
``load(name)`` reads ``<name>.txt``; ``render(name, **values)`` fills it and raises
:class:`PromptError` when a placeholder has no value or a value has no placeholder.
"""

from __future__ import annotations

import string
from importlib import resources

EXPECTED: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "answer": frozenset({"question", "scope", "facts", "sources"}),
    "condense": frozenset({"history", "slots", "question"}),
    "repair": frozenset({"problems"}),
}
"""The variables each shipped template must use: a template edited to drop one fails loudly."""


class PromptError(ValueError):
    """A template is missing, or its variables do not match what the caller provides."""


def load(name: str) -> str:
    """The template text of ``<name>.txt`` in this package."""
    try:
        return resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"no prompt template named {name!r}") from exc


def variables(template: str) -> frozenset[str]:
    """Placeholder names used in a template."""
    return frozenset(
        field for _, field, _, _ in string.Formatter().parse(template) if field is not None
    )


def render(name: str, **values: str) -> str:
    """The template filled with ``values``; every placeholder must be given, and only those."""
    template = load(name)
    used = variables(template)
    if name in EXPECTED and used != EXPECTED[name]:
        raise PromptError(f"prompt {name!r} uses {sorted(used)}, expected {sorted(EXPECTED[name])}")
    missing, extra = used - set(values), set(values) - used
    if missing or extra:
        raise PromptError(f"prompt {name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}")
    return template.format(**values)
