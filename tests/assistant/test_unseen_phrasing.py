"""Questions phrased in ways nobody tuned for (issue 9): English phrases that are not word by
word, quantities glued to nouns, hedges and superlatives, locate questions quoting a figure,
counts of the right list. Unit checks first; then answers end to end over two invented reports
(tests/fixtures/phrasing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import english
from assistant.derived import count, list_items
from assistant.listing import section_points
from assistant.understanding import Catalogue, understand
from index.lexical import LexicalIndex
from index.models import ReportIdentity
from index.vectorstore import StoredChunk
from tests.conftest import index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "phrasing"
CAT = Catalogue(
    (ReportIdentity("松溪县", "民政局", 2023), ReportIdentity("松溪县", "交通运输局", 2023))
)


# -- English ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("How many times was emergency relief granted?", "临时救助"),
        ("How many nursing-home beds were created?", "养老床位"),
        ("What is the monthly dibao standard per person?", "低保"),
        ("What is the per capita subsidy?", "人均"),
        ("How many overloaded lorries were caught?", "超限超载"),
        ("How many warning SMS were sent?", "短信"),
        ("How many homes got age-friendly renovations?", "适老化改造"),
        ("How many unlicensed cabs were stopped?", "非法营运"),
        ("How much went to fixed asset investment?", "固定资产投资"),
    ],
)
def test_sector_phrases_map_to_the_terms_reports_use(question, term):
    zh, _ = english.to_chinese(question)
    assert term in zh


def test_two_things_asked_with_and_become_two_sub_questions():
    zh, _ = english.to_chinese("How many hospital beds and childcare places were added?")
    assert "床位，托位" in zh
    # "and" inside a glossary phrase is not a split
    zh, _ = english.to_chinese("What was the vehicle operation and maintenance cost?")
    assert "公务用车运行维护费" in zh and "，" not in zh


def test_a_phrase_is_composed_from_senses_the_reports_write():
    text = "本年发放临时救济金，暂时安置流浪人员"
    contains = text.__contains__
    # "temporary" → 暂时/临时, "relief" → 救济 …: the composition the report writes wins
    assert english.compound_sense(["temporary", "relief"], contains) == "临时救济"
    assert english.compound_sense(["temporary", "castle"], contains) == ""
    zh, _ = english.to_chinese("How much temporary relief was paid?", None, contains)
    assert "临时救助" in zh  # the glossary phrase comes before any composition
    zh, _ = english.to_chinese("Was temporary relief money paid?", None, contains)
    assert "临时救助" in zh


def test_dictionary_senses_lose_a_trailing_de():
    assert "临时" in english.dictionary_senses("temporary")
    assert all(not s.endswith("的") for s in english.dictionary_senses("temporary"))


def test_the_lexical_index_tells_a_written_phrase_from_scattered_tokens():
    index = LexicalIndex.build(
        [StoredChunk("a", "全年实施临时救助415人次。", {}), StoredChunk("b", "救济工作", {})]
    )
    assert index.contains("临时救助") and index.contains("临时 救助")
    assert not index.contains("临时救济")


# -- Chinese leftovers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "wanted", "never"),
    [
        ("松溪民政局那2辆车一年运维实际上花了多少", {"运维"}, {"辆车", "一年", "实际上", "2辆"}),
        ("松溪交通局这两项补贴到底多少", {"补贴"}, {"两项", "这两项", "到底"}),
        ("松溪民政局项目支出最大的一块是啥", {"项目支出"}, {"最大", "一块"}),
        ("松溪民政局实际上在岗的有几个人", {"在岗"}, {"实际上"}),
        ("松溪交通局哪个项目花钱最多", {"项目"}, {"花钱", "最多"}),
    ],
)
def test_quantities_hedges_and_superlatives_are_not_topic_terms(question, wanted, never):
    query = understand(question, CAT)
    assert wanted <= set(query.terms), query.terms
    assert not never & set(query.terms), query.terms


def test_locate_words_of_a_colloquial_question_are_understood():
    query = understand("松溪查处超限超载车辆86台次出自报告哪个地方", CAT)
    assert query.intent == "locate"
    assert "地方" not in query.terms and "出自" not in query.terms


# -- counting the right list ------------------------------------------------------------------


def test_a_count_after_the_list_in_another_clause_counts_something_else():
    quote = (
        "本局内设机构包括：办公室、社会救助股、养老服务股（老龄工作股）、婚姻登记股，"
        "下设县救助管理站1个二级机构"
    )
    assert list_items(quote) == ["办公室", "社会救助股", "养老服务股（老龄工作股）", "婚姻登记股"]
    assert count(quote, "[1]", "内设机构有几个").startswith("共4个[1]")
    stated = "本局内设办公室、建设股、运管股、安全股4个股室"
    assert count(stated, "[1]", "内设几个股室") is None
    assert count("项目支出主要用于以下方面：", "[1]", "主要用于几个方面") is None


def test_sub_points_in_another_numbering_style_are_not_points():
    text = (FIXTURES / "松溪县民政局2023.txt").read_text(encoding="utf-8")
    start = text.index("主要用于以下方面")
    points = section_points(text, start)
    assert [p.number for p in points] == [1, 2, 3]
    assert [p.title for p in points][-1] == "婚姻登记及社会事务"


# -- end to end -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "phrasing-index")


def _cited(answer, text: str) -> bool:
    return any(text in c.text for c in answer.citations)


@pytest.mark.slow
def test_english_sector_phrases_are_answered(service):
    answer = service.ask(
        "How many times did the Songxi civil affairs bureau grant emergency relief in 2023?"
    )
    assert not answer.refused and "415人次" in answer.answer and _cited(answer, "415人次")
    beds = service.ask("How many extra nursing-home beds did the Songxi civil affairs bureau add?")
    assert "150张" in beds.answer and _cited(beds, "新增养老床位150张")
    trucks = service.ask("How many overloaded trucks did Songxi's transport bureau catch in 2023?")
    assert "86台次" in trucks.answer


@pytest.mark.slow
def test_english_follow_up_takes_the_earlier_subject(service):
    conversation = service.conversation_from(
        ["What was the Songxi transport bureau's project spending in 2023?"]
    )
    answer = service.ask("what about dangerous bridges?", conversation=conversation)
    assert "860.00万元" in answer.answer


@pytest.mark.slow
def test_quantities_glued_to_nouns_and_hedges_still_find_the_figure(service):
    answer = service.ask("松溪民政局那2辆车一年运维实际花了多少")
    assert not answer.refused and "3.46万元" in answer.answer
    kinds = service.ask("松溪民政局那两辆车都是啥车")
    assert not kinds.refused and _cited(kinds, "一般公务用车1辆")


@pytest.mark.slow
def test_a_locate_question_quoting_a_figure_names_the_section(service):
    answer = service.ask("松溪民政局政府采购9个项目这事在报告哪一节")
    assert "采购执行" in answer.answer and "出现" not in answer.answer


@pytest.mark.slow
def test_counts_count_the_asked_list(service):
    offices = service.ask("松溪民政局内设机构一共几个")
    assert offices.answer.splitlines()[0].startswith("松溪县民政局2023年度：共4个")
    ways = service.ask("松溪民政局的项目支出主要花在几个方面")
    assert "共3个" in ways.answer and "居家养老" not in ways.answer.splitlines()[0]


@pytest.mark.slow
def test_a_superlative_reads_the_list_of_the_section(service):
    answer = service.ask("松溪交通局23年哪个项目花钱最多")
    assert "最多的是农村公路提质改造项目（2140.00万元）" in answer.answer


def test_a_short_follow_up_without_han_is_english():
    assert english.is_english("what about 2022?")
    assert english.is_english("and reception costs?")
    assert not english.is_english("那2022年呢？")
    assert not english.is_english("GDP呢")


def test_the_lead_reads_the_figure_after_a_synonym_of_the_asked_term():
    from assistant.compose import lead_figure
    from assistant.evidence import Topic

    topic = Topic(("在职人数",), (), frozenset({"people"}), ("在职人数",))
    shown = "截至2023年12月31日，核定人员编制58名，年末实有在职人员88人，离退休人员37人"
    assert lead_figure(shown, topic)[1] == "88人"
