"""The year's own spending total written as a bare table cell under a "单位：万元" caption,
also when a space-aligned table was read as one line, is preferred to the gross 总计 a
sentence states; its citation starts at the caption so the unit is shown."""

from __future__ import annotations

from assistant.own_totals import form_total, stated_own
from assistant.tables import caption_just_above
from index.models import Report, ReportIdentity

TEXT = (
    "收入支出决算总表\n"
    "单位：万元\n"
    "收入项目 决算数 支出项目 决算数财政拨款收入 812.30 一般公共服务支出 640.10\n"
    "本年收入合计 815.90 本年支出合计 806.45年初结转和结余 12.00 年末结转和结余 21.45"
    "总计 827.90 总计 827.90\n"
    "二、收支总体情况\n"
    "2021年度收入总计827.90万元、支出总计827.90万元。\n"
)


def _report(text: str) -> Report:
    identity = ReportIdentity("柘岭县", "统计局", 2021, "部门决算说明")
    return Report("r", "r.txt", "/x/r.txt", "txt", "h", identity, text)


def test_bare_cell_under_a_caption_is_the_own_total():
    found = stated_own(_report(TEXT), "支出", 2021)
    assert [(f.value_text, f.unit) for f in found] == [("806.45", "万元")]


def test_no_unit_without_a_caption_just_above():
    prose = TEXT.replace("单位：万元\n", "本表数据经审计。\n")
    assert stated_own(_report(prose), "支出", 2021) == []
    line = TEXT.index("本年收入合计")
    assert caption_just_above(TEXT, line) == TEXT.index("单位：万元")
    assert caption_just_above(prose, prose.index("本年收入合计")) is None


FORM = (
    "2021年度部门整体支出绩效自评表\n"
    "金额单位：万元\n"
    "预算资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度预算资金总额\t1,204.00\t1,350.50\t1,296.48\t10\t96.00%\t9.60\n"
    "其中：基本支出\t700.00\t712.00\t710.20\t—\t99.75%\t—\n"
)


def test_self_evaluation_form_gives_the_years_spending():
    found = form_total(_report(FORM))
    assert [(f.value_text, f.unit, f.qualifier) for f in found] == [("1,296.48", "万元", "决算")]
    # no caption, no money: nothing
    assert form_total(_report(FORM.replace("金额单位：万元\n", ""))) == []
