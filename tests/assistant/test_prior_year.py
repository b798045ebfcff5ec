"""Figures of another year than the report's own, end to end over an invented report whose
tables and sentences state last year's figures (a "上年数" column, "比上年增长4%", "较上年度节约
6.20万元"): rankings use only this year's figures; a year whose report is not indexed is answered
from the next year's report (stated, or 推算 from the change) or refused; "比上年…多少" questions
get the stated change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.conversation import Conversation
from assistant.prior_year import previous_from, stated_change
from evaluation.rules import unsupported_in as unsupported_money
from index.numbers import find_quantities

ROOT = Path(__file__).resolve().parents[2]
PRIOR = ROOT / "tests" / "fixtures" / "prior_year"
QINGSHAN = ROOT / "tests" / "fixtures" / "reports" / "青山县农业农村局2023.txt"


# --- the change a sentence states (no index needed) --------------------------------------------


def _change_after_first_amount(sentence: str, previous_year: int = 2023):
    first = next(q for q in find_quantities(sentence) if q.is_money)
    return first, stated_change(sentence, first.end, previous_year)


def test_change_amount_rate_and_stated_previous_figure_are_read() -> None:
    current, change = _change_after_first_amount(
        "公用经费支出52.80万元，较上年度节约6.20万元，降幅10.51%。"
    )
    assert change is not None and change.sign == -1
    assert (change.amount.raw, change.rate.raw) == ("6.20万元", "10.51%")
    assert previous_from(current, change) == ("59.00万元", "52.80万元 + 6.20万元 = 59.00万元")

    _, stated = _change_after_first_amount(
        "支出决算为80,000.00元，较2023年决算95,500.00元减少15,500.00元。"
    )
    assert stated is not None and stated.previous.raw == "95,500.00元"


def test_a_rate_alone_gives_an_approximate_previous_figure() -> None:
    current, change = _change_after_first_amount("机关运行经费41.60万元，比上年增长4%。")
    assert change is not None and change.rate.raw == "4%" and change.amount is None
    assert previous_from(current, change) == ("约40.00万元", "41.60万元 ÷ (1 + 4%) ≈ 40.00万元")
    current, change = _change_after_first_amount("支出20.00万元，同比下降20%。")
    assert previous_from(current, change)[0] == "约25.00万元"


def test_a_change_of_another_amount_or_no_change_is_not_taken() -> None:
    assert (
        _change_after_first_amount("支出8.00万元，其中会议费2.00万元，比上年增长12.5%。")[1] is None
    )
    assert _change_after_first_amount("支出8.00万元，主要用于日常运转。")[1] is None


def test_of_two_columns_of_one_kind_this_years_is_read() -> None:
    from assistant.tables import column_for

    assert column_for(["项目", "2025年预算数", "2025年决算数", "2024年决算数"], "决算") == 2
    assert column_for(["项目", "上年决算数", "本年决算数"], "决算") == 2
    assert column_for(["项目", "2024年执行数", "执行数"], "决算") == 2
    assert column_for(["项目", "决算数", "决算数"], "决算") is None  # no year tells them apart


def test_last_years_column_is_no_other_statement_of_this_years_figure() -> None:
    from assistant.statements import statements

    text = (
        "表2 机关运行经费决算表\n单位：万元\n项目\t本年预算数\t本年决算数\t上年决算数\n"
        "机关运行经费支出\t45.00\t41.60\t40.00\n本年机关运行经费支出决算41.60万元。"
    )
    found = {(st.family, st.quantity.raw) for st in statements(text)}
    assert found == {("budget", "45.00万元"), ("actual", "41.60万元")}


# --- end to end ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings, chroma_settings):
    from assistant.factory import build_service
    from assistant.settings import load_settings

    folder = tmp_path_factory.mktemp("prior-reports")
    for source in [*PRIOR.iterdir(), QINGSHAN]:
        shutil.copy(source, folder / source.name)
    settings = load_settings(data_dir=tmp_path_factory.mktemp("prior-index"), **chroma_settings())
    built = build_service(settings, embeddings=embeddings)
    outcomes = built.ingest([folder])
    assert all(o.status == "added" for o in outcomes), [o.message for o in outcomes]
    return built


@pytest.mark.slow
def test_last_years_column_is_filed_under_last_year(service) -> None:
    rows = service.fact_table(county="云岭", metric="公务接待费")
    assert {(f.value_text, f.year) for _, f in rows} >= {("2.16", 2024), ("2.75", 2023)}
    assert not any(f.conflict for _, f in rows)


@pytest.mark.slow
def test_ranking_lists_one_figure_per_report_for_its_own_year(service) -> None:
    answer = service.ask("云岭县林业局和青山县农业农村局的三公经费谁高谁低？")
    assert "7.86万元" in answer.answer and "6.42万元" in answer.answer
    assert "8.92" not in answer.answer  # last year's column is not a second value
    assert not any("不一致" in w for w in answer.warnings)


@pytest.mark.slow
def test_missing_year_stated_in_the_next_reports_column(service) -> None:
    answer = service.ask("云岭县林业局2023年公务用车运行维护费决算是多少？")
    first, *rest = answer.answer.splitlines()
    assert not answer.refused
    assert "没有云岭县林业局2023年度的报告" in first and "2024年度报告" in first
    assert "6.17万元" in rest[0]
    assert "6.17" in answer.citations[0].text
    assert unsupported_money(answer.to_dict()) == []


@pytest.mark.slow
def test_missing_year_derived_from_a_stated_change_is_marked(service) -> None:
    answer = service.ask("云岭县林业局2023年公用经费花了多少？")
    assert not answer.refused
    assert "59.00万元" in answer.answer and "推算" in answer.answer
    assert "52.80万元 + 6.20万元 = 59.00万元" in answer.answer
    assert "较上年度节约6.20万元" in answer.citations[0].text
    rate_only = service.ask("云岭县林业局2023年机关运行经费约为多少？")
    assert "约40.00万元" in rate_only.answer and "41.60万元 ÷ (1 + 4%)" in rate_only.answer


@pytest.mark.slow
def test_change_in_the_sentence_after_the_figure_states_last_years_figure(service) -> None:
    earlier = service.ask("云岭县林业局2023年人员经费决算是多少？")
    assert not earlier.refused and "812.30万元" in earlier.answer
    assert "推算" not in earlier.answer  # written in the report, not derived
    assert "812.30万元" in earlier.citations[0].text and "860.50万元" in earlier.citations[0].text
    change = service.ask("云岭县林业局人员经费比上年多了多少？")
    assert "48.20万元" in change.answer and "5.93%" in change.answer
    assert "860.50万元" in change.answer and "812.30万元" in change.answer


@pytest.mark.slow
def test_a_year_the_next_report_does_not_cover_is_refused(service) -> None:
    answer = service.ask("云岭县林业局2022年公用经费是多少？")
    assert answer.refused and "2022" in answer.answer
    no_figure = service.ask("云岭县林业局2023年项目支出是多少？")
    assert no_figure.refused


@pytest.mark.slow
def test_change_against_last_year_stated_or_calculated(service) -> None:
    stated = service.ask("云岭县林业局的公用经费与上年相比少了多少？")
    assert "6.20万元" in stated.answer and "10.51%" in stated.answer
    assert "59.00万元" in stated.answer and "推算" in stated.answer
    table = service.ask("云岭县林业局三公经费同比增减情况如何？")
    assert "7.86万元" in table.answer and "8.92万元" in table.answer
    assert "减少1.06万元" in table.answer and "11.88%" in table.answer
    assert unsupported_money(table.to_dict()) == []


@pytest.mark.slow
def test_follow_up_asks_for_last_year(service) -> None:
    talk = Conversation()
    service.ask("云岭县林业局2024年公务接待费是多少", talk)
    earlier = service.ask("那去年呢？", talk)
    assert not earlier.refused and "2.75万元" in earlier.answer
    assert "没有云岭县林业局2023年度的报告" in earlier.answer
