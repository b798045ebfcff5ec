"""Single questions in everyday words, English and table cells (session 5, vocabulary classes)
over invented reports of one county (tests/fixtures/vocab6): a generic area noun is no place,
everyday words find the reports' terms, English tourism/budget/beneficiary words are
understood, transposed and stacked tables are read by their cells, and a share whose whole is
the clause before it is found. Understanding checks first, then answers end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import english
from assistant.tables import qualifier_of_label
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from tests.conftest import index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vocab6"
CAT = Catalogue(
    (
        ReportIdentity("资溪县", "农业农村局", 2023),
        ReportIdentity("资溪县", "文化和旅游局", 2022),
        ReportIdentity("资溪县", "文化和旅游局", 2023),
        ReportIdentity("资溪县", "林业局", 2023),
        ReportIdentity("资溪县", "卫生健康局", 2023),
    )
)


# -- class 1: words a place name is not made of -----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "资溪项目区水稻增产多少",
        "资溪试验区油茶亩产提高了多少",
        "资溪作为试点县拿到多少补助",
        "资溪核心区造林多少亩",
    ],
)
def test_a_generic_noun_before_qu_or_xian_is_no_place(question):
    query = understand(question, CAT)
    assert query.unknown == () and query.unindexed == (), query.unknown
    assert query.counties == ("资溪县",)


def test_an_invented_county_name_is_still_refused_by_name():
    query = understand("青崖县文旅局2023年游客多少", CAT)
    assert "青崖县" in query.unknown


# -- class 2: everyday words for the reports' terms ---------------------------------------------


@pytest.mark.parametrize(
    ("question", "wanted", "never"),
    [
        ("资溪农业局23年底公车有几辆", {"年末", "公车"}, {"底有", "底公车", "底"}),
        ("资溪农业局2023年底还剩多少结余", {"年末"}, {"底"}),
        ("资溪油茶改造一共投了多少钱", {"总投资"}, {"投了"}),
        ("资溪文旅局的游客人数有多少", {"游客"}, {"人数"}),
        ("资溪林业局自评分数多少", {"自评得分"}, {"分数"}),
        ("资溪农业局专项债花了多少", {"专项债"}, set()),
        ("资溪卫健局收支总表里卫生健康支出多少", {"卫生", "健康"}, {"总表", "收支"}),
    ],
)
def test_everyday_words_become_the_reports_terms(question, wanted, never):
    query = understand(question, CAT)
    assert wanted <= set(query.terms), query.terms
    assert not (never & set(query.terms)), query.terms


def test_a_function_class_is_not_the_body_it_sounds_like():
    query = understand("资溪卫健局收支总表里卫生健康支出多少", CAT)
    assert query.departments == ("卫生健康局",)
    assert "卫生" in query.topic and "支出" in query.topic


def test_a_question_with_zhichu_zi_ping_is_no_locate_question():
    query = understand("资溪林业局部门整体支出自评总分多少", CAT)
    assert query.intent == "number" and query.qualifier == "得分"


def test_a_year_end_keeps_the_year_and_the_term():
    query = understand("资溪农业局23年末有几辆车", CAT)
    assert query.years == (2023,) and "年末" in query.terms


def test_closing_meiyou_is_a_question_particle():
    query = understand("资溪农业局今年买新车没有", CAT)
    assert "没有" not in query.terms


# -- class 3: English ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("How many tourists visited Zixi in 2023?", "游客"),
        ("What was Zixi's tourism income last year?", "旅游收入"),
        (
            "How much general public budget spending did the Zixi forestry bureau report?",
            "一般公共预算财政拨款支出",
        ),
        ("How many beneficiary households did the project cover in Zixi?", "受益农户"),
        ("How much did Zixi get in special bonds?", "专项债券"),
        ("What is the total investment of the Zixi project?", "总投资"),
    ],
)
def test_english_words_of_the_domain(question, term):
    query = understand(question, CAT)
    assert term in query.zh_text and query.terms, (query.terms, query.zh_text)


def test_people_are_a_figure_not_a_count_of_list_items():
    assert english.asks_people("How many tourists came to Zixi?")
    assert not understand("How many staff does the Zixi forestry bureau have?", CAT).asks_count
    assert understand(
        "How many internal departments does the Zixi forestry bureau have?", CAT
    ).asks_count


def test_a_culture_radio_tv_and_tourism_bureau_is_a_body():
    zh, _ = english.to_chinese("the culture, radio, TV and tourism bureau of Zixi")
    assert "文化广电旅游局" in zh and "TV" not in zh


# -- class 4: table cells -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "qualifier"),
    [
        ("预算数", "预算"),
        ("决算数", "决算"),
        ("2023年预算数", "预算"),
        ("年初预算", "年初预算"),
        ("公务接待费", None),
        ("合计", None),
    ],
)
def test_qualifier_rows_of_a_transposed_table(label, qualifier):
    assert qualifier_of_label(label) == qualifier


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "vocab6-index")


def _lead(answer) -> str:
    return answer.answer.split("\n")[0]


def test_a_generic_area_is_answered_not_refused(service):
    answer = service.ask("资溪试验区油茶亩产提高了多少")
    assert not answer.refused and "38" in _lead(answer)


def test_everyday_words_are_answered(service):
    cars = service.ask("资溪农业局23年底有几辆公车，有没有买新车")
    assert "3辆" in _lead(cars) and "未购置车辆" in cars.answer
    invested = service.ask("资溪油茶低产林改造一共投了多少钱")
    assert "5600万元" in _lead(invested)
    bonds = service.ask("资溪农业局的专项债资金干什么用了，花了多少")
    assert "280.00万元" in _lead(bonds) and "冷链物流中心" in bonds.answer
    assert "2590.40" not in _lead(bonds)  # named only in the reason for the totals' change
    score = service.ask("资溪林业局部门整体支出自评总分多少")
    assert "总分（得分） 95.3" in _lead(score)


def test_an_asked_term_outweighs_a_generic_head(service):
    answer = service.ask("资溪的游客人数22年到23年多了多少")
    assert "254.6万人次" in answer.answer and "286.4万人次" in answer.answer
    assert "编制人数" not in answer.answer


def test_english_tourism_questions_are_answered(service):
    revenue = service.ask("Compare Zixi's tourism revenue in 2022 and 2023.")
    assert "18.90亿元" in revenue.answer and "21.36亿元" in revenue.answer
    assert "2.46亿元" in revenue.answer
    tourists = service.ask("How many tourists did Zixi receive in 2023?")
    assert "286.4万人次" in _lead(tourists) and "94.1%" not in _lead(tourists)
    homes = service.ask(
        "How many beneficiary households did the Zixi agriculture bureau's project reach?"
    )
    assert "2150户" in _lead(homes)


def test_a_transposed_table_gives_both_asked_rows_of_the_item(service):
    answer = service.ask("资溪文旅局23年三公表里公务接待费预算多少、决算多少")
    assert "预算数 4.50万元" in _lead(answer) and "决算数 3.21万元" in _lead(answer)


def test_a_stacked_header_row_heads_its_value_row(service):
    staff = service.ask("资溪林业局实有在职几个人")
    assert "27人" in _lead(staff) and "30名" not in _lead(staff)
    english_staff = service.ask("How many staff does the Zixi forestry bureau have?")
    assert "27人" in _lead(english_staff)
    posts = service.ask("资溪林业局核定编制多少名")
    assert "30名" in _lead(posts)


def test_a_rate_row_answers_its_own_target_but_not_a_count(service):
    target = service.ask("资溪林业局森林覆盖率目标是多少")
    assert "≥87%" in _lead(target)


def test_a_share_whose_whole_is_the_clause_before(service):
    answer = service.ask("资溪农业局政府采购给中小企业的比例是多少")
    assert "86.00%" in _lead(answer)
