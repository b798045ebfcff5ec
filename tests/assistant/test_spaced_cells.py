"""Cells of a space-aligned plain-text report read as tables (tables10), from one invented
report (tests/fixtures/tables10): a row's 预算数 and 决算数 under a caption that carries the
unit; a side-by-side 总表 row's right-hand cell; two names asked at once whose words hold "和"
("年初结转和结余、年末结转和结余各多少") are two items, not the parts of one; a share of 支出
divides by the year's own total (本年支出合计), never by the 总计 line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable, year_total
from tests.conftest import last_answer

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "tables10"


def test_parallel_names_with_and_are_not_one_figures_parts():
    shown = "年初结转和结余：决算数 10.00万元、支出项目 年末结转和结余、决算数 24.75万元"
    question = "档案馆年初结转和结余、年末结转和结余分别多少"
    assert answerable.joined_parts(question, shown, "24.75万元") is None
    merged = "追加中央和省级补助资金后，调整预算为86.00万元"
    assert answerable.joined_parts("中央和省级资金各多少", merged, "86.00万元") == "中央和省级各自"


def test_the_side_a_share_divides():
    assert year_total.side_asked("支出里教育支出占多少") == "支出"
    assert year_total.side_asked("档案馆支出中教育支出占多少") == "支出"
    assert year_total.side_asked("收入中其他收入占多少") == "收入"
    assert year_total.side_asked("项目支出中工程类占多少") is None  # an item, not the side
    assert year_total.side_asked("人员经费占基本支出的比例") is None
    assert year_total.grand_total("总计（决算数）") and year_total.grand_total("支出·总计")
    assert not year_total.grand_total("本年支出合计")


def test_the_years_own_total_is_read_in_its_tables_unit():
    text = (
        "收支决算总表\n单位：万元\n本年收入合计\t386.20\t本年支出合计\t371.45\n"
        "总计\t396.20\t总计\t396.20"
    )
    found = year_total.year_total("支出中教育支出占多少", text)
    assert found is not None and found[0].raw.startswith("371.45") and found[0].unit == "万元"
    assert text[found[1] : found[2]] == "371.45"


@pytest.mark.slow
class TestSpacedReport:
    @pytest.fixture(scope="class")
    def service(self, tmp_path_factory, embeddings, chroma_settings):
        from tests.conftest import index_folder

        return index_folder(
            tmp_path_factory, embeddings, REPORTS, "tables10-index", **chroma_settings()
        )

    def test_a_rows_budget_and_final_cells(self, service):
        answer = last_answer(
            service, ["梧桐档案馆三公经费决算表中公务用车运行维护费的预算数和决算数分别是多少"]
        )
        assert "公务用车运行维护费 预算数 2.40万元、决算数 2.05万元" in answer.splitlines()[0]

    def test_a_right_hand_cell_of_a_short_row(self, service):
        answer = last_answer(service, ["梧桐县档案馆收支总表里卫生健康支出多少"])
        assert "卫生健康支出（决算数） 14.52万元" in answer.splitlines()[0]

    def test_two_names_asked_at_once_are_both_given(self, service):
        answer = last_answer(service, ["梧桐县档案馆年初结转和结余、年末结转和结余分别多少"])
        assert "10.00万元" in answer and "24.75万元" in answer
        assert "各自" not in answer

    def test_a_share_of_spending_after_the_grand_total(self, service):
        answer = last_answer(
            service, ["梧桐县档案馆收支总计是多少", "支出里一般公共服务支出占多少"]
        )
        assert "298.16万元 ÷ 371.45万元 = 80.27%" in answer
        assert "÷ 396.20万元" not in answer

    def test_a_share_of_spending_asked_in_one_question(self, service):
        answer = last_answer(service, ["梧桐县档案馆支出中社会保障和就业支出占多少"])
        assert "41.37万元 ÷ 371.45万元 = 11.14%" in answer
