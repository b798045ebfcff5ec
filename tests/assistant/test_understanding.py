"""Question understanding against a literal catalogue of indexed identities (no model)."""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from assistant.understanding import Catalogue, county_aliases, department_matches, understand
from index.models import ReportIdentity as R

CAT = Catalogue(
    (
        R("青山县", "科技和工业信息化局", 2022),
        R("白水县", "科技和工业信息化局", 2023),
        R("云岭瑶族自治县", "交通运输局", 2023),
        R("东湖区", "民政局", 2023),
        R("清河县", "卫生健康局", 2022),
        R("清河县", "卫生健康局", 2023),
    )
)


@pytest.mark.parametrize(
    ("question", "counties", "departments", "years"),
    [
        ("青山科工局22年公务接待了几批", ("青山县",), ("科技和工业信息化局",), (2022,)),
        ("云岭县交通局2023年三公经费", ("云岭瑶族自治县",), ("交通运输局",), (2023,)),
        ("清河卫健局2022年度人员经费", ("清河县",), ("卫生健康局",), (2022,)),
        ("东湖区民政局2023年支出", ("东湖区",), ("民政局",), (2023,)),
        ("2023年三公经费花了多少", (), (), (2023,)),
    ],
)
def test_names_and_years_resolve(question, counties, departments, years):
    query = understand(question, CAT)
    assert (query.counties, query.departments, query.years) == (counties, departments, years)
    assert query.unknown == ()


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("桂阳县2023年三公经费是多少？", "桂阳县"),
        ("清河县人民医院2022年的三公经费", "人民医院"),
        ("东湖区民政局2024年三公经费预算", "2024"),
    ],
)
def test_unindexed_names_are_reported_not_ignored(question, unknown):
    assert unknown in understand(question, CAT).unknown


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("青山报告哪一段讲了5G基站建设？", "locate"),
        ("哪个县的三公经费更多？", "compare"),
        ("清河县卫健局2023年比2022年人员经费增加了多少？", "compare"),
        ("白水县科工局编制多少名", "number"),
    ],
)
def test_intent(question, intent):
    assert understand(question, CAT).intent == intent


def test_multi_part_question_gets_one_topic_per_part():
    query = understand("青山县科工局编制多少名，在职多少人？", CAT)
    assert query.topics == ("编制", "在职")


def test_english_question_is_detected_and_filler_dropped():
    query = understand("How much was 白水县's 三公经费 in 2023?", CAT)
    assert query.language == "en" and query.topic == "三公经费"
    assert query.counties == ("白水县",) and query.years == (2023,)


def test_aliases_and_abbreviations():
    assert {"云岭瑶族自治县", "云岭县", "云岭"} <= set(county_aliases("云岭瑶族自治县"))
    assert department_matches("科工局", "科技和工业信息化局")
    assert department_matches("卫健局", "卫生健康局")
    assert not department_matches("财政局", "科技和工业信息化局")


def test_follow_up_keeps_unchanged_slots_and_drops_a_missing_year():
    talk = Conversation()
    first, _ = talk.resolve(understand("青山县2022年三公经费是多少", CAT), CAT)
    talk.remember("…", first)
    follow, notes = talk.resolve(understand("那白水呢？", CAT), CAT)
    assert follow.counties == ("白水县",) and follow.topic == "三公经费"
    assert follow.years == () and "没有2022年度" in notes[0]
    talk.remember("…", follow)
    metric, _ = talk.resolve(understand("公用经费呢？", CAT), CAT)
    assert metric.counties == ("白水县",) and metric.topic == "公用经费"
    talk.remember("…", metric)
    both, _ = talk.resolve(understand("和青山比呢？", CAT), CAT)
    assert both.counties == ("白水县", "青山县") and both.intent == "compare"


def test_narrowing_follow_up_keeps_the_old_topic_as_context():
    talk = Conversation()
    first, _ = talk.resolve(understand("清河县卫健局2023年公务接待费多少", CAT), CAT)
    talk.remember("…", first)
    narrowed, _ = talk.resolve(understand("那批次和人次呢？", CAT), CAT)
    assert "公务接待费" in narrowed.context and "批次" in narrowed.topic
    assert narrowed.years == (2023,)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What was 青山县's 2022 self-evaluation score?", "自评得分"),
        ("and personnel expenses?", "人员经费"),
        ("How many official receptions did 白水县 have?", "公务接待费"),
    ],
)
def test_english_metric_phrases_map_to_report_terms(question, topic):
    query = understand(question, CAT)
    assert query.language == "en" and topic in query.topic
