"""A performance self-evaluation workbook (invented): a form sheet that stacks a money table
and an indicator table under a caption row, and a 三公 sheet. Questions name a column, an
indicator or an item in users' words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "forms"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "forms-index")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "梅溪应急局2023年全年执行数多少",
            "年度资金总额（全年执行数） 884.63万元",
        ),  # the total row
        ("梅溪应急局23年执行率", "年度资金总额（执行率） 96.96%"),  # a column named alone
        ("梅溪应急局23年项目支出全年预算数", "项目支出（全年预算数） 374万元"),
        ("梅溪应急局23年应急演练搞了几次", "开展应急演练次数（实际完成值） 15次"),  # value cells
        ("梅溪应急局23年群众满意度多少", "群众满意度（实际完成值） 93.2%"),
        ("梅溪应急局2023年公务接待费决算", "公务接待费（决算数） 4.1万元"),
    ],
)
def test_form_sheet_questions_lead_with_the_asked_cell(service, question, lead):
    answer = service.ask(question)
    assert lead in answer.answer.split("\n")[0], answer.answer
    assert "单位：万元·" not in answer.answer  # the caption row is no header level
