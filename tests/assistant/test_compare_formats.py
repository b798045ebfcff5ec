"""Comparisons and follow-ups across report formats and units: an xlsx workbook (万元, merged
titles, “三公”经费合计 and 公务用车保有量（辆） rows), a docx report with headings and tables
(万元) and a Markdown report of the previous year (元 with thousands separators). Fixture
reports are written by tests/fixtures/cmp5/build.py (invented figures)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from assistant.conversation import Conversation
from assistant.tables import cell_text
from assistant.understanding import Catalogue, understand
from evaluation.rules import unsupported_in
from index.facts import bracketed_unit, extract_facts, row_label
from index.models import NormalisedText, ReportIdentity
from tests.conftest import index_folder
from tests.conftest import last_answer as _last

BUILD = Path(__file__).resolve().parents[1] / "fixtures" / "cmp5" / "build.py"


def _builder():
    spec = importlib.util.spec_from_file_location("cmp5_build", BUILD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("label", "metric"),
    [
        ("“三公”经费合计", "三公经费"),
        ("三公经费总计", "三公经费"),
        ("其中：公务接待费小计", "公务接待费"),
        ("收入合计", "收入"),
    ],
)
def test_a_total_row_of_a_named_metric_is_that_metric(label, metric):
    found, unit = row_label(label)
    assert found is not None and found.name == metric and unit is None


def test_a_bracketed_unit_in_a_row_label_is_its_figures_unit():
    found, unit = row_label("公务用车保有量（辆）")
    assert found is not None and found.name == "公务用车保有量" and unit == "辆"
    assert bracketed_unit("公务接待费(万元)") == "万元"
    assert row_label("公务接待费（辆）")[1] is None  # a unit the metric cannot take is not its own
    assert row_label("合计")[0] is None  # a bare total names nothing without a caption subject


def test_a_cell_under_a_money_caption_keeps_its_rows_own_unit():
    assert cell_text("决算数", "9", "万元", "公务用车保有量（辆）") == "9辆"
    assert cell_text("决算数", "12.38", "万元", "公务用车运行维护费") == "12.38万元"
    assert cell_text("执行率", "96.00%", "万元", "公务用车保有量（辆）") == "96.00%"


_CATALOGUE = Catalogue(
    (
        ReportIdentity(county="青溪县", department="文化广电和旅游局", year=2022),
        ReportIdentity(county="青溪县", department="文化广电和旅游局", year=2023),
        ReportIdentity(county="白沙县", department="文化和旅游局", year=2023),
    )
)


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("青溪2022年跟白沙2023年的公务接待费相比哪个高", {("青溪县", 2022), ("白沙县", 2023)}),
        ("2022年的青溪县对比2023年的白沙县，项目支出", {("青溪县", 2022), ("白沙县", 2023)}),
        (
            "白沙县23年与青溪县2022、2023年自评得分排名",
            {("白沙县", 2023), ("青溪县", 2022), ("青溪县", 2023)},
        ),
    ],
)
def test_each_county_keeps_the_year_written_beside_it(question, sides):
    query = understand(question, _CATALOGUE)
    assert {(county, year) for county, _, year in query.sides} == sides


@pytest.mark.parametrize(
    "question",
    ["青溪县和白沙县2023年三公经费谁多", "2023年青溪与白沙的收入", "青溪县2022年和2023年支出"],
)
def test_years_shared_by_every_county_make_no_sides(question):
    assert understand(question, _CATALOGUE).sides == ()


# ---------------------------------------------------------------- over an index (slow)
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    folder = tmp_path_factory.mktemp("cmp5-reports")
    _builder().write_all(folder)
    return index_folder(tmp_path_factory, embeddings, folder, "cmp5-index")


@pytest.mark.slow
def test_the_workbooks_total_row_meets_the_docx_text_in_one_unit(service):
    text = _last(service, ["青溪和白沙两地文旅部门2023年“三公”经费，哪家花得多"])
    assert "18.64万元" in text and "15.37万元" in text
    assert re.search(r"较多的是青溪县|青溪县\S*较多", text)  # the larger named
    assert "3.27万元" in text


@pytest.mark.slow
def test_vehicles_in_a_bracketed_row_are_counted_not_money(service):
    text = _last(service, ["白沙县文旅局2023年公务用车保有量是多少", "青溪县的呢"])
    assert "9辆" in text and "9万元" not in text
    text = _last(service, ["which bureau held more official vehicles in 2023, 青溪县 or 白沙县?"])
    assert "9辆" in text and "7辆" in text


@pytest.mark.slow
def test_a_county_and_year_pair_compares_yuan_with_wan_yuan(service):
    text = _last(service, ["青溪县22年与白沙县23年的公务接待费差了多少"])
    assert "72360.00元" in text and "4.21万元" in text and "30260.00元" in text
    assert "6.26" not in text  # 青溪县 2023 was not asked


@pytest.mark.slow
def test_ranking_three_reports_in_two_units(service):
    text = _last(service, ["按项目支出从高到低排一下：白沙县2023年、青溪县2022年、青溪县2023年"])
    order = [text.index(s) for s in ("618.65万元", "575.55万元", "5096157.30元")]
    assert order == sorted(order)


def _facts_of(rows: list[tuple[str, ...]], title: str) -> list:
    norm = NormalisedText.from_lines([title, "单位：万元", *rows])
    return extract_facts("r", norm, 2024)


_FORM = [
    ("资金情况", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "500", "520", "497.6", "10", "95.69%", "9.5"),
    ("总分", "", "", "", "", "100", "88.5"),
]


def test_a_department_forms_total_score_and_funds_rate_are_facts():
    facts = {f.metric: f for f in _facts_of(_FORM, "2024年度部门整体支出绩效自评表")}
    assert facts["自评得分"].value == "88.5" and facts["自评得分"].unit == "分"
    assert facts["预算执行率"].value == "95.69"


def test_a_project_forms_total_score_is_not_the_departments():
    metrics = {f.metric for f in _facts_of(_FORM, "2024年度项目支出绩效自评表")}
    assert "自评得分" not in metrics and "预算执行率" not in metrics


@pytest.mark.slow
def test_the_workbooks_form_meets_the_docx_text_on_score_and_rate(service):
    text = _last(service, ["2023年白沙、青溪两个文旅局的自评得分排个序"])
    assert text.index("93.5") < text.index("91.8") and "9.2" not in text  # not a project's
    text = _last(service, ["白沙县文旅局2023年预算执行率", "和青溪县比呢"])
    assert "96.26%" in text and "96.00%" in text and "0.26个百分点" in text


@pytest.mark.slow
def test_a_total_row_of_another_metric_is_not_the_asked_total(service):
    text = _last(service, ["青溪县、白沙县2023年部门支出合计相差多少"])
    assert "1431.09" in text and "18.64" not in text


@pytest.mark.slow
def test_a_change_on_last_year_takes_the_previous_years_report(service):
    text = _last(service, ["青溪县文旅局2023年公务接待费同比增加了多少"])
    assert "6.26万元" in text and "72" in text and "9760.00元" in text


@pytest.mark.slow
def test_a_header_unit_cell_is_cited_with_a_sentence_stating_its_unit(service):
    conversation = Conversation()
    answer = service.ask("青溪县22年与白沙县23年的公务接待费差了多少", conversation, use_llm=False)
    assert "30260.00元" in answer.answer
    assert unsupported_in(answer.to_dict()) == []


def test_head_counts_under_columns_naming_them_are_facts():
    norm = NormalisedText.from_lines(
        [("人员情况", "核定编制", "实有人数", "离退休人数"), ("人员情况", "57人", "52人", "18人")]
    )
    facts = {f.metric: f.value for f in extract_facts("r", norm, 2024)}
    assert facts == {"编制数": "57", "在职人数": "52"}
    earlier = NormalisedText.from_lines([("年度", "编制数", "在职人数"), ("2023年", "57", "50")])
    assert extract_facts("r", earlier, 2024) == []  # a row of another year


def test_head_counts_under_a_label_row_inside_a_money_table_are_facts():
    norm = NormalisedText.from_lines(
        [
            "单位：万元",
            ("项目", "预算数", "决算数"),
            ("公务接待费", "5.00", "3.52"),
            ("人员情况", "编制数", "实有人数", "退休人数"),
            ("人员情况", "41人", "39人", "22人"),
        ]
    )
    facts = {(f.metric, f.value) for f in extract_facts("r", norm, 2024)}
    assert {("编制数", "41"), ("在职人数", "39")} <= facts
    assert not any(metric == "编制数" and value != "41" for metric, value in facts)
