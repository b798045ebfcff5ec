"""Prior-year figures and year-on-year changes a later report states in its sentences, read at
question time over invented reports (tests/fixtures/year_changes): a missing year answered from
the next report's sentence (stated, or 推算 from the change), a span of years whose first report
is missing, "花了多少钱、比上年多多少、为什么" (figure, change, reason), a question against a year
whose report is missing, a follow-up asking only the change, where the reason is given, and a
fund's 执行率 checked against the funds received."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import Conversation
from assistant.stated_changes import asks_change, asks_only_change, asks_reason, text_change
from evaluation.rules import unsupported_in as unsupported_money
from index.metrics import metrics

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "year_changes"


def _metric(name: str):
    return next(m for m in metrics() if m.name == name)


# --- sentences and questions (no index needed) --------------------------------------------------


def test_a_total_named_by_a_synonym_with_the_previous_figure_in_its_sentence() -> None:
    text = (
        "（二）支出情况。2025年决算支出总额640.00万元，比2024年的600.00万元增加40.00万元，"
        "增长6.67%，主要原因是新建泵站。"
    )
    said = text_change(text, _metric("支出"), 2024, "去年支出多少")
    assert said is not None and said.name == "决算支出总额"
    assert said.current.raw == "640.00万元" and said.change.previous.raw == "600.00万元"
    assert said.change.amount.raw == "40.00万元" and said.change.rate.raw == "6.67%"
    assert said.reason == "新建泵站"


def test_this_years_figure_is_taken_from_another_sentence_naming_the_same_total() -> None:
    text = "全年支出75.50万元，年末结余2.00万元。全年支出比上年减少4.50万元，主要是压减会议费。"
    said = text_change(text, _metric("支出"), 2024, "比上年少了多少")
    assert said is not None and said.current.raw == "75.50万元"
    assert said.change.sign == -1 and said.change.amount.raw == "4.50万元"


def test_an_item_ending_in_the_totals_name_or_a_budget_is_not_the_total() -> None:
    item = "项目支出比上年增加30.00万元，增长12%。"
    assert text_change(item, _metric("支出"), 2024, "支出比上年多多少") is None
    budget = "“三公”经费财政拨款支出预算为12.00万元，较上年增加1.00万元。"
    assert text_change(budget, _metric("三公经费"), 2024, "三公经费比上年多多少") is None


def test_questions_asking_a_change_or_its_reason() -> None:
    assert asks_change("跟24年比增加了多少", 2024) and asks_change("与2024年度相比如何", 2024)
    assert asks_change("why did spending go down last year")
    assert asks_change("经费为什么减少了") and asks_change("支出增加的原因是什么")
    assert not asks_change("2024年支出多少", 2024) and not asks_change("支出多少")
    assert asks_only_change("降了百分之几") and asks_only_change("那涨了多少？")
    assert not asks_only_change("公务接待费降了多少批次以后还剩几批")
    assert asks_reason("为啥？原因是什么") and asks_reason("and why?")
    assert not asks_reason("花了多少钱")


# --- end to end ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings, chroma_settings):
    from tests.conftest import index_folder

    return index_folder(tmp_path_factory, embeddings, FIXTURES, "year-changes", **chroma_settings())


@pytest.mark.slow
def test_missing_year_from_the_next_reports_sentence_naming_a_synonym(service) -> None:
    talk = Conversation()
    service.ask("河湾县文旅局2024年公务用车运行维护费花了多少", talk)
    answer = service.ask("那去年整个部门支出多少", talk)
    assert not answer.refused and "1,396.80万元" in answer.answer
    assert "公务用车" not in answer.answer  # the whole body's, not the earlier turn's item
    earlier = service.ask("河湾县文旅局2023年全年支出是多少")
    assert not earlier.refused and "2024年度报告" in earlier.answer
    assert "1,396.80万元" in earlier.answer and "推算" in earlier.answer
    derived = service.ask("石岭县水务局2022年支出合计是多少")
    assert "2,200.00万元" in derived.answer and "推算" in derived.answer
    assert "-" not in derived.answer.split("\n")[1].split("=")[-1]
    assert unsupported_money(derived.to_dict()) == []


@pytest.mark.slow
def test_a_span_whose_first_years_report_is_missing(service) -> None:
    answer = service.ask("石岭县水务局的三公经费从2022到2024年怎么变化")
    assert not answer.refused
    lines = answer.answer.splitlines()
    assert "11.20万元" in lines[1] and "2022年" in lines[1]
    assert any("2023年" in x and "9.60万元" in x for x in lines[2:])
    assert any("2024年" in x and "8.40万元" in x for x in lines[2:])
    assert unsupported_money(answer.to_dict()) == []


@pytest.mark.slow
def test_figure_change_and_reason_in_one_answer(service) -> None:
    answer = service.ask("河湾县文旅局2024年总共花了多少钱，比上年少了多少，原因是什么")
    assert not answer.refused
    for figure in ("1,311.60万元", "85.20万元", "6.10%"):
        assert figure in answer.answer
    assert "原因：县旅游节庆活动改为线上宣传" in answer.answer
    total = service.ask("石岭县水务局2024年决算支出总额多少？跟23年比增加了多少？")
    for figure in ("2,480.50万元", "130.50万元", "5.55%", "2,350.00万元"):
        assert figure in total.answer
    assert "原因" not in total.answer  # not asked


@pytest.mark.slow
def test_a_change_against_a_year_whose_report_is_missing(service) -> None:
    answer = service.ask("河湾县文旅局2024年全年支出与2023年相比变化多少，为什么")
    assert not answer.refused and "85.20万元" in answer.answer and "原因" in answer.answer
    english = service.ask(
        "How much did the Hewan culture and tourism bureau spend in 2024, and why did it fall?"
    )
    assert "1,311.60万元" in english.answer and "85.20万元" in english.answer


@pytest.mark.slow
def test_a_follow_up_asking_only_the_change(service) -> None:
    talk = Conversation()
    service.ask("河湾县文旅局公务接待费决算多少", talk)
    service.ask("上年呢", talk)
    answer = service.ask("降了百分之几", talk)
    assert "2.40万元" in answer.answer and "3.20万元" in answer.answer
    assert "25.00%" in answer.answer


@pytest.mark.slow
def test_where_the_reason_for_the_change_is_given(service) -> None:
    answer = service.ask("河湾县文旅局报告哪一部分说明了支出比上年减少的原因")
    assert "预算执行情况" in answer.answer
    assert "主要是县旅游节庆活动" in answer.citations[0].text


@pytest.mark.slow
def test_a_funds_execution_rate_is_checked_against_the_funds_received(service) -> None:
    wrong = service.ask("石岭县水务局河道整治专项资金执行率是多少")
    assert "84.00%" in wrong.answer and any("88.00%" in w for w in wrong.warnings)
    right = service.ask("石岭县水务局水资源保护专项资金执行率是多少")
    assert not any("执行率" in w for w in right.warnings)


@pytest.mark.slow
def test_a_figure_marked_with_last_year_but_equal_to_this_years_is_not_last_years(service) -> None:
    answer = service.ask("石岭县水务局2022年公务接待费是多少")
    lines = answer.answer.splitlines()
    assert "4.00万元" in lines[1] and "推算" in lines[1]  # 3.40 + 0.60: the change undone
    assert "3.40万元" not in lines[1].split("：")[0]  # never given as 2022's figure
    assert "笔误" in answer.answer and any("2022" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_total_its_change_its_reason_and_its_breakdown(service) -> None:
    answer = service.ask("河湾县文旅局2024年三公经费一共多少，为什么减少了")
    for figure in ("5.50万元", "1.30万元", "3.10万元", "2.40万元"):
        assert figure in answer.answer
    assert "原因：公务接待从严控制" in answer.answer
    assert unsupported_money(answer.to_dict()) == []
