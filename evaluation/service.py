"""Evaluate the assistant itself: a QA file asked through the service, scored by the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.batch import answer_item
from assistant.service import ReportService
from evaluation.runner import EvalReport, load_items, run_eval


def evaluate(service: ReportService, qa_file: Path, k: int = 5) -> EvalReport:
    """Score a QA file against the current index (see evaluation.rules for the rules)."""
    items = load_items(qa_file)

    def ask(item: dict[str, Any]) -> dict[str, Any]:
        answer = answer_item(service, item)
        return {**answer.to_dict(), "meta": {"repair": answer.meta.get("repair")}}

    def retrieve(item: dict[str, Any], top: int) -> list[dict[str, Any]]:
        question = " ".join(item.get("turns") or [item["question"]])
        return [{"file": p.file, "text": p.span_text} for p in service.retrieve(question, top)]

    return run_eval(items, ask, retrieve, k=k)
