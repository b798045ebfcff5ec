"""English questions about bodies that are not bureaus (fixture reports tests/fixtures/eng12,
invented counties and figures: a county archives, a science and technology association, a
township government over two years, a government offices service centre), asked the way a
foreign analyst would: the body in its English names, items in paraphrase, "FY2022", "which of
the two … more", "by how much", "what share of". The lead is in English, quotes as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import english, english_bodies, english_leads
from assistant.checks import overstaffed
from assistant.own_totals import states_only_items
from tests.conftest import ask_offline, index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eng12"


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("question", "wanted"),
    [("Car upkeep of the Baishi township government in FY2022?", "2022年"),
     ("What was the execution rate in FY 2023?", "2023年"),
     ("And in FY22?", "2022年"),
     ("How many staff positions does the archives have?", "编制数"),
     ("How many approved posts does it have?", "编制数"),
     ("What was the Tangxi CAST's total expenditure?", "科学技术协会"),
     ("the Tangxi association for science and technology", "科学技术协会"),
     ("How much did the county archives spend?", "档案馆"),
     ("the Yunze government affairs service center", "机关事务服务中心"),
     ("Which scored higher?", "自评得分"),
     ("What share of the three public expenses was official hospitality?",
      "公务接待费占三公经费的比重"),
     ("What share of Baishi town's 2023 spending went to staff costs?", "人员经费占支出的比重"),
     ("Staff costs as a percentage of the Tangxi archives spending in 2023",
      "人员经费占支出的比重"),
     ("What was the share of staff costs in the archives' spending?", "人员经费占支出的比重")],
)  # fmt: skip
def test_english_wording_maps_to_the_chinese_terms(question, wanted):
    zh, _ = english.to_chinese(question)
    assert wanted in zh


def test_an_unrelated_cast_is_no_body():
    zh, _ = english.to_chinese("Who cast the deciding vote on the budget?")
    assert "科学技术协会" not in zh


@pytest.mark.parametrize(
    ("zh", "held", "wanted"),
    [("机关事务管理局 预算执行率", ["机关事务服务中心", "档案馆"], "机关事务服务中心 预算执行率"),
     ("档案馆 公务接待费", ["档案局", "水利局"], "档案局 公务接待费"),
     ("档案局 公务接待费", ["档案馆"], "档案馆 公务接待费"),
     ("档案馆 公务接待费", ["档案馆"], "档案馆 公务接待费"),
     # two indexed bodies of the function, or none: left for the caller to refuse
     ("机关事务管理局 支出", ["机关事务服务中心", "机关事务中心"], "机关事务管理局 支出"),
     ("机关事务管理局 支出", ["水利局"], "机关事务管理局 支出")],
)  # fmt: skip
def test_an_english_body_is_the_indexed_body_of_its_function_under_another_head(zh, held, wanted):
    assert english_bodies.held_kin(zh, held) == wanted


def test_a_body_named_in_english_that_no_report_is_of_is_unheld():
    assert english_bodies.unheld("几个 内设机构 残疾人联合会", ["档案馆"]) == ["残疾人联合会"]
    assert english_bodies.unheld("党校 培训费", ["县委党校"]) == []  # its short form
    assert english_bodies.unheld("文化广电旅游局 支出", ["文化和旅游局"]) == []  # same kind
    assert english_bodies.unheld("人民政府 支出", ["白石镇人民政府"]) == []  # a kind, not a body


@pytest.mark.parametrize(
    ("text", "only_items"),
    [("2023年“三公”经费支出决算1.05万元，完成预算的70.00%", True),
     ("2023年度一般公共预算财政拨款支出295.90万元，其中科学技术普及支出168.20万元", True),
     ("2023年度收入总计312.40万元，支出总计305.90万元。", False),
     ("预算总额1,560.00万元，全年实际支出1,581.30万元，预算执行率97.11%", False),
     ("2023年度全年支出3,105.20万元，其中基本支出1,260.90万元", False),
     ("支出增加21.30万元，增长7.48%", False)],
)  # fmt: skip
def test_a_sentence_stating_spending_only_for_narrower_items(text, only_items):
    assert states_only_items(text, "支出") is only_items


def test_posts_stated_by_their_kinds_count_together():
    said = overstaffed("核定行政编制32名、事业编制26名，2023年末实有在职人员63人")
    assert said is not None and "58名" in said
    assert overstaffed("核定行政编制32名、事业编制26名，年末实有在职人员50人") is None
    said = overstaffed("核定编制22名，2023年末实有在职人员25人")
    assert said is not None and "22名" in said


def test_a_derived_line_is_noted_in_the_english_lead():
    calc = "占比：1,128.70万元 ÷ 3,105.20万元 = 36.35%（计算；来源[1]）"
    assert english_leads.derived_note(calc) == "; share 36.35% (calculated below)"
    assert english_leads.derived_note("注意：两处数字不一致") == ""


# ---------------------------------------------------------------- over the fixture reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "eng12-index")


def _lead(answer) -> str:
    return answer.answer.split("\n")[0]


def _files(answer) -> set[str]:
    return {c.file for c in answer.citations}


def test_the_county_archives_named_in_english_is_its_only_report(service):
    answer = ask_offline(
        service, "How much did the Tangxi County Archives spend on official hospitality in 2023?"
    )
    assert _lead(answer).startswith("According to the report of 棠溪县档案馆 (2023)")
    assert "0.68万元" in _lead(answer)
    assert "科学技术协会" not in answer.answer
    assert _files(answer) == {"棠溪县档案馆2023.txt"}


@pytest.mark.parametrize(
    "question",
    ["How many internal divisions does the Tangxi science and technology association have?",
     "How many internal divisions does the Tangxi association for science and technology have?",
     "How many internal divisions does the Tangxi CAST have?"],
)  # fmt: skip
def test_the_science_association_in_its_english_names(service, question):
    answer = ask_offline(service, question)
    assert "3个" in _lead(answer) and "4个" not in answer.answer
    assert _files(answer) == {"棠溪县科学技术协会2023.txt"}


def test_the_offices_administration_is_the_indexed_service_centre(service):
    answer = ask_offline(
        service,
        "What was the budget execution rate of the Yunze government offices administration "
        "in 2023?",
    )
    assert "97.11%" in _lead(answer)
    assert _files(answer) == {"云泽县机关事务服务中心2023.txt"}


@pytest.mark.parametrize(
    ("question", "figure", "not_led"),
    [("What was the Tangxi CAST's total expenditure in 2023?", "305.90万元", "168.20"),
     ("棠溪县科协2023年支出多少？", "305.90万元", "1.05万元"),
     ("What was the total expenditure of the Yunze government offices administration in 2023?",
      "1,581.30万元", "36.50")],
)  # fmt: skip
def test_a_bodys_spending_is_not_led_by_a_narrower_items(service, question, figure, not_led):
    lead = _lead(ask_offline(service, question))
    assert figure in lead and not_led not in lead


def test_staff_positions_are_the_posts_not_the_staff_in_post(service):
    answer = ask_offline(service, "How many staff positions does the Tangxi County Archives have?")
    assert "18名" in _lead(answer) and "16人" not in _lead(answer)


def test_posts_stated_only_by_their_kinds_are_answered_by_each_kind(service):
    answer = ask_offline(
        service, "How many staff positions did the Baishi township government have in 2023?"
    )
    assert "行政编制 32名" in _lead(answer) and "事业编制 26名" in _lead(answer)
    assert any("58名" in w for w in answer.warnings)  # 63 in post over 32 + 26 posts
    chinese = ask_offline(service, "棠溪县档案馆编制多少个？")
    assert "事业编制 18名" in _lead(chinese)


def test_fiscal_year_written_fy(service):
    answer = ask_offline(
        service, "How much did the Baishi township government spend on car upkeep in FY2022?"
    )
    assert "9.60万元" in _lead(answer) and "(2022)" in _lead(answer)
    assert _files(answer) == {"云泽县白石镇人民政府2022.txt"}


def test_a_follow_up_keeps_the_township_body(service):
    text = last_answer(
        service,
        ["What was the Baishi town government's budget execution rate in FY22?", "And in 2023?"],
    )
    assert "96.48%" in text and "94.12%" not in text


def test_which_of_two_bodies_spent_more_opens_in_english(service):
    answer = ask_offline(
        service,
        "Which of the two Tangxi bodies, the archives or the science association, spent more "
        "on official hospitality in 2023?",
    )
    lead = _lead(answer)
    assert lead.startswith("公务接待费: 棠溪县科学技术协会 (2023) has more, 1.05万元[")
    assert "0.68万元[" in lead and "difference 0.37万元" in lead


def test_which_spent_less_names_the_smaller_side(service):
    lead = _lead(
        ask_offline(
            service,
            "Which of the two Tangxi bodies spent less on official hospitality in 2023, the "
            "archives or the CAST?",
        )
    )
    assert lead.startswith("公务接待费: 棠溪县档案馆 (2023) has less, 0.68万元[")


def test_a_score_compared_across_bodies(service):
    lead = _lead(
        ask_offline(
            service,
            "Which scored higher in 2023, the Yunze government offices administration or the "
            "Baishi township government?",
        )
    )
    assert lead.startswith("自评得分: 云泽县机关事务服务中心 (2023) is higher, 95分[")
    assert "difference 4分" in lead


def test_a_change_between_two_years_opens_in_english(service):
    lead = _lead(
        ask_offline(
            service,
            "By how much did Baishi township's three public expenses fall from 2022 to 2023?",
        )
    )
    assert lead.startswith("云泽县白石镇人民政府: 三公经费 fell by 1.40万元 (-9.86%)")
    assert "from 14.20万元 in 2022[" in lead and "to 12.80万元 in 2023[" in lead


def test_a_share_asked_in_english_is_computed(service):
    answer = ask_offline(service, "What share of Baishi town's 2023 spending went to staff costs?")
    assert "1,128.70万元" in _lead(answer) and "share 36.35%" in _lead(answer)
    assert "1,128.70万元 ÷ 3,105.20万元 = 36.35%" in answer.answer


def test_a_body_the_index_does_not_hold_is_refused_by_name(service):
    answer = ask_offline(
        service,
        "How many internal divisions does the Tangxi disabled persons' federation have?",
        refused=True,
    )
    assert "残疾人联合会" in answer.answer
    assert "4个" not in answer.answer and "3个" not in answer.answer


def test_a_rate_over_no_amount_of_its_own_is_not_checked_against_other_figures(service):
    answer = ask_offline(
        service, "What was the completion rate of the budget of the Tangxi archives in 2023?"
    )
    assert "97.03%" in _lead(answer)
    assert "1192" not in answer.answer and not answer.warnings


def test_income_is_not_read_off_the_spending_beside_it():
    from assistant.compose import lead_figure
    from assistant.evidence import Topic

    said = "2023年度收入总计312.40万元，支出总计305.90万元"
    income = Topic(hard=("收入",), soft=(), metric=(), kinds=frozenset({"money"}))
    spending = Topic(hard=("支出",), soft=(), metric=(), kinds=frozenset({"money"}))
    assert lead_figure(said, income)[1] == "312.40万元"
    assert lead_figure(said, spending)[1] == "305.90万元"


@pytest.mark.parametrize(
    "question",
    ["How much did the Tangxi science and technology association receive in total income in "
     "2023?",
     "棠溪县科协2023年收入合计多少？"],
)  # fmt: skip
def test_total_income_of_the_association(service, question):
    lead = _lead(ask_offline(service, question))
    assert "312.40万元" in lead and "305.90" not in lead


def test_two_rates_differ_by_percentage_points_in_english(service):
    lead = _lead(
        ask_offline(
            service,
            "Which body had the higher budget execution rate in 2023, the Baishi township "
            "government or the Yunze government offices administration?",
        )
    )
    assert lead.startswith("预算执行率: 云泽县机关事务服务中心 (2023) is higher, 97.11%[")
    assert lead.endswith("difference 0.63 percentage points.")
