"""A subtotal of listed projects is not the body's own 支出 in the fact table."""

from __future__ import annotations

from index.facts import _sentence_facts


def _metrics(text: str) -> list[tuple[str, str]]:
    return [(f.metric, f.value_text) for f in _sentence_facts("r", 2023, 0, text)]


def test_listed_projects_total_is_no_spending_fact():
    facts = _metrics("以上三个项目全年预算合计1,400.00万元，实际支出合计1,352.30万元。")
    assert all(metric != "支出" for metric, _ in facts), facts


def test_the_bodys_own_total_still_is():
    facts = _metrics("2023年度支出合计805.92万元，其中基本支出611.08万元。")
    assert ("支出", "805.92万元") in facts, facts
