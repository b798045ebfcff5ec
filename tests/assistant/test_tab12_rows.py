"""Tables read as lists, over invented reports in four layouts (tests/fixtures/tab12: Word
tables, a spreadsheet form with merged cells, markdown pipe tables, a text report with a
tab-aligned table and one rebuilt from one cell per line): the rows a question counts or
lists, bounds applied row by row in the column named, follow-ups counting within the last
count, a 序号 column never naming a row, and the asked column of the asked row."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "tab12"


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "tab12-index", **chroma_settings())


def _cited(answer) -> str:
    return "\n".join(c.text for c in answer.citations)


def test_rows_of_a_project_list_are_counted_not_the_header_or_total(service):
    for question in ("柏溪农业农村局有几个项目", "柏溪县农业农村局项目支出明细表里列了多少个项目"):
        answer = ask_offline(service, question)
        lead = answer.answer.split("\n")[0]
        assert "「表3 2023年度项目支出明细表」列有项目7个" in lead, lead
        assert "农产品质量安全监测" in lead and "合计、" not in lead
        cited = _cited(answer)
        assert "单位：万元" in cited and "序号\t项目名称\t资金来源\t预算金额\t实际支出" in cited


def test_a_table_number_is_never_a_count_of_its_rows(service):
    answer = ask_offline(service, "云台县市场监管局项目支出明细表有几个项目")
    lead = answer.answer.split("\n")[0]
    assert "列有项目6个" in lead and "3项" not in lead
    assert "“双随机、一公开”监管" in lead  # a row rebuilt from one cell per line


def test_the_deepest_indicator_level_is_counted_in_a_merged_spreadsheet_form(service):
    answer = ask_offline(service, "石泉县交通运输局农村公路养护项目列了多少个三级指标")
    lead = answer.answer.split("\n")[0]
    assert "列有三级指标9个" in lead and "沿线群众满意度" in lead
    assert "总分" not in lead and "年度资金总额" not in lead
    md = ask_offline(service, "梅岭县卫健局绩效指标表有几个三级指标").answer
    assert "列有三级指标7个" in md.split("\n")[0]


def test_a_bound_is_applied_to_the_list_in_the_column_it_names(service):
    answer = ask_offline(service, "柏溪县农业农村局金额100万元以上的项目有几个")
    lead = answer.answer.split("\n")[0]
    assert "预算金额≥100万的项目4个" in lead
    assert "乡村振兴示范村建设（212.30万元）" in lead and "动物疫病防控项目" not in lead
    spent = ask_offline(service, "梅岭县卫生健康局执行数500万元以上的项目有几个").answer
    assert "执行数≥500万的项目2个" in spent and "4,079.76" not in spent.split("\n")[0]
    final = ask_offline(service, "云台县市场监管局决算数100万元以上的项目有几个").answer
    assert "决算数≥100万的项目3个" in final and "498.27" not in final.split("\n")[0]


def test_a_rate_bound_lists_the_rows_below_it(service):
    answer = ask_offline(service, "梅岭县卫生健康局执行率低于90%的项目有哪些").answer
    assert "执行率<90%的项目3个" in answer
    assert "县域医共体建设（83.59%）" in answer and "家庭医生签约服务" not in answer


def test_follow_up_bounds(service):
    narrowed = last_answer(
        service, ["柏溪县农业农村局金额100万元以上的项目有几个", "其中500万以上的呢"]
    )
    assert "预算金额≥500万的项目2个" in narrowed
    assert "耕地地力保护补贴（536.40万元）" in narrowed
    chained = last_answer(
        service, ["柏溪县农业农村局有几个项目", "其中预算100万元以上的呢", "其中500万以上的呢"]
    )
    assert "预算金额≥500万的项目2个" in chained
    other = last_answer(
        service, ["云台县市场监管局项目支出明细表有几个项目", "决算数超过100万元的呢"]
    )
    assert "决算数>100万的项目3个" in other and "决算数合计" not in other


def test_a_serial_number_column_never_names_the_row(service):
    answer = ask_offline(service, "柏溪县农业农村局高标准农田建设项目实际支出多少").answer
    lead = answer.split("\n")[0]
    assert "高标准农田建设项目（实际支出） 845.30万元" in lead and "1（" not in lead
    both = ask_offline(service, "柏溪县农业农村局乡村振兴示范村建设预算金额和实际支出分别是多少")
    assert "乡村振兴示范村建设 预算金额 212.30万元、实际支出 190.45万元" in both.answer


def test_several_columns_of_an_indicator_row_are_labelled_by_its_own_level(service):
    answer = ask_offline(service, "梅岭县卫生健康局高血压患者规范管理率权重和得分").answer
    assert "高血压患者规范管理率 权重 15、得分 12" in answer.split("\n")[0]
    target = ask_offline(service, "梅岭县卫生健康局县域就诊率目标值和完成值").answer
    assert "县域就诊率 目标值 ≥90%、完成值 86.7%" in target.split("\n")[0]


def test_which_row_is_the_extreme_leads_with_that_row_and_its_unit(service):
    answer = ask_offline(service, "柏溪县农业农村局哪个项目预算金额最大").answer
    lead = answer.split("\n")[0]
    assert "最高的是高标准农田建设项目（实际支出 845.30万元；预算金额 862.00万元）" in lead
    assert "动物疫病防控项目" not in lead and "中央及省级补助" not in lead
    lowest = ask_offline(service, "梅岭县卫健局哪个三级指标得分最低").answer.split("\n")[0]
    assert "最低的是孕产妇系统管理率（" in lowest and "；得分 10）" in lowest
    assert "群众就医满意度" not in lowest


def test_a_generic_column_word_beside_an_item_is_not_a_second_item(service):
    answer = ask_offline(service, "云台县市场监管局三公经费预算数是多少").answer
    lead = answer.split("\n")[0]
    assert "三公经费合计（预算数） 19.50万元" in lead and "464.00" not in lead


def test_both_parts_of_basic_spending_are_answered_with_header_and_unit(service):
    answer = ask_offline(service, "柏溪农业农村局人员经费和公用经费分别是多少")
    lead = answer.answer.split("\n")[0]
    assert "人员经费（决算数） 943.15万元" in lead and "公用经费（决算数） 139.21万元" in lead
    assert "表头：项目 | 年初预算 | 调整后预算 | 决算数；单位：万元" in answer.answer
    staff = ask_offline(service, "云台县市场监督管理局人员经费和公用经费分别是多少").answer
    assert "1,069.52万元" in staff and "154.66万元" in staff


def test_a_count_of_listed_units_is_not_a_count_of_people(service):
    answer = ask_offline(service, "柏溪县农业农村局有几个内设机构").answer
    assert "共6个" in answer and "48" not in answer.split("\n")[0]
