"""Many questions in one process: `ask --batch` lines and `eval` runs over a QA file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.answer import Answer
from assistant.conversation import Conversation
from assistant.service import ReportService
from index.errors import ReportAssistantError


def read_lines(path: Path) -> list[dict[str, Any]]:
    """JSON objects, one per non-empty line; a bad line is one clear error."""
    if not path.exists():
        raise ReportAssistantError(f"找不到文件 / no such file: {path}")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise ReportAssistantError(
                f"{path.name} 第 {number} 行不是 JSON / line {number}: {exc}"
            ) from exc
        if not isinstance(item, dict) or not (item.get("question") or item.get("turns")):
            raise ReportAssistantError(
                f"{path.name} 第 {number} 行缺少 question 或 turns / line {number} needs "
                '"question" or "turns"'
            )
        items.append(item)
    return items


def answer_item(service: ReportService, item: dict[str, Any]) -> Answer:
    """The answer to an item's question, or to the last of its turns with the earlier ones as
    context (each item gets its own conversation)."""
    turns = item.get("turns") or [item["question"]]
    conversation = Conversation()
    answer = None
    for turn in turns:
        answer = service.ask(str(turn), conversation)
    assert answer is not None
    return answer


def answer_line(service: ReportService, item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item.get("id"), **answer_item(service, item).to_dict()}
