"""The eval scorer (evaluation/) agrees with the development set's official scorer and does not
lean on the product's number parsing."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

from evaluation.figures import figures
from evaluation.rules import score_item, unsupported_money
from evaluation.runner import run_eval

OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"

# Invented items and answers, one per rule the scorer applies.
CASES = [
    ({"id": "a", "kind": "fact", "question": "培训费多少", "numbers": ["2.35万元"]},
     {"answer": "培训费支出23500元[1]", "citations": [{"text": "培训费支出2.35万元"}]}),
    ({"id": "b", "kind": "fact", "question": "差旅费", "numbers": ["5119613.47元"]},
     {"answer": "差旅费约512万元", "citations": [{"text": "差旅费5119613.47元"}]}),
    ({"id": "c", "kind": "fact", "question": "会议费", "numbers": ["6000元"]},
     {"answer": "会议费约1万元", "citations": [{"text": "会议费6000元"}]}),
    ({"id": "d", "kind": "table", "question": "维修费", "numbers": ["12.40"]},
     {"answer": "维修费 12.40万元", "citations": [{"text": "单位：万元\n维修费\t12.40"}]}),
    ({"id": "e", "kind": "compare", "question": "谁多", "numbers": ["8800元", "1.02万元", "20%"]},
     {"answer": "甲8800元，乙1.02万元，合计3万元", "citations": [{"text": "接待费8800元"}]}),
    ({"id": "f", "kind": "unanswerable", "question": "油费", "numbers": []},
     {"answer": "报告中未找到油费的相关内容。", "refused": True, "citations": []}),
    ({"id": "g", "kind": "unanswerable", "question": "电费", "numbers": []},
     {"answer": "电费为300元。", "citations": [{"text": "电费300元"}]}),
    ({"id": "h", "kind": "trap", "question": "总额", "numbers": ["4169.38万元", "4196.38万元"]},
     {"answer": "正文4169.38万元，表中4196.38万元，两处不一致。", "citations": []}),
    ({"id": "i", "kind": "trap", "question": "总额", "numbers": ["98.5%"]},
     {"answer": "执行率98.5%", "citations": [], "warnings": []}),
    ({"id": "j", "kind": "locate", "question": "在哪", "numbers": [],
      "section_path": "三、绩效情况 > （二）存在的问题",
      "evidence": [{"file": "x.txt", "text": "资金拨付较慢"}]},
     {"answer": "见「（二）存在的问题」一节", "citations": [{"text": "其他", "section": ""}]}),
    ({"id": "k", "kind": "multiturn", "question": "人数", "numbers": ["64人", "60名", "3人"]},
     {"answer": "在职64人，编制60名", "citations": [{"text": "在职64人，编制60名"}]}),
    ({"id": "l", "kind": "fact", "question": "差额", "numbers": ["5.00万元"],
      "evidence": [{"file": "x.txt", "text": "预算20.00万元"}]},
     {"answer": "25.00万元 − 20.00万元 = 5.00万元",
      "citations": [{"text": "预算20.00万元"}, {"text": "决算25.00万元"}]}),
]  # fmt: skip


def _official():
    if not OFFICIAL.exists():
        pytest.skip("the official scorer (../shared/eval/score.py) is not present")
    spec = importlib.util.spec_from_file_location("official_score", OFFICIAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_scorer_agrees_with_the_official_one(tmp_path: Path) -> None:
    official = _official()
    gold, answers = tmp_path / "gold.jsonl", tmp_path / "answers.jsonl"
    gold.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i, _ in CASES), "utf-8")
    lines = [json.dumps({"id": i["id"], **a}, ensure_ascii=False) for i, a in CASES]
    answers.write_text("\n".join(lines), "utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        official.score(str(gold), str(answers), details=True)
    text = out.getvalue()
    failed_there = set(re.findall(r"^FAIL (\S+)", text, re.M))
    overall = re.search(r"overall (\d+)/", text)
    core = re.search(r"core \(.*?\) (\d+)/", text)
    unsupported = re.search(r"answers: (\d+);", text)

    scores = [score_item(item, answer) for item, answer in CASES]
    assert {s.id for s in scores if not s.passed} == failed_there
    assert sum(s.passed for s in scores) == int(overall.group(1))
    assert sum(s.core for s in scores) == int(core.group(1))
    assert sum(len(s.unsupported) for s in scores) == int(unsupported.group(1))
    assert failed_there  # the cases exercise failures as well as passes


def test_rounding_needs_three_significant_digits_for_money() -> None:
    item = {"id": "x", "kind": "fact", "numbers": ["5119613.47元"]}
    assert score_item(item, {"answer": "约512万元"}).passed
    assert not score_item(item, {"answer": "约5百万元，即5万元"}).passed


def test_a_shown_difference_of_cited_amounts_is_supported() -> None:
    cites = [{"text": "预算20.00万元"}, {"text": "决算25.00万元"}]
    assert unsupported_money("多了5.00万元", cites, "") == []
    assert unsupported_money("多了6.00万元", cites, "") == [60000.0]


def test_figures_read_units_and_precision() -> None:
    (money,) = figures("1,200.50万元")
    assert (money.value, money.kind) == (12_005_000.0, "money")
    assert [f.kind for f in figures("3.2万户，98%")] == ["plain", "pct"]


def test_runner_reports_strict_core_and_evidence() -> None:
    items = [i for i, _ in CASES]
    answers = {i["id"]: a for i, a in CASES}
    report = run_eval(items, lambda item: answers[item["id"]], None)
    assert report.pass_rate < report.core_rate <= 1.0
    assert report.by_kind["unanswerable"].n == 2


def test_the_scorer_does_not_import_the_products_number_parsing() -> None:
    for name in [m for m in sys.modules if m.startswith("evaluation.")]:
        source = Path(sys.modules[name].__file__).read_text(encoding="utf-8")
        assert "index.numbers" not in source and "from index" not in source
