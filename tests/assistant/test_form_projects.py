"""Project self-evaluation forms in a workbook (one sheet per project): a project's money row
asked in words, its executed amount against an earlier year's 决算说明 sentence, which project
scored higher, which indicators lost marks and why, and a form whose 执行率 does not match its
own amounts.

Real parts: the invented reports of tests/fixtures/forms10 (a county, a bureau and projects of
our own), Chroma in tmp_path, the real embedding model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "forms10"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    from tests.conftest import index_folder

    return index_folder(tmp_path_factory, embeddings, FIXTURES, "forms10-index")


def _ask(service, question: str) -> str:
    from tests.conftest import ask_offline

    return ask_offline(service, question).answer


@pytest.mark.slow
def test_a_projects_money_row_reads_under_the_forms_real_header(service) -> None:
    text = _ask(service, "湖川县河道保洁经费2023年全年预算数是多少")
    head = text.split("\n")[0]
    assert "136.50万元" in head
    assert "128.70万元" in _ask(service, "湖川县河道保洁经费2023年全年执行了多少").split("\n")[0]
    assert "表头：项目名称" not in text and "河道保洁经费·" not in text


@pytest.mark.slow
def test_a_projects_spending_against_the_year_before(service) -> None:
    text = _ask(service, "湖川县河道保洁经费去年和今年相比花的钱变了多少，2022年和2023年")
    assert "117.90万元" in text and "128.70万元" in text
    assert "10.80万元" in text  # 128.70 − 117.90


@pytest.mark.slow
def test_which_project_form_scored_higher(service) -> None:
    text = _ask(service, "湖川县水务局2023年两个项目的自评谁的分数更高")
    assert "97.43" in text and "96.16" in text
    assert "最高的是湖川县河道保洁经费" in text and "1.27分" in text


@pytest.mark.slow
def test_the_indicators_that_lost_marks_and_why(service) -> None:
    from assistant.conversation import Conversation

    chat = Conversation()
    first = service.ask("湖川县防汛物资储备项目2023年有哪些指标被扣分", chat, use_llm=False)
    second = service.ask("为什么", chat, use_llm=False)
    assert "物资抽检合格率" in first.answer and "扣3分" in first.answer
    assert "垃圾日清率" not in first.answer  # the other project's form
    assert "浮力不达标" in second.answer and "95%" in second.answer


@pytest.mark.slow
def test_a_forms_rate_that_its_amounts_do_not_give(service) -> None:
    text = _ask(service, "湖川县防汛物资储备经费执行率是多少")
    assert "91.56%" in text
    assert "86.41%" in text and "不一致" in text  # 55.30 ÷ 64.00
