"""Single facts asked in everyday words, over an invented report (tests/fixtures/fact10): a count
asked with 几/多少 and a measure word finds the sentence giving that count (the whole, not a part
listed after 其中), with the parts it adds ("另有…"); a bracket right after a figure names what
the figure is; 省里/市里/县里 are the levels of a fund source; a part of an item the report never
splits out is refused rather than answered with the item's total; "agency operating expenses" is
机关运行经费, not 公用经费; a locate question whose matter a heading names also points to where
the report states it with its figure. Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable, english
from assistant.evidence import counted_noun, make_topics
from assistant.locate import stated_sentence
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "fact10"


# -- units: no index -------------------------------------------------------------------------


def test_the_thing_counted_follows_its_measure_word():
    assert counted_noun("到年底手上有几台车") == ("台", "车")
    assert counted_noun("部门决算涵盖几个单位？") == ("个", "单位")
    assert counted_noun("一共多少人") == ("人", "")
    assert counted_noun("有几个项目超支了吗") is not None
    assert counted_noun("花了多少钱") is None


def test_a_count_asked_keeps_its_noun_and_measure_as_the_topic():
    (topic,) = make_topics("年末 车", "年底一共有几台车")
    assert "车" in topic.hard and "年末" not in topic.hard
    assert topic.measure == ("台", "辆")
    (people,) = make_topics("年末", "年底一共几个人")
    assert people.measure == ("人", "名")


def test_a_bracket_after_a_figure_names_it():
    shown = (
        "本年收入500.00万元，其中财政拨款收入450.00万元，"
        "政府性基金收入30.00万元（水库移民扶持基金）"
    )
    asked = "局里收入当中水库移民扶持基金是多少"
    assert answerable.bracket_named_figure(asked, shown) == (
        "政府性基金收入（水库移民扶持基金）",
        "30.00万元",
    )
    assert answerable.bracket_named_figure("局里收入当中专项债券是多少", shown) is None


def test_a_share_of_a_part_the_quote_never_names_is_not_split_out():
    (topic,) = make_topics("农机 补贴 项目 中央 资金", "农机补贴项目里中央资金占了多少")
    shown = "农机购置补贴：支出数 116.40万元、预算数 120.00万元"
    assert answerable.part_not_named("农机补贴项目里中央资金占了多少", topic, shown, "116.40万元")
    named = "农机购置补贴资金120.00万元，其中中央资金90.00万元"
    assert not answerable.part_not_named(
        "农机补贴项目里中央资金占了多少", topic, named, "90.00万元"
    )


def test_english_agency_operating_expenses_and_certified_disabled_people():
    zh, _ = english.to_chinese("What were the bureau's agency operating expenses in 2023?")
    assert "机关运行经费" in zh and "公用经费" not in zh
    zh, _ = english.to_chinese("How many registered disabled persons live in the county?")
    assert "持有残疾人证" in zh


def test_a_sentence_stating_the_matter_with_its_figure():
    text = "（二）效益\n农作物良种覆盖率93.5%，低于95%的年度目标；农户满意度96%。"
    assert (
        stated_sentence(text, ["良种覆盖率", "低于"]) == "农作物良种覆盖率93.5%，低于95%的年度目标"
    )
    assert stated_sentence("（一）良种推广进度慢，良种覆盖率偏低", ["良种覆盖率", "低于"]) is None


# -- answers over the invented report ----------------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "fact10-index", **chroma_settings())


def _lead(answer) -> str:
    return answer.answer.split("\n")[0]


@pytest.mark.parametrize(
    "question", ["柘荣农业局到年底手上有几台车", "柘荣农业农村局2023年末一共多少辆车"]
)
def test_a_count_of_vehicles_is_the_whole_not_a_part(service, question):
    lead = _lead(ask_offline(service, question))
    assert "3辆" in lead and "2辆" not in lead


def test_a_count_of_units_under_the_accounts(service):
    answer = ask_offline(service, "柘荣农业农村局部门决算涵盖几个单位")
    assert "3个" in _lead(answer)


def test_a_headcount_shows_the_parts_the_sentence_adds(service):
    answer = ask_offline(service, "柘荣农业农村局年底一共几个人")
    assert "31人" in _lead(answer) and "9人" in answer.answer


def test_a_fund_named_by_a_bracket(service):
    answer = ask_offline(service, "柘荣农业农村局收入当中水库移民后期扶持基金是多少")
    assert "96.00万元" in _lead(answer)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("柘荣农业农村局高标准农田那个项目的钱里市里补了多少", "150.00万元"),
        ("柘荣农业农村局高标准农田项目省里补了多少钱", "400.00万元"),
    ],
)
def test_a_level_of_government_in_everyday_words(service, question, figure):
    assert figure in _lead(ask_offline(service, question))


def test_a_part_never_split_out_is_refused(service):
    answer = ask_offline(service, "柘荣农业农村局农机购置补贴项目里中央资金占了多少", refused=True)
    assert "未单列“中央资金”" in _lead(answer)


def test_agency_operating_expenses_in_english(service):
    answer = ask_offline(
        service, "How much were the Zherong agriculture bureau's agency operating expenses in 2023?"
    )
    assert "58.30" in _lead(answer) and "62.10" not in _lead(answer)


def test_a_locate_question_also_points_to_the_stated_figure(service):
    answer = ask_offline(service, "柘荣农业农村局良种覆盖率低于目标的情况在哪一节写的")
    assert "（二）效益" in answer.answer and "93.5%" in answer.answer
