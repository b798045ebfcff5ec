"""A detail the question asks that the quote lacks or contradicts (absent_detail): an invented
report under tests/fixtures/absent10."""

from pathlib import Path

from assistant import absent_detail

REPORT = (Path(__file__).parents[1] / "fixtures" / "absent10" / "qinghe_hbj_2023.txt").read_text(
    encoding="utf-8"
)
SPLIT = next(line for line in REPORT.splitlines() if "县级财政资金" in line)
CENSUS = next(line for line in REPORT.splitlines() if "普查" in line)
USES = next(line for line in REPORT.splitlines() if line.startswith("公用经费"))
RUNNING = next(line for line in REPORT.splitlines() if "机关运行经费" in line)


def test_level_the_report_never_names_is_absent():
    asked = "清河环保局垃圾清运项目省里给了多少省级补助"
    assert absent_detail.absent_level(asked, REPORT, SPLIT) == "省级补助"
    assert absent_detail.level_not_in(asked, REPORT)


def test_level_the_report_names_is_answered():
    for asked in ("清河环保局垃圾清运市级补助多少", "清河环保局清运项目县级资金多少"):
        assert absent_detail.absent_level(asked, REPORT, SPLIT) is None
        assert not absent_detail.level_not_in(asked, REPORT)


def test_other_ordinal_is_not_the_asked_one():
    asked = "清河环保局第一次污染源普查花了多少"
    assert absent_detail.other_ordinal(asked, CENSUS) == "第一次污染源普查"
    assert absent_detail.other_ordinal("清河环保局第二次污染源普查经费多少", CENSUS) is None


def test_item_named_only_as_a_cause_or_component_has_no_figure():
    assert (
        absent_detail.reason_only("清河环保局培训费开支多少", (), RUNNING, "36.20万元") == "培训费"
    )
    assert absent_detail.reason_only("清河环保局邮电费用了多少", (), USES, "36.20万元") == "邮电费"
    assert (
        absent_detail.reason_only("清河环保局会议费开支是多少", (), RUNNING, "36.20万元")
        == "会议费"
    )


def test_item_with_its_own_figure_is_answered():
    assert absent_detail.reason_only("清河环保局机关运行经费多少", (), RUNNING, "36.20万元") is None
    assert absent_detail.reason_only("清河环保局公用经费多少", (), USES, "36.20万元") is None
    assert absent_detail.reason_only("清河环保局为什么压减培训费", (), RUNNING, "36.20万元") is None


def test_abbreviated_label_and_name_tail_are_not_cause_items():
    shown = "本年度彩票公益金安排支出30.00万元，用于助残公益金支出"
    assert absent_detail.reason_only("清河环保局公益金支出多少", (), shown, "30.00万元") is None
    shown = "接待费预算6.00万元，实际支出4.20万元，共接待12批次"
    assert (
        absent_detail.reason_only("清河环保局接待费，实际支出是多少元？", (), shown, "4.20万元")
        is None
    )


def test_count_question_is_left_to_the_count_checks():
    assert (
        absent_detail.reason_only("清河环保局培训费培训了多少人", (), RUNNING, "36.20万元") is None
    )
