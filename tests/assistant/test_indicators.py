""" "哪些指标没完成": missed indicators from table rows and sentences (literal text)."""

from __future__ import annotations

from assistant.conversation import Conversation
from assistant.indicators import asks_unmet, missed_rows, missed_sentences
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity

TABLE = "\n".join(
    [
        "部门整体支出绩效评价指标表",
        "一级指标\t三级指标\t指标值\t实际完成值\t得分",
        "产出指标\t新建农田面积\t≥1万亩\t1.2万亩\t10",
        "产出指标\t农技培训覆盖率\t≥90%\t86.5%\t6",
        "效益指标\t投诉率\t≤5%\t7.2%\t4",
        "效益指标\t满意度\t≥90%\t95.1%\t10",
        "合计\t\t\t\t30",
        "全年完成1260户，未完成年度1500户的目标。其他指标均已完成。",
    ]
)


def test_question_forms():
    assert asks_unmet("哪些指标没完成？")
    assert asks_unmet("有哪几项目标未达到")
    assert not asks_unmet("指标完成得怎么样")


def test_rows_on_the_wrong_side_of_their_bound():
    rows = missed_rows(TABLE)
    assert [r.label for r in rows] == ["农技培训覆盖率", "投诉率"]
    assert rows[0].shown == "农技培训覆盖率：指标值 ≥90%、实际完成值 86.5%、得分 6"
    assert all(TABLE[r.start : r.end].startswith(("产出指标", "效益指标")) for r in rows)


def test_sentences_that_say_not_met():
    (sentence,) = missed_sentences(TABLE)
    assert sentence.shown == "全年完成1260户，未完成年度1500户的目标"
    assert TABLE[sentence.start : sentence.end].startswith("全年完成1260户")


def test_follow_up_refers_back_to_the_listed_indicators():
    catalogue = Catalogue(
        (ReportIdentity("青山县", "农业农村局", 2022), ReportIdentity("青山县", "农业农村局", 2023))
    )
    talk = Conversation()
    first, _ = talk.resolve(understand("青山县2022年哪些指标没完成？", catalogue), catalogue)
    talk.remember("…", first)
    talk.subjects = ("农技培训覆盖率", "投诉率")
    follow, _ = talk.resolve(understand("2023年这两个指标呢？", catalogue), catalogue)
    assert follow.topics == ("农技培训覆盖率", "投诉率") and follow.years == (2023,)
    assert follow.counties == ("青山县",)
