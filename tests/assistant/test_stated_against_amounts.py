"""Figures a report states that its own amounts contradict, and figures it states twice
(tests/fixtures/own15, invented: 雾川县档案史志服务中心 2023, 岚溪县档案史志服务中心 2023,
岚溪县供销合作社联合社 2022/2023).

Planted in the fixtures: 岚溪供销社 2023 states 预算执行率96.80% where its amounts give 93.74%,
a 基本支出 share of 71.25% where its amounts give 69.11% (and 71.25% + 30.89% > 100%), and
公务接待费 1.64万元 in the text but 1.46 in the table whose 执行率 73.00% is the table's;
雾川 2023 writes 实际支出452.35万元 in the text and 457.35 in its table's 合计 row.

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own15"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own15-index")


# -- a stated execution rate its amounts do not give --


@pytest.mark.parametrize(
    "question", ["岚溪供销合作社23年预算执行率多少", "岚溪县供销社2023年度的预算执行率是多少？"]
)
def test_a_rate_its_amounts_contradict_is_shown_with_the_calculation(service, question):
    answer = ask_offline(service, question)
    assert answer.answer.splitlines()[0].endswith("预算执行率 96.80%[1]。")
    assert "93.74%" in answer.answer and "3198456.70元" in answer.answer
    assert any("不一致" in w for w in answer.warnings)


def test_a_rate_its_own_sentence_gives_is_not_doubted(service):
    """雾川's 96.08% is its sentence's 452.35 ÷ 470.80: not contradicted by the table's 457.35."""
    answer = ask_offline(service, "雾川档案中心支出决算是多少")
    assert "96.08%" not in " ".join(answer.warnings)


def test_a_compared_rate_carries_its_check_into_the_answer(service):
    text = last_answer(service, ["岚溪供销社23年和雾川档案中心的预算执行率谁高"])
    assert "注意：" in text and "93.74%" in text


# -- a rate under each of two statements of its amount --


def test_a_cost_stated_twice_gives_the_rate_under_each(service):
    answer = ask_offline(service, "岚溪供销社23年公务接待费执行率是多少")
    assert "73.00%" in answer.answer.splitlines()[0]
    assert "82.00%" in answer.answer and "1.64万元" in answer.answer
    assert sum("1.64万元" in w for w in answer.warnings) == 1  # told once, not twice


# -- a stated share: checked against its amounts, the whole leading the sentence --


def test_a_share_its_amounts_contradict_is_recomputed(service):
    answer = ask_offline(service, "岚溪县供销社2023年基本支出占支出决算的比重")
    assert "71.25%" in answer.answer and "69.11%" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "岚溪供销社23年基本和项目支出的占比加起来超过100%了吗",
        "岚溪供销社23年基本支出和项目支出占比相加是否过百",
    ],
)
def test_two_shares_above_the_whole_are_added_up(service, question):
    answer = ask_offline(service, question)
    assert "102.14%" in answer.answer


def test_items_sharing_one_head_are_both_read(service):
    lead = ask_offline(service, "岚溪供销社23年基本和项目支出各多少").answer.splitlines()[0]
    assert "基本支出 2210345.10元" in lead and "项目支出 988111.60元" in lead


# -- two sentences alike about two items are no conflict --


def test_parts_written_alike_are_not_one_figure_twice(service):
    answer = ask_offline(service, "雾川档案中心23年花了多少钱？")
    assert "452.35万元" in answer.answer.splitlines()[0]
    assert not any("两处表述不一致" in w for w in answer.warnings), answer.warnings


# -- a total row under parts of one metric is that metric's total --


def test_a_bare_total_row_totals_the_parts_above_it(service):
    rows = service.facts(county="雾川县", metric="支出")
    assert {(r.fact.qualifier, r.fact.value_text) for r in rows} >= {
        ("决算", "457.35"),
        ("执行率", "97.14%"),
    }


# -- a body named by its name without 联合社; a figure as exactly as the report writes it --


@pytest.mark.parametrize(
    "question",
    ["岚溪县供销合作社2023年自评得分", "How did the Lanxi co-op score itself in 2023?"],
)
def test_a_cooperative_union_goes_by_its_shorter_names(service, question):
    answer = ask_offline(service, question)
    assert "91.2分" in answer.answer


def test_a_compared_total_is_shown_as_precisely_as_written(service):
    text = last_answer(service, ["岚溪供销社收入22年到23年涨了多少"])
    assert "3256789.40元" in text and "242789.40元" in text and "8.06%" in text


# -- a figure of another kind or measure than the one asked is no answer --


@pytest.mark.parametrize(
    "question",
    [
        "雾川档案中心23年档案查阅利用花了多少钱",
        "How much did the Wuchuan archives centre spend on archive consultations in 2023?",
    ],
)
def test_a_count_in_another_measure_or_for_money_is_refused(service, question):
    answer = ask_offline(service, question, refused=True)
    assert "3420" not in answer.answer and "120万页" not in answer.answer


@pytest.mark.parametrize(
    "question, figure",
    [
        ("岚溪档案中心有几台车", "1辆"),
        ("岚溪档案中心23年接待了多少人次", "64人次"),
    ],
)
def test_a_count_in_a_kindred_measure_answers(service, question, figure):
    assert figure in ask_offline(service, question).answer.splitlines()[0]


@pytest.mark.parametrize(
    "question, figure, wrong",
    [
        ("档案中心的公车平台共有几辆车", "4862车次", True),
        ("科普活动有多少人参加", "8.6万人次", False),  # 万 scales the count, not its measure
        ("接待了多少批", "34批次", False),
        ("有几个站点", "28站", False),  # 个 counts anything
        ("办了多少场活动，多少人参加", "126场", False),  # each measure asked counts
    ],
)
def test_a_count_is_read_by_its_measure_word(question, figure, wrong):
    from assistant.answerable import wrong_kind

    assert wrong_kind(question, figure) is wrong
