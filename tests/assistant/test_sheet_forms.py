"""Workbook forms answer by cell: a project sheet's rows are that project's (its 项目名称 row
is their context), a header row stacked inside a sheet's table heads the rows under it (in
answers and in the fact table), and a headcount row under a 万元 sheet carries no money unit.

Real parts: openpyxl writes an invented workbook, Chroma in tmp_path, the real embedding model.
The county, the bureau, the project and every question are our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.rules import unsupported_in


def _workbook(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    whole = book.active
    whole.title = "部门整体自评表"
    whole.append(["2023年度部门整体支出绩效自评表"])
    whole.merge_cells("A1:G1")
    whole.append(["填报单位：青禾县社会保险事业中心"])
    whole.append(["", "", "", "", "", "", "单位：万元"])
    whole.append(["部门资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    rows = [
        ("年度资金总额", 2210.5, 2480.3, 2391.6, 10, 0.9642, 9.64),
        ("基本支出", 640.2, 652.8, 650.1, "—", 0.9959, "—"),
        ("项目支出", 1570.3, 1827.5, 1741.5, "—", 0.9529, "—"),
    ]
    for values in rows:
        whole.append(list(values))
        for cell in whole[whole.max_row][1:4]:
            cell.number_format = "#,##0.00"
        whole[whole.max_row][5].number_format = "0.00%"
    project = book.create_sheet("项目支出绩效自评表")
    project.append(["项目支出绩效自评表"])
    project.merge_cells("A1:H1")
    project.append(["项目名称", "城乡居民养老保险缴费补贴", "", ""])
    project.merge_cells("B2:D2")
    project.append(["", "", "", "", "", "", "", "单位：万元"])
    project.append(
        ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    )
    project.merge_cells("A4:B4")
    funds = [
        ("年度资金总额", 860.0, 912.4, 850.7, 10, 0.9324, 9.32),
        ("其中：财政拨款", 860.0, 900.0, 838.3, "—", 0.9314, "—"),
        ("其他资金", 0, 12.4, 12.4, "—", 1.0, "—"),
    ]
    for values in funds:
        project.append(["", *values])
        for cell in project[project.max_row][2:5]:
            cell.number_format = "#,##0.00"
        project[project.max_row][6].number_format = "0.00%"
    project.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    start = project.max_row + 1
    project.append(["产出指标", "数量指标", "补贴发放人数", "≥15000人", "15862人", 20, 20])
    project.append(["产出指标", "时效指标", "补贴到账及时率", "100%", "98%", 10, 9])
    project.merge_cells(f"A{start}:A{start + 1}")
    project.append(["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "95.3%", 10, 10])
    costs = book.create_sheet("三公经费及人员")
    costs.append(["2023年度“三公”经费及人员情况"])
    costs.merge_cells("A1:D1")
    costs.append(["", "", "", "单位：万元"])
    costs.append(["项目", "预算数", "决算数", "备注"])
    costs.append(["公务接待费", 3.2, 2.75, "接待18批次"])
    costs.append(["公务用车运行维护费", 4.5, 4.12, ""])
    costs.append(["资产总额", "", 913.46, ""])
    costs.append(["人员情况", "编制数", "实有人数", "退休人数"])
    costs.append(["人员情况", "27人", "25人", "9人"])
    for row in costs.iter_rows(min_row=4, max_row=6, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "#,##0.00"
    book.save(path)


def _indicator_docx(path: Path) -> None:
    """A Word report whose indicator table merges its 一级指标 cells down two rows."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("云岭县水利局2023年度部门整体支出绩效自评报告")
    doc.add_paragraph("一、绩效指标完成情况")
    doc.add_paragraph("表1 部门整体绩效指标完成情况表")
    rows = [
        ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"),
        ("产出指标", "数量指标", "新建小型水库数量", "≥3座", "3座", "10", "10"),
        ("", "质量指标", "工程验收合格率", "100%", "97%", "10", "9"),
        ("效益指标", "社会效益指标", "受益灌溉面积", "≥1.2万亩", "1.35万亩", "15", "15"),
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    doc.save(path)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    from tests.conftest import index_folder

    folder = tmp_path_factory.mktemp("sheet-forms-reports")
    _workbook(folder / "青禾县社会保险事业中心2023年度绩效自评表.xlsx")
    (folder / "石滩县社会保险事业中心2023年度部门整体支出绩效自评报告.txt").write_text(
        "石滩县社会保险事业中心2023年度部门整体支出绩效自评报告\n"
        "一、部门基本情况\n"
        "本中心核定事业编制35名，年末实有在职人员33人，退休人员12人。\n"
        "二、预算执行情况\n"
        "2023年度全年预算数1,120.40万元，全年执行数1,096.80万元，预算执行率97.89%。\n",
        encoding="utf-8",
    )
    _indicator_docx(folder / "云岭县水利局2023年度部门整体支出绩效自评报告.docx")
    return index_folder(tmp_path_factory, embeddings, folder, "sheet-forms-index")


def _ask(service, question: str) -> str:
    answer = service.ask(question, use_llm=False)
    assert not answer.refused, answer.answer
    assert unsupported_in(answer.to_dict()) == []
    return answer.answer


@pytest.mark.slow
def test_a_project_sheet_answers_for_its_project_not_the_department(service) -> None:
    text = _ask(service, "青禾县城乡居民养老保险缴费补贴项目执行率多少，得了几分")
    head = text.split("\n")[0]
    assert "93.24%" in head and "9.32" in head
    assert "96.42%" not in head  # the department's rate is another sheet's
    answer = service.ask("青禾县城乡居民养老保险缴费补贴项目执行率多少，得了几分", use_llm=False)
    cited = [c for c in answer.citations if "93.24%" in c.text]
    assert cited and all("项目支出绩效自评表" in c.section for c in cited)  # the sheet


@pytest.mark.slow
def test_a_project_sheet_cell_in_english(service) -> None:
    answer = service.ask(
        "What was the full-year budget of Qinghe's urban and rural pension contribution "
        "subsidy (城乡居民养老保险缴费补贴) project?",
        use_llm=False,
    )
    assert not answer.refused, answer.answer
    assert "912.40" in answer.answer.split("\n")[0]


@pytest.mark.slow
def test_an_indicator_cell_of_the_project_sheet(service) -> None:
    text = _ask(service, "青禾县补贴发放人数实际完成了多少")
    assert "15862人" in text.split("\n")[0]


@pytest.mark.slow
def test_a_headcount_row_stacked_under_a_cost_table_reads_under_its_own_header(service) -> None:
    text = _ask(service, "青禾县社保中心在岗人员有多少")
    head = text.split("\n")[0]
    assert "25人" in head and "27人" not in head
    assert "单位：万元" not in text  # the caption of the cost table above is not this row's


@pytest.mark.slow
def test_stacked_headcounts_are_facts_and_compare_across_counties(service) -> None:
    mine = [r.id for r in service.reports() if "青禾" in r.file]
    facts = {(f.metric, f.value_text) for f in service.catalog.facts(report_ids=mine)}
    assert ("编制数", "27人") in facts and ("在职人数", "25人") in facts
    assert not any(metric == "在职人数" and value == "9人" for metric, value in facts)
    text = _ask(service, "青禾和石滩两个社保中心实有人员差几个人")
    assert "25人" in text and "33人" in text and "8人" in text


@pytest.mark.slow
def test_a_docx_indicator_row_under_a_merged_first_level_cell(service) -> None:
    head = _ask(service, "云岭水利局工程验收合格率实际做到了多少").split("\n")[0]
    assert "97%" in head and "工程验收合格率" in head
    head = _ask(service, "云岭县受益灌溉面积的目标值定的多少").split("\n")[0]
    assert "≥1.2万亩" in head and "受益灌溉面积" in head  # its own label, not 效益指标
