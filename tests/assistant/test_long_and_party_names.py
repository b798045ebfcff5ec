"""Bodies whose names the pattern used to cut: a long autonomous county read whole, a
party-committee body (县委党校) with its level, a body indexed by its conventional short form
(妇联) asked by its full name in Chinese or English (tests/fixtures/own11, invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.identity import _place, body_name
from tests.conftest import ask_offline, index_folder

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own11"
LONG = "双江拉祜族佤族布朗族傣族自治县"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own11-index")


@pytest.mark.parametrize(
    ("title", "county", "department", "name"),
    [
        ("围场满族蒙古族自治县档案馆2022年度部门决算", "围场满族蒙古族自治县", "档案馆", None),
        ("中共宁远县委党校2023年度部门决算说明", "宁远县", "县委党校", "宁远县委党校"),
        ("宁安市委宣传部2023年度部门决算", "宁安市", "市委宣传部", "宁安市委宣传部"),
        (f"{LONG}妇联2023年部门整体支出绩效自评报告", LONG, "妇联", None),
        ("永兴县工商联2022年度部门决算", "永兴县", "工商联", None),
    ],
)
def test_title_names_the_whole_county_and_body(title, county, department, name):
    assert _place(title) == (county, department)
    assert body_name(county, department) == (name or county + department)


def test_nothing_is_read_from_an_ordinary_sentence():
    assert _place("按照县财政局要求") is None


def test_reports_carry_the_whole_names(service):
    identities = {(r.identity.county, r.identity.department) for r in service.reports()}
    assert identities == {
        (LONG, "妇联"),
        ("宁远县", "县委党校"),
        ("云岫县", "档案馆"),
        ("棠梨县", "统计局"),
    }


def test_party_school_named_once_in_the_lead(service):
    answer = ask_offline(service, "宁远党校23年的人员经费是多少")
    assert answer.answer.startswith("宁远县委党校2023年度")
    assert "548.27万元" in answer.answer.splitlines()[0]


def test_party_school_in_english(service):
    answer = ask_offline(
        service, "How much did the Ningyuan party school spend on official receptions in 2023?"
    )
    assert "2.32万元" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "双江县妇女联合会2022年支出总计多少",
        "What were the Shuangjiang women's federation's total expenditures in 2022?",
    ],
)
def test_full_name_of_a_body_indexed_by_its_short_form(service, question):
    answer = ask_offline(service, question)
    assert "238.55万元" in answer.answer.splitlines()[0]
    assert any("238.55万元" in c.text for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    ["党校的财政拨款收入占收入合计多少", "宁远党校财政拨款收入占收入合计的比重是多少"],
)
def test_share_of_a_whole_named_by_its_total_is_no_sum(service, question):
    # "占收入合计多少": 合计 names the whole; part + whole would be a wrong number
    answer = ask_offline(service, question)
    assert "786.30万元 ÷ 812.46万元 = 96.78%" in answer.answer
    assert "1598.76" not in answer.answer


def test_sum_of_two_named_parts_still_added(service):
    answer = ask_offline(service, "党校人员经费和公用经费合计多少")
    assert "548.27万元 + 62.81万元 = 611.08万元" in answer.answer


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        ("云岫县档案馆公务接待费预算是多少", "6.00万元"),  # next sentence: 公务用车's budget
        ("档案数字化项目的年初预算是多少", "30.00万元"),  # a sentence on another project
    ],
)
def test_a_figure_of_another_named_item_is_never_the_answer(service, question, wrong):
    answer = ask_offline(service, question)
    assert wrong not in answer.answer.splitlines()[0]


def test_the_named_item_keeps_its_own_next_sentence_figure(service):
    answer = ask_offline(service, "馆藏修复项目年初预算多少")
    assert "30.00万元" in answer.answer.splitlines()[0]
    answer = ask_offline(service, "公务用车运行维护费预算多少")
    assert "6.00万元" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    ["棠梨统计局有几个股室", "How many internal divisions does the Tangli statistics bureau have?"],
)
def test_a_stated_count_its_own_list_contradicts_is_shown_with_both(service, question):
    answer = ask_offline(service, question)
    assert "4个" in answer.answer.splitlines()[0]
    assert "逐项列出的却是5个股室" in answer.answer and "不一致" in answer.answer


def test_a_count_of_something_else_is_not_flagged(service):
    answer = ask_offline(service, "棠梨县统计局下属几个事业单位")
    assert "1个" in answer.answer.splitlines()[0] and "不一致" not in answer.answer
