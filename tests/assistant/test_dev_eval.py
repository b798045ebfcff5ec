"""Regression guard on the development QA set (../shared/eval): rates must not slide back.

The thresholds are floors, not the answers: nothing here knows what any question expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.service import evaluate

pytestmark = pytest.mark.slow
SHARED = Path(__file__).resolve().parents[3] / "shared"


def test_dev_set_rates(corpus_service):
    qa = SHARED / "eval" / "dev_qa.jsonl"
    if not qa.exists():
        pytest.skip("../shared/eval not present")
    report = evaluate(corpus_service, qa, k=5)
    assert report.unsupported_count == 0
    assert report.by_kind["unanswerable"].rate == 1.0
    assert report.pass_rate >= 0.9
    assert report.by_kind["compare"].rate >= 0.9
    assert report.recall_at_k >= 0.93
    assert report.evidence_hit_rate >= 0.9
