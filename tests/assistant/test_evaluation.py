"""The eval runner: per-kind rates, evidence hits, recall@k, unsupported figures, latency."""

from __future__ import annotations

import json
from pathlib import Path

from evaluation.runner import format_report, load_items, percentile, report_json, run_eval

ITEMS = [
    {"id": "f1", "kind": "fact", "numbers": ["2.35万元"],
     "evidence": [{"file": "a.txt", "text": "培训费支出2.35万元"}]},
    {"id": "f2", "kind": "fact", "numbers": ["64人"],
     "evidence": [{"file": "a.txt", "text": "实有在职64人"}]},
    {"id": "t1", "kind": "table", "numbers": ["12.40"],
     "evidence": [{"file": "b.docx", "text": "维修费\t12.40\t11.05"}]},
    {"id": "u1", "kind": "unanswerable", "numbers": [], "evidence": []},
    {"id": "c1", "kind": "compare", "numbers": ["8800元", "1.02万元"],
     "evidence": [{"file": "a.txt", "text": "接待费8800元"}]},
]  # fmt: skip

PASSAGES = {
    "f1": [("a.txt", "（三）培训费支出2.35万元，完成年度计划")],
    "f2": [("a.txt", "编制60名"), ("b.docx", "实有在职64人")],
    "t1": [("c.txt", "无关"), ("x.txt", "无关"), ("b.docx", "维修费 | 12.40 | 11.05")],
    "c1": [("a.txt", "接待费8800元"), ("b.docx", "接待费1.02万元")],
}


def _cites(item_id: str) -> list[dict]:
    return [{"n": i, "file": f, "text": t} for i, (f, t) in enumerate(PASSAGES[item_id], 1)]


def _ask(item: dict) -> dict:
    """Scripted answers: f1 right, f2 cites the wrong file, t1 right, u1 refuses, c1 invents."""
    texts = {
        "f1": "培训费支出23500元。",
        "f2": "在职64人。",
        "t1": "维修费预算12.40万元。",
        "u1": "报告没有该数据。",
        "c1": "甲县8800元，乙县1.02万元，合计3万元。",
    }
    cites = [] if item["id"] == "u1" else _cites(item["id"])[-1:]
    if item["id"] == "c1":
        cites = _cites("c1")
    return {"answer": texts[item["id"]], "refused": item["id"] == "u1", "citations": cites,
            "facts": [], "warnings": []}  # fmt: skip


def _retrieve(item: dict, k: int) -> list[dict]:
    return [{"file": f, "text": t} for f, t in PASSAGES.get(item["id"], [])][:k]


def test_run_eval_rates_recall_and_latency() -> None:
    report = run_eval(ITEMS, _ask, _retrieve, k=2)
    assert {k: (s.n, s.passed) for k, s in report.by_kind.items()} == {
        "fact": (2, 2),
        "table": (1, 1),
        "compare": (1, 1),  # invented money is counted apart, as the official scorer does
        "unanswerable": (1, 1),
    }
    assert report.pass_rate == 1.0
    # the file is not checked (f2 counts); t1 cites "12.40 | 11.05" where the gold has tabs
    assert (report.evidence_hits, report.evidence_items) == (3, 4)
    assert (report.recall_hits, report.recall_items) == (2, 4)  # f2 wrong file, t1 beyond k
    assert report.recall_at_k == 0.5
    # t1 states 12.40 as 万元 but its cited row has no unit caption; c1 invents a total
    assert report.unsupported == {"t1": ["124000.00元"], "c1": ["30000.00元"]}
    assert report.unsupported_count == 2
    assert len(report.latencies_ms) == 5
    assert report.latency_p50 is not None and report.latency_p95 >= report.latency_p50


def test_format_and_json_output() -> None:
    report = run_eval(ITEMS, _ask, _retrieve, k=2)
    text = format_report(report, verbose=True)
    assert "fact" in text and "recall@2: 50.0% (2/4)" in text and "p95" in text
    assert "c1: 30000.00元" in text and "all (core)" in text
    data = report_json(report)
    json.dumps(data, ensure_ascii=False)
    assert data["by_kind"]["compare"] == {"n": 1, "passed": 1, "rate": 1.0}
    assert data["latency_ms"]["p50"] is not None and len(data["items"]) == 5


def test_without_retrieval_and_with_a_failing_ask() -> None:
    def broken(item: dict) -> dict:
        raise RuntimeError("no model")

    report = run_eval(ITEMS[:2], broken, None)
    assert report.recall_at_k is None and report.pass_rate == 0
    assert report.scores[0].reason.startswith("ask raised RuntimeError")
    assert "recall@5: n/a" in format_report(report)


def test_percentile_and_load_items(tmp_path: Path) -> None:
    assert percentile([], 50) is None
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert percentile([5.0], 95) == 5.0
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n\n")
    assert [i["id"] for i in load_items(path)] == ["f1", "f2", "t1", "u1", "c1"]
