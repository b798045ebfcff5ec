"""How a question names a reporting body: a merged body by one of its parts or its first word
(林业局 / 草原局 for 林业和草原局, 体育局 for 教育和体育局), a county branch by its parent's
short forms with the branch's head (环保分局 for 生态环境分局), in English ("forestry bureau");
the body's words resolved are no search terms; a stem two bodies of one county share is refused.
"多少人" asked of a body is its staffing (编制 / 实有). "另一个县呢" moves to the other county's
body whatever its kind. Fixture reports: tests/fixtures/names9 (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import Conversation
from assistant.understanding import Catalogue, understand
from index.departments import names_by_stem
from index.models import ReportIdentity
from tests.conftest import ask_offline, index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "names9"


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("mention", "department", "names"),
    [
        ("林业局", "林业和草原局", True),
        ("草原局", "林业和草原局", True),
        ("体育局", "教育和体育局", True),
        ("规划局", "自然资源和规划局", True),
        ("卫生局", "卫生健康局", True),
        ("环境局", "生态环境分局", True),
        ("商务局", "商务委员会", True),
        ("民政局", "民族宗教事务局", False),
        ("管理局", "市场监督管理局", False),
        ("林业局", "林业工作站", False),
        ("体育局", "民政局", False),
    ],
)  # fmt: skip
def test_a_body_named_by_a_stem_of_its_name(mention, department, names):
    assert names_by_stem(mention, department) is names


def _catalogue(*bodies: tuple[str, str]) -> Catalogue:
    return Catalogue(tuple(ReportIdentity(county=c, department=d, year=2023) for c, d in bodies))


CATALOGUE = _catalogue(("桐溪县", "林业和草原局"), ("柳岸县", "生态环境分局"))


@pytest.mark.parametrize(
    "question",
    [
        "桐溪林业局23年资产总额多少",
        "桐溪县草原局的资产总额",
        "桐溪县林草局资产总额是多少",
        "想问一下草原局的资产总额",
    ],
)
def test_a_merged_body_named_by_one_part_is_the_indexed_body(question):
    query = understand(question, CATALOGUE)
    assert query.departments == ("林业和草原局",) and not query.unknown
    assert "林业" not in query.topic and "草原" not in query.topic and "资产" in query.topic


def test_an_english_department_word_finds_the_merged_body():
    query = understand("What were the Tongxi forestry bureau's total assets in 2023?", CATALOGUE)
    assert query.counties == ("桐溪县",) and query.departments == ("林业和草原局",)
    assert not query.unknown


def test_a_branch_named_with_its_parents_short_form_leaves_no_body_word_to_search():
    query = understand("柳岸环保分局基本支出里工资福利有多少", CATALOGUE)
    assert query.departments == ("生态环境分局",)
    assert "分局" not in query.topic and "工资福利" in query.topic


def test_a_stem_another_county_has_is_refused_not_taken():
    query = understand("柳岸县林业局的资产总额", CATALOGUE)
    assert query.departments == () and "林业局" in query.unknown


def test_a_stem_two_bodies_of_one_county_share_is_refused():
    catalogue = _catalogue(("桐溪县", "教育和体育局"), ("桐溪县", "文化体育和旅游局"))
    query = understand("桐溪县体育局2023年三公经费", catalogue)
    assert query.departments == () and query.unknown == ("体育局",)
    one = understand("桐溪县教育局2023年三公经费", catalogue)
    assert one.departments == ("教育和体育局",)


@pytest.mark.parametrize(
    "question",
    ["柳岸生态环境分局一共有几个人", "桐溪林草局目前多少员工", "桐溪林草局工作人员有多少"],
)
def test_how_many_people_a_body_has_is_its_staffing(question):
    query = understand(question, CATALOGUE)
    assert "编制" in query.zh_text and "实有" in query.zh_text


@pytest.mark.parametrize("question", ["桐溪林草局公务接待多少人次", "桐溪林草局培训了多少人"])
def test_people_counted_of_a_named_thing_are_not_staffing(question):
    assert "编制" not in understand(question, CATALOGUE).zh_text


def test_another_county_with_no_body_named_moves_to_that_countys_body():
    conversation = Conversation()
    first, _ = conversation.resolve(understand("桐溪林草局公务接待多少批次", CATALOGUE), CATALOGUE)
    conversation.remember("桐溪林草局公务接待多少批次", first)
    query, notes = conversation.resolve(understand("换个县呢", CATALOGUE), CATALOGUE)
    assert query.counties == ("柳岸县",) and query.departments == ()
    assert any("柳岸县" in n for n in notes)


# ---------------------------------------------------------------- over invented reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "names9")


def test_the_forestry_bureau_in_english_is_answered_from_the_merged_body(service):
    answer = ask_offline(service, "What were the Tongxi forestry bureau's total assets in 2023?")
    assert "9,276.15万元" in answer.answer


def test_a_branch_by_its_everyday_name_answers_its_wage_spending(service):
    answer = ask_offline(service, "柳岸环保分局基本支出里工资福利花了多少")
    assert "351.90万元" in answer.answer


def test_how_many_people_answers_the_establishment_and_staff_in_post(service):
    answer = ask_offline(service, "柳岸县生态环境分局一共有几个人")
    assert "18名" in answer.answer and "16名" in answer.answer
    text = ask_offline(service, "桐溪林业局目前多少员工").answer
    assert "47名" in text and "44人" in text


def test_another_county_follow_up_answers_the_other_countys_body(service):
    text = last_answer(service, ["桐溪林草局23年公务接待了多少批次", "换个县呢"])
    assert "13批次" in text and "27批次" not in text


def test_a_body_named_by_its_head_alone_after_its_county():
    query = understand("柳岸分局项目支出多少", CATALOGUE)
    assert query.departments == ("生态环境分局",) and "分局" not in query.topic
    two = _catalogue(("桐溪县", "林业和草原局"), ("桐溪县", "水利局"))
    assert understand("桐溪局项目支出多少", two).departments == ()


def test_the_establishment_total_is_not_one_kind_of_post(service):
    # "编制总数35名，其中行政编制21名": the total is the establishment, 21 only its 行政 part
    answer = ask_offline(service, "青榆县审计局有多少人")
    lead = answer.answer.splitlines()[0]
    assert "35名" in lead and "32人" in lead and "21名" not in lead
    assert "35名" in ask_offline(service, "青榆审计局2023年人员编制多少").answer.splitlines()[0]
    # a kind of post asked is that part
    assert "21名" in ask_offline(service, "青榆审计局2023年行政编制多少").answer.splitlines()[0]


def _follow(first: str, then: str, catalogue: Catalogue = CATALOGUE):
    conversation = Conversation()
    query, _ = conversation.resolve(understand(first, catalogue), catalogue)
    conversation.remember(first, query)
    return conversation.resolve(understand(then, catalogue), catalogue)


@pytest.mark.parametrize(
    ("first", "then", "county", "body"),
    [
        ("柳岸环保分局2023年三公经费多少", "那林草局的呢", "桐溪县", "林业和草原局"),
        ("桐溪林业局2023年三公经费多少", "环保分局呢", "柳岸县", "生态环境分局"),
        ("桐溪林草局2023年三公经费多少", "柳岸的呢", "柳岸县", "生态环境分局"),
    ],
)
def test_a_follow_up_naming_only_the_other_countys_body_or_county_moves_there(
    first, then, county, body
):
    query, notes = _follow(first, then)
    assert query.counties == (county,) and query.departments == (body,) and notes


def test_a_follow_up_that_several_bodies_would_fit_keeps_its_slots():
    catalogue = _catalogue(("桐溪县", "林业和草原局"), ("柳岸县", "水利局"), ("柳岸县", "民政局"))
    query, _ = _follow("桐溪林草局2023年三公经费多少", "柳岸的呢", catalogue)
    assert query.departments == ("林业和草原局",)  # refused downstream, never guessed


def test_a_follow_up_to_another_countys_body_answers_it(service):
    text = last_answer(service, ["柳岸环保分局2023年三公经费多少", "那林草局的呢"])
    assert "11.62万元" in text and "5.37" not in text
