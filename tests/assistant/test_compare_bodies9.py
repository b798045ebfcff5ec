"""Comparisons over two bodies (fixture reports tests/fixtures/compare9, invented counties and
figures): a total named after a narrower item ("政府采购支出合计") is never taken for the body's
spending; a share of a part above its whole is not shown; "A比上年降了多少，B呢" gives each
body's own change; a growth rate compared across bodies gives each body's stated change; a
vehicle count asked as 公车数量 is read as how many 辆."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.compare import metric_in
from assistant.own_totals import names_narrower
from assistant.shares import _within
from index.models import FactRecord
from tests.conftest import ask_offline, index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare9"


# ---------------------------------------------------------------- pure parts (fast)
def _fact(text: str, figure: str, metric: str = "支出") -> FactRecord:
    at = text.index(figure)
    return FactRecord("r", metric, None, figure, "万元", "1", "10000", 2023, 0, at + len(figure))


@pytest.mark.parametrize(
    ("text", "figure", "narrower"),
    [("全年政府采购支出合计845.20万元，其中货物类120.40万元", "845.20万元", True),
     ("一般公共预算支出合计3,100.00万元", "3,100.00万元", True),
     ("2023年度本年支出合计2,650.40万元", "2,650.40万元", False),
     ("本局支出决算6,420.50万元", "6,420.50万元", False),
     ("其中本年收入合计2,295.40万元", "2,295.40万元", False),
     ("2023年度部门整体支出预算执行率97.86%", "97.86%", False)],
)  # fmt: skip
def test_a_total_named_after_a_narrower_item_is_not_the_body_total(text, figure, narrower):
    metric = "收入" if "收入" in text else "支出"
    assert names_narrower(text, _fact(text, figure, metric)) is narrower


def test_a_part_lies_within_the_whole_it_splits():
    whole, part = metric_in("支出"), metric_in("人员经费")
    assert whole is not None and part is not None
    assert _within(part, whole)
    assert not _within(whole, part)


# ---------------------------------------------------------------- over the fixture reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "compare9-index")


def test_who_spent_more_takes_the_year_total_not_the_procurement_total(service):
    text = ask_offline(service, "清河县水利局和石门县文化和旅游局2023年哪个花钱多，相差多少").answer
    assert "6,420.50万元" in text or "6420.50万元" in text
    assert "4109.75万元" in text
    assert "845.20" not in text


def test_one_body_change_over_the_year_uses_its_stated_total(service):
    text = ask_offline(service, "清河县水利局2023年支出比上年增加了多少").answer
    assert "440.40万元" in text
    assert "845.20" not in text


def test_shares_of_base_spending_compare_each_body_own_total(service):
    text = ask_offline(
        service, "清河县水利局和石门县文化和旅游局的基本支出在全年支出里占的比例哪个大"
    ).answer
    assert "28.35%" in text and "40.69%" in text
    assert "845.20" not in text
    assert not any(f"{n}." in text for n in range(101, 1000) if f"{n}.00%" in text)


def test_the_second_body_after_a_change_question_is_answered_too(service):
    text = ask_offline(service, "石门县文化和旅游局的三公经费比上年少了多少，清河县水利局呢").answer
    assert "0.50万元" in text and "8.20%" in text
    assert "2.40万元" in text and "16.22%" in text
    assert text.index("8.20%") < text.index("16.22%")  # in the order asked


def test_growth_rates_of_two_bodies_are_each_stated(service):
    text = ask_offline(service, "这两个局2023年的支出增速对比一下").answer
    assert "7.36%" in text and "6.95%" in text
    lead = text.splitlines()[0]
    assert lead.startswith("较上年变化率从高到低") and lead.index("7.36%") < lead.index("6.95%")


def test_a_vehicle_count_asked_as_car_numbers(service):
    text = ask_offline(service, "清河县水利局和石门县文化和旅游局年底的公车数量谁多").answer
    assert "6辆" in text and "3辆" in text


def test_a_share_of_procurement_is_the_part_over_the_whole_never_the_whole_over_itself(service):
    text = ask_offline(service, "清河县水利局中小企业合同金额在政府采购里占的比重").answer
    assert "700.00万元 ÷ 845.20万元 = 82.82%" in text
    assert "100.00%" not in text


def test_a_side_stating_no_share_has_it_computed_beside_the_stated_one(service):
    text = ask_offline(service, "两个单位的政府采购当中，中小企业所占比例哪家高").answer
    assert "82.82%" in text and "84.78%" in text


def test_a_body_named_by_its_head_beside_another_body_is_still_asked(service):
    text = ask_offline(service, "石门分局的三公经费比上年少了多少，清河县水利局呢").answer
    assert "0.70万元" in text and "17.95%" in text
    assert "2.40万元" in text and "16.22%" in text
