"""Parts, columns and residual items read from one invented report (tests/fixtures/cells9):
"其他项目支出" is not 项目支出; a share asked after a part's follow-up divides by the item's own
total; a part asked within an item ("公车运维费里油费") that the report never splits out is
refused with the nearest passage, never given as the part; a part the quote does write gets its
own figure; a budget asked where only the actual is stated says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable
from assistant.compose import lead_figure
from assistant.evidence import make_topics
from tests.conftest import last_answer

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "cells9"

PROJECTS = (
    "项目支出中，公共文化服务体系建设612.40万元，乡村旅游推广258.90万元，"
    "非遗保护传承187.60万元，其他项目支出225.20万元"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    from tests.conftest import index_folder

    return index_folder(tmp_path_factory, embeddings, REPORTS, "cells9-index", **chroma_settings())


def test_other_items_spending_is_not_the_item_itself():
    (topic,) = make_topics("项目支出", "项目支出多少")
    picked = lead_figure(PROJECTS, topic)
    assert picked is None or picked[1] != "225.20万元"


def test_a_part_within_an_item_is_read_from_its_own_words():
    assert answerable.part_figure("项目支出中非遗保护传承花了多少", PROJECTS) == (
        "非遗保护传承",
        "187.60万元",
    )
    quote = (
        "政府采购合同金额318.60万元，其中：政府采购货物支出96.40万元、政府采购服务支出222.20万元"
    )
    assert answerable.part_figure("政府采购里服务类用了多少", quote) == ("服务", "222.20万元")
    assert answerable.part_figure("采购里货物和服务各多少", quote) is None  # two parts asked


def test_a_part_the_quote_never_names_is_not_answered_by_the_whole():
    (topic,) = make_topics("公车 运维费 油费", "公车运维费里光油费多少")
    quote = "公务用车运行维护费6.35万元，主要用于下乡演出保障车辆的燃料、维修和保险"
    assert answerable.part_not_named("公车运维费里光油费多少", topic, quote, "6.35万元") == "油费"
    named = "公务用车运行维护费6.35万元，其中燃料费2.10万元"
    assert answerable.part_not_named("公车运维费里光油费多少", topic, named, "2.10万元") is None


def test_share_after_a_part_follow_up_uses_the_items_total(service):
    answer = last_answer(service, ["石岭文旅局项目支出有多少", "乡村旅游那块呢", "占比多少"])
    assert "258.90万元 ÷ 1,430.30万元 = 18.10%" in answer
    assert "项目支出 225.20" not in answer


def test_part_asked_within_an_item_end_to_end(service):
    assert (
        "非遗保护传承 187.60万元"
        in last_answer(service, ["石岭文旅局项目支出中非遗保护传承花了多少"]).splitlines()[0]
    )
    assert "公务接待费 3.23万元" in last_answer(service, ["石岭文旅局三公经费里公务接待费多少"])


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("石岭文旅局公车运维费里光油费是多少", "油费"),
        ("石岭文旅局图书馆数字化服务项目里人工费用多少", "人工费"),
    ],
)
def test_unsplit_part_is_refused_with_the_nearest_passage(service, question, part):
    answer = service.ask(question, use_llm=False)
    assert answer.refused
    assert f"未单列“{part}”的金额" in answer.answer
    assert answer.citations  # the nearest passage, cited


def test_budget_asked_where_only_spending_is_stated(service):
    answer = last_answer(service, ["石岭文旅局23年公务接待费预算多少"])
    assert "公务接待费 3.23万元" in answer and "未给出预算数" in answer


@pytest.mark.parametrize(
    "question", ["石岭文旅局资产总额多少，有几辆车", "石岭文旅局名下资产一共多少，几辆车"]
)
def test_two_things_asked_at_once_each_get_their_own_figure(service, question):
    """An amount and a count in one sentence: the amount is not read as the count (资产 2辆)."""
    lead = last_answer(service, [question]).splitlines()[0]
    assert "资产总额 1,286.35万元" in lead and "2辆" in lead
    assert "资产 2辆" not in lead


def test_a_verb_with_its_particle_names_no_thing():
    from assistant.understanding import informative_terms

    assert "审了" not in informative_terms("一年审了多少个项目")
    assert "项目" in informative_terms("一年审了多少个项目")


def test_a_later_part_naming_only_a_column_asks_the_same_row():
    from assistant.tables import asked_qualifier
    from assistant.understanding import _sub_topics

    assert _sub_topics("2023项目支出年初预算多少，后来调整为多少") == (
        "项目支出 年初预算",
        "项目支出 调整",
    )
    assert asked_qualifier("后来调整为多少") == "调整后预算"


@pytest.mark.parametrize(
    "question",
    [
        "青禾水务局2023项目支出年初预算多少，后来调成多少",
        "青禾水务局23年项目支出年初预算多少，调整后是多少",
    ],
)
def test_two_columns_of_one_row(service, question):
    """The 项目支出 row's 年初预算数 and 调整预算数: not the 合计 or 基本支出 row, and no
    "两处表述不一致" for the same row read twice."""
    answer = last_answer(service, [question])
    lead = answer.splitlines()[0]
    assert "3,460.00万元" in lead and "4,218.75万元" in lead
    assert "4,580.00" not in lead and "1,120.00" not in lead
    assert "不一致" not in answer


def test_a_part_follow_up_shows_its_share_of_the_total(service):
    answer = last_answer(service, ["石岭文旅局政府采购一共多少", "其中服务类呢"])
    assert "服务类 222.20万元" in answer.splitlines()[0]
    assert "222.20万元 ÷ 318.60万元 = 69.74%" in answer


def test_a_part_comparing_against_a_column_is_no_column_of_the_row():
    from assistant.understanding import _sub_topics

    topics = _sub_topics("收入决算多少？比年初预算多了多少？")
    assert len(topics) == 2 and "收入" not in topics[1]


def test_an_unqualified_figure_is_the_actual_not_the_budget_before_it():
    (topic,) = make_topics("公车 运维费", "公车运维费多少")
    quote = "公务用车购置及运行维护费预算100000.00元，实际支出83412.00元，年末保有量3辆"
    assert lead_figure(quote, topic)[1] == "83412.00元"
