"""Evaluate the assistant itself: a QA file asked through the service, scored by the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.batch import answer_item
from assistant.service import ReportService
from evaluation.runner import EvalReport, load_items, run_eval


def evaluate(
    service: ReportService, qa_file: Path, k: int = 5, answers_to: Path | None = None
) -> EvalReport:
    """Score a QA file against the current index (see evaluation.rules for the rules); with
    ``answers_to``, also write every answer as a JSON line (the ``ask --batch --json`` form)."""
    items = load_items(qa_file)
    written: list[str] = []

    def ask(item: dict[str, Any]) -> dict[str, Any]:
        answer = answer_item(service, item)
        data = answer.to_dict()
        written.append(json.dumps({"id": item.get("id"), **data}, ensure_ascii=False))
        return {**data, "meta": {"repair": answer.meta.get("repair")}}

    def retrieve(item: dict[str, Any], top: int) -> list[dict[str, Any]]:
        question = " ".join(item.get("turns") or [item["question"]])
        return [{"file": p.file, "text": p.span_text} for p in service.retrieve(question, top)]

    service.warm_up()  # as `serve` does at start: answers are timed warm
    report = run_eval(items, ask, retrieve, k=k)
    if answers_to is not None:
        answers_to.write_text("\n".join(written) + "\n", encoding="utf-8")
    return report
