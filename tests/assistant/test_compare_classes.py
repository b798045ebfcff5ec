"""Single-question comparisons and rankings, one test per class of question, over invented
reports (tests/fixtures/cmp6: 岚皋县林业局 2022 and 2023, 黎平县林业局 2023; every figure made up):

- 收入/支出 asked bare means the year's own total (本年支出, 决算支出总额), not 支出总计;
- two bodies named with no year: each body's latest report, and the difference;
- a share compared across reports is compared as shares, not amounts;
- "22、23年", "两年的…有什么变化": a two-year comparison with the change;
- a ranking of every report by its score in whatever form the report writes it;
- one report's table with a column per year answers a two-year comparison;
- a change across 元 and 万元 in 万元 (the 元 amount beside it) with its rate;
- a counted thing with a verb ("哪个县搞得多", "多搞了几场") compared by its count, and an
  indicator row's rate taken from its achieved value, never its target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.own_totals import is_gross, stated_own
from assistant.stated_scores import stated_score
from assistant.understanding import _find_years
from index.models import FactRecord, Report, ReportIdentity
from tests.conftest import index_folder
from tests.conftest import last_answer as _last

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cmp6"


def _report(text: str, year: int = 2023) -> Report:
    return Report(
        id="r",
        file="r.txt",
        path="r.txt",
        format="txt",
        content_hash="h",
        identity=ReportIdentity(county="清水县", department="民政局", year=year),
        text=text,
    )


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("民政局21、22年的公用经费有变化吗", [2021, 2022]),
        ("21和22年哪年项目支出多", [2021, 2022]),
        ("21至23年", [2021, 2023]),
        ("买了12、13个", []),
    ],
)
def test_two_short_years_sharing_one_年_are_both_read(question, years):
    assert _find_years(question)[0] == years


def test_the_years_own_total_is_read_from_its_sentence_not_the_gross_one():
    text = (
        "一、总体情况\n2023年收入总计880.50万元，其中本年收入842.10万元、年初结转38.40万元；"
        "支出总计880.50万元，其中本年支出815.25万元。政府采购支出总额96.30万元。\n"
        "上年本年支出合计790.00万元。"
    )
    report = _report(text)
    spent = stated_own(report, "支出", 2023)
    assert [f.value_text for f in spent] == ["815.25万元"]  # not 采购, not last year's
    assert [f.value_text for f in stated_own(report, "收入", 2023)] == ["842.10万元"]
    start = text.index("支出总计")
    gross = FactRecord("r", "支出", None, "880.50万元", "万元", "880.50", "8805000", 2023,
                       start, start + 12)  # fmt: skip
    assert is_gross(report, gross)
    assert not is_gross(report, spent[0])


def test_a_score_tables_total_row_is_the_reports_score():
    text = (
        "四、绩效指标\n一级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t培训人次\t≥300人次\t320人次\t40\t40\n"
        "总分\t\t\t\t100\t87.25\n"
    )
    found = stated_score(_report(text))
    assert found is not None and found.value == "87.25"
    assert text[found.start : found.end].startswith("总分")


# ---------------------------------------------------------------- over a real index
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "cmp6-index")


@pytest.mark.slow
def test_spending_asked_bare_is_each_years_own_total(service):
    text = _last(service, ["两个县林业局2023年的支出比一比"])
    assert "31056782.45元" in text and "2650.80万元" in text  # 本年支出合计, 决算支出总额
    assert "32458910.20" not in text  # 支出总计 includes the carry-over
    assert "多454.88万元" in text


@pytest.mark.slow
def test_two_bodies_with_no_year_are_each_taken_at_their_latest_report(service):
    text = _last(service, ["两家林业局公用经费差多少"])
    assert "88.60万元" in text and "75.25万元" in text
    assert "96.40" not in text  # 岚皋's older report stays out
    assert "多13.35万元" in text


@pytest.mark.slow
def test_a_share_is_compared_as_shares(service):
    text = _last(service, ["岚皋和黎平林业局23年基本支出占支出的比重哪个高"])
    assert "27.23%" in text  # 845.60万元 ÷ 31056782.45元, calculated
    assert "26.49%" in text  # stated by the report
    assert "0.74个百分点" in text
    assert "143.45" not in text  # never the gap between the amounts


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figures", "change"),
    [
        ("岚皋林业局22、23年在职人员有变化吗", ("43人", "41人"), "增加2人"),
        ("岚皋林业局两年的自评得分有什么变化", ("91.20分", "88.5分"), "增加2.70分"),
    ],
)
def test_a_year_list_or_two_years_is_a_two_year_change(service, question, figures, change):
    text = _last(service, [question])
    assert all(f in text for f in figures) and change in text


@pytest.mark.slow
def test_a_ranking_takes_every_reports_score_in_its_own_form(service):
    text = _last(service, ["把这几份报告按自评分从高到低排一下"])
    first, second, third = (text.index(s) for s in ("93.5分", "91.20", "88.5分"))
    assert first < second < third  # 综合得分 sentence, a table's 总分 row, 自评得分 sentence


@pytest.mark.slow
def test_one_reports_year_columns_answer_a_two_year_change(service):
    text = _last(service, ["黎平林业局三公经费2023年比2022年少了多少"])
    assert "10.35万元" in text and "12.60万元" in text
    assert "减少2.25万元" in text and "下降17.86%" in text


@pytest.mark.slow
def test_a_change_across_元_and_万元_is_told_in_万元_with_its_rate(service):
    text = _last(service, ["岚皋林业局23年比22年支出多了多少"])
    assert "增加215.06万元" in text and "2150582.45元" in text
    assert "增长7.44%" in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "difference"),
    [
        ("2023年森林防火宣传下乡哪个县搞得多，岚皋还是黎平", "42场 − 39场 = 3场"),
        ("岚皋森林防火宣传下乡23年比22年多搞了几场", "42场 − 36场 = 6场"),
    ],
)
def test_a_counted_thing_is_compared_by_its_count(service, question, difference):
    text = _last(service, [question])
    assert difference in text
    assert "场均成本 " not in text.split("\n")[0]  # the lead is no cost per show


@pytest.mark.slow
def test_an_indicator_rows_rate_is_its_achieved_value(service):
    text = _last(service, ["2023年岚皋林业局的预算执行率和黎平比谁高"])
    lead = text.split("\n")[0]
    assert "96.30%" in lead and "≥95%" not in lead
