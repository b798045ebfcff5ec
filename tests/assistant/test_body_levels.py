"""How a question names a body (tenth session's names class): a level word before a body's short
form ("旗残联", "县统计局", "区科技局") is the indexed county of that level holding the body, and
a joining word never makes a place ("统计局和旗" is no county); in English, a county written in
its own romanisation ("Erdun" for 额尔敦旗), a body by its head noun alone after its place
("the Erdun federation") or by its acronym ("DRC"); a year named only as where money is carried
("结转到2024年", "carry over into 2024") asks the year-end balance of the year before.
Fixture reports: tests/fixtures/names10 (invented places and figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.english_bodies import close_reading
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from tests.conftest import ask_offline, index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "names10"


def _catalogue(*bodies: tuple[str, str], year: int = 2023) -> Catalogue:
    return Catalogue(tuple(ReportIdentity(county=c, department=d, year=year) for c, d in bodies))


CATALOGUE = _catalogue(
    ("松崖县", "统计局"),
    ("额尔敦旗", "残疾人联合会"),
    ("鹤汀区", "科学技术局"),
    ("鹤汀区", "发展和改革委员会"),
    ("松崖县", "市场监督管理局"),
)


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("question", "counties", "departments"),
    [
        ("旗残联2023年公用经费花了多少", ("额尔敦旗",), ("残疾人联合会",)),
        ("区科技局项目支出是多少", ("鹤汀区",), ("科学技术局",)),
        ("县统计局和旗残联，哪家的机关运行经费多", ("松崖县", "额尔敦旗"), None),
        ("松崖统计局跟旗残联23年的基本支出各是多少", ("松崖县", "额尔敦旗"), None),
        ("2023年区发改委的三公经费", ("鹤汀区",), ("发展和改革委员会",)),
    ],
)
def test_a_level_word_before_a_body_is_the_indexed_county_of_that_level(
    question, counties, departments
):
    query = understand(question, CATALOGUE)
    assert query.counties == counties and not query.unknown
    if departments:
        assert query.departments == departments
    assert "旗" not in query.topic and "县" not in query.topic and "区" not in query.topic


def test_a_body_named_with_a_level_beside_one_named_without_keeps_each_its_own():
    query = understand("统计局和旗残联2023年机关运行经费哪个高", CATALOGUE)
    assert not query.unknown
    assert set(query.sides) == {(None, "统计局", 2023), ("额尔敦旗", "残疾人联合会", 2023)}


def test_a_level_word_inside_a_short_form_or_with_no_county_of_its_level_stays():
    assert understand("市监局三公经费多少", CATALOGUE).departments == ("市场监督管理局",)
    query = understand("区统计局三公经费多少", CATALOGUE)  # no 区 holds a 统计局
    assert query.counties == () and query.departments == ("统计局",)
    assert understand("各县统计局三公经费", CATALOGUE).counties == ()


def test_a_joining_word_never_makes_a_place():
    query = understand("科技局跟旗残联谁的项目支出多", CATALOGUE)
    assert not query.unknown and "额尔敦旗" in query.counties
    assert understand("统计局和青苇县谁多", CATALOGUE).unknown == ("青苇县",)


@pytest.mark.parametrize(
    ("word", "reading", "close"),
    [
        ("Erdun", "eerdun", True),
        ("Bortala", "boertala", True),
        ("Songya", "songya", True),
        ("Erdun", "erlian", False),
        ("Hotan", "huaian", False),
        ("Datong", "tongda", False),
    ],
)
def test_a_romanised_name_is_close_to_one_pinyin_reading(word, reading, close):
    assert close_reading(word, reading) is close


def test_english_bodies_by_romanised_place_head_noun_and_acronym():
    query = understand("What did the Erdun federation spend on official receptions?", CATALOGUE)
    assert query.counties == ("额尔敦旗",) and query.departments == ("残疾人联合会",)
    drc = understand("How much did Heting DRC spend in 2023?", CATALOGUE)
    assert drc.departments == ("发展和改革委员会",) and drc.counties == ("鹤汀区",)
    # a place with several bodies of that head: none guessed
    several = understand("What did the Songya bureau spend in 2023?", CATALOGUE)
    assert several.departments == () and several.counties == ("松崖县",)
    one = understand("What did the Heting bureau spend in 2023?", CATALOGUE)
    assert one.departments == ("科学技术局",)


@pytest.mark.parametrize(
    "question",
    [
        "旗残联结转到2024年的资金是多少",
        "How much did the Erdun federation carry over into 2024?",
    ],
)
def test_a_carry_over_destination_year_is_the_year_before(question):
    query = understand(question, CATALOGUE)
    assert query.years == (2023,) and not query.unknown
    assert "结转" in query.terms or "年末结转结余" in query.terms


def test_carried_into_the_next_year_is_no_later_report():
    query = understand("松崖统计局有多少钱结转到下一年", CATALOGUE)
    assert query.relative_year == 0 and query.years == () and not query.unknown


# ---------------------------------------------------------------- over invented reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "names10")


def test_two_bodies_named_by_level_words_are_compared(service):
    text = ask_offline(service, "县统计局和旗残联，哪家的机关运行经费多").answer
    assert "27.36万元" in text and "31.92万元" in text


def test_a_district_body_by_its_level_word_is_answered(service):
    text = ask_offline(service, "区科技局23年机关运行经费多少").answer
    assert "44.18万元" in text.splitlines()[0]


def test_a_carry_over_destination_is_answered_with_the_year_end_balance(service):
    text = ask_offline(service, "旗残联结转到2024年的资金是多少").answer
    assert "22.64万元" in text.splitlines()[0]
    english = ask_offline(service, "How much did the Erdun federation carry over into 2024?")
    assert "22.64万元" in english.answer.splitlines()[0]
    assert "差额" not in english.answer
