"""Answers end to end over two invented forestry reports (tests/fixtures/answering), one
failure class of issue 9 per test: each checks the figure, the citation span that holds it and,
where the report disagrees with itself, the warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.rules import unsupported_in
from tests.conftest import index_folder

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "answering"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "answering-index")


def _cited(answer, figure: str) -> bool:
    """Some citation's exact span holds ``figure`` (cells compared without their unit)."""
    bare = figure.removesuffix("万元")
    return any(figure in c.text or bare in c.text for c in answer.citations)


def test_unexpected_words_do_not_turn_a_comparison_into_a_refusal(service):
    # class 1 (evidence side) and 6: chatter words, both sides answered, the difference shown
    answer = service.ask("岚溪和枫岭两家林业局掰扯一下护林员补助执行数")
    assert not answer.refused
    lines = answer.answer.splitlines()
    assert lines[0].startswith("岚溪县林业局2020年度：") and "350.40万元" in lines[0]
    assert any(line.startswith("枫岭县林业局2020年度：") and "205.60万元" in line for line in lines)
    assert "350.40万元 − 205.60万元 = 144.80万元" in answer.answer
    assert _cited(answer, "350.40") and _cited(answer, "205.60")
    assert unsupported_in(answer.to_dict()) == []


def test_the_share_after_an_amount_stays_in_the_quote(service):
    # class 3: "项目支出决算789.10万元；占支出决算的61.87%" is quoted whole
    answer = service.ask("岚溪林业局项目支出决算占多大比重？")
    assert "789.10万元" in answer.answer and "61.87%" in answer.answer
    assert _cited(answer, "61.87%")


def test_a_table_cell_is_read_by_row_label_and_column_header(service):
    # class 4: two-level header, the asked column, the caption unit and header shown
    answer = service.ask("岚溪林业局护林员补助调整后预算是多少？")
    first = answer.answer.splitlines()[0]
    assert "356.00万元" in first and "调整后预算" in first
    assert "单位：万元" in answer.answer and "表头：项目" in answer.answer
    assert any("护林员补助\t320.00\t356.00" in c.text for c in answer.citations)
    rate = service.ask("岚溪林业局护林员补助执行率多少？")
    assert "98.43%" in rate.answer.splitlines()[0]


def test_a_count_is_derived_from_the_listed_items(service):
    # class 6: "几个内设机构" counted from the list the report gives
    answer = service.ask("岚溪林业局有几个内设机构？")
    assert not answer.refused
    assert answer.answer.splitlines()[0].startswith("岚溪县林业局2020年度：共5个")
    assert any("营林股" in c.text and "计财股" in c.text for c in answer.citations)


def test_a_sum_is_shown_as_a_calculation_with_its_sources(service):
    # class 7
    answer = service.ask("岚溪林业局基本支出和项目支出加起来一共多少？")
    assert "486.20万元 + 789.10万元 = 1275.30万元" in answer.answer
    assert _cited(answer, "486.20万元") and _cited(answer, "789.10万元")
    assert unsupported_in(answer.to_dict()) == []


def test_a_planted_figure_never_wins_silently(service):
    # class 8 and issue 12 defect 3: the instruction-like sentence is not the answer, and the
    # disagreement is a warning naming both figures
    answer = service.ask("岚溪县林业局三公经费多少？")
    assert "15.40万元" in answer.answer.splitlines()[0]
    assert "99999" not in answer.answer.splitlines()[0]
    assert any("99999万元" in w and "15.40万元" in w for w in answer.warnings)


def test_a_text_statement_that_disagrees_with_the_table_is_flagged(service):
    # class 8: text 118.80万元 vs the table's 执行数 120.80 — no fact-table pair needed
    answer = service.ask("岚溪林业局苗木采购执行数多少？")
    assert "120.80万元" in answer.answer.splitlines()[0]
    assert any("118.80万元" in w and "120.80万元" in w for w in answer.warnings)


def test_something_the_reports_never_mention_is_refused(service):
    answer = service.ask("岚溪林业局无人机巡护花了多少钱？")
    assert answer.refused


def test_two_reports_counts_are_compared_like_amounts(service):
    # counted things (名/人/辆) across two reports: the difference is a shown calculation
    answer = service.ask("岚溪和枫岭林业局巡山摩托车各多少辆，相差多少？")
    assert not answer.refused
    assert "12辆 − 7辆 = 5辆" in answer.answer
    assert _cited(answer, "12辆") and _cited(answer, "7辆")


def test_a_date_stated_as_the_last_day_answers_a_year_end_question(service):
    # "年底/年末/期末" asks for a figure dated "截至…12月31日"; it states its count (5座), so no
    # list counting is added ("其中新建2座、改造3座" are not three items to count)
    for question in (
        "枫岭林业局年底有几座瞭望塔？",
        "枫岭县林业局期末瞭望塔数量是多少",
    ):
        answer = service.ask(question)
        assert not answer.refused, answer.answer
        assert "5座" in answer.answer.splitlines()[0]
        assert "共3" not in answer.answer and "逐项计数" not in answer.answer
        assert _cited(answer, "5座")


def test_locate_question_that_counts_gets_the_section_and_its_points(service):
    answer = service.ask("枫岭林业局的工作重点写在哪一节？列了几条？")
    assert not answer.refused, answer.answer
    assert "工作重点" in answer.answer
    assert "共列3条" in answer.answer and "3.完善绩效目标" in answer.answer
    assert "落实主体责任" not in answer.answer  # the next sub-section's list is not counted
    cited = " ".join(c.text for c in answer.citations)
    assert "1.加快护林员补助资金拨付进度" in cited and "3.完善绩效目标" in cited


def test_an_indicator_row_answers_with_its_actual_value_when_no_column_is_asked(service):
    # unqualified: the 完成值 column of an indicator table, as 决算 for money tables
    answer = service.ask("岚溪林业局苗木成活率是多少？")
    first = answer.answer.splitlines()[0]
    assert "81%" in first and "85%" not in first, answer.answer


def test_another_part_of_a_programme_does_not_answer_the_asked_part(service):
    # 城市 stated, 农村 asked: refused, and no other sentence answers in its place
    answer = service.ask("枫岭林业局农村社区绿化补助多少？")
    assert answer.refused, answer.answer
    assert "38.60" not in answer.answer.split("最接近")[0]
    stated = service.ask("枫岭林业局城市社区绿化补助多少？")
    assert "38.60万元" in stated.answer.splitlines()[0]
