"""Question understanding on phrasings and names the development sets do not use: particles,
generated short forms, counties the index does not hold, odd comparisons, counts, years and
English. Fixture reports: tests/fixtures/understanding (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import Conversation
from assistant.understanding import Catalogue, understand
from index.departments import short_forms
from index.models import ReportIdentity as R

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "understanding"
CAT = Catalogue(
    (
        R("桃江县", "医疗保障局", 2023),
        R("双峰县", "发展和改革局", 2022),
        R("双峰县", "发展和改革局", 2023),
        R("宁远县", "文化广电和旅游局", 2023),
        R("嘉禾县", "应急管理局", 2023),
        R("祁东县", "卫生健康委员会", 2023),
    )
)


@pytest.mark.parametrize(
    ("question", "counties"),
    [
        ("双峰和桃江比，谁的公用经费高", ("双峰县", "桃江县")),
        ("跟桃江县同双峰县对比一下人员经费", ("桃江县", "双峰县")),
        ("比宁远县多还是少？嘉禾县应急局", ("宁远县", "嘉禾县")),
    ],
)
def test_particles_never_join_a_name(question, counties):
    query = understand(question, CAT)
    assert query.counties == counties and query.unknown == ()


@pytest.mark.parametrize(
    ("question", "department"),
    [
        ("宁远文旅局2023年三公经费", "文化广电和旅游局"),
        ("宁远县文广旅局的公用经费", "文化广电和旅游局"),
        ("桃江医保局人员经费", "医疗保障局"),
        ("嘉禾应急局编制多少", "应急管理局"),
        ("祁东卫健委三公经费", "卫生健康委员会"),
        ("祁东县卫健局三公经费", "卫生健康委员会"),
        ("双峰发改委的基本支出", "发展和改革局"),
        ("双峰县发改部门的基本支出", "发展和改革局"),
    ],
)
def test_generated_short_forms_name_indexed_departments(question, department):
    query = understand(question, CAT)
    assert query.departments == (department,) and query.unknown == ()


def test_short_form_generator_follows_the_abbreviation_rule():
    assert {"人社局", "住建局", "市监局", "卫健委", "发改局", "科工信局"} <= {
        form
        for name in (
            "人力资源和社会保障局",
            "住房和城乡建设局",
            "市场监督管理局",
            "卫生健康委员会",
            "发展和改革局",
            "科技和工业信息化局",
        )
        for form in short_forms(name)
    }
    assert {"文旅局", "文广旅局"} <= set(short_forms("文化广电旅游局"))
    assert "城管局" in short_forms("城市管理局")  # a conventional form from the vocabulary


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("和泸县比，双峰发改局三公经费谁多", "泸县"),
        ("涟源市医保局2023年人员经费是多少", "涟源市"),
        ("桃江县住建局2023年三公经费", "住建局"),
    ],
)
def test_recognised_but_unindexed_names_are_kept_for_refusal(question, named):
    query = understand(question, CAT)
    assert named in query.unknown and named in "".join(query.unindexed)


@pytest.mark.parametrize(
    "question",
    [
        "双峰和桃江两个县三公经费比一比",
        "三公经费谁花得多",
        "这三份报告的人员经费排个序",
        "双峰发改局22年和23年公用经费差多少",
        "哪个单位公务接待费最高",
        "桃江跟双峰对比一下基本支出",
        "Which county spent more on official receptions in 2023?",
    ],
)
def test_comparisons_in_other_words(question):
    assert understand(question, CAT).intent == "compare"


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("桃江医保局有几个股室", True),
        ("双峰发改局争取了多少项中央预算内投资项目", True),
        ("How many internal departments does the Taojiang medical security bureau have?", True),
        ("双峰发改局在职多少人", False),
        ("公务接待多少批次", False),
    ],
)
def test_counts_are_detected(question, count):
    assert understand(question, CAT).asks_count is count


def test_leftover_words_never_become_the_topic():
    for question in ("双峰和桃江两个县三公经费比一比", "两份报告哪个给了公用经费的数字"):
        query = understand(question, CAT)
        assert query.topic.split()[0] in ("三公经费", "公用经费")
        assert not {"两个县", "比一比", "两份", "报告", "哪个", "给了"} & set(query.terms)


@pytest.mark.parametrize(
    ("question", "years", "bad"),
    [
        ("双峰发改局二〇二三年三公经费", (2023,), ()),
        ("双峰发改局22年三公经费", (2022,), ()),
        ("双峰发改局3023年三公经费", (), ("3023",)),
        ("双峰发改局99999年三公经费", (), ("99999",)),
    ],
)
def test_years_in_other_forms_and_absurd_years(question, years, bad):
    query = understand(question, CAT)
    assert query.years == years
    assert [b.split("年")[0] for b in query.bad_years] == list(bad)
    if bad:
        assert query.unknown  # reported, never silently dropped


def test_previous_year_follow_up_moves_the_year_back():
    conversation = Conversation()
    first = understand("双峰发改局2023年三公经费多少", CAT)
    conversation.remember("…", first)
    follow, _ = conversation.resolve(understand("那上一年呢？", CAT), CAT)
    assert follow.years == (2022,) and follow.departments == ("发展和改革局",)


def test_english_questions_map_to_chinese_terms_and_names():
    query = understand(
        "What were the Shuangfeng development and reform bureau's personnel expenses in 2023?",
        CAT,
    )
    assert query.language == "en"
    assert query.counties == ("双峰县",) and query.departments == ("发展和改革局",)
    assert query.years == (2023,) and "人员经费" in query.terms
    vehicles = understand("How much went on official vehicle running costs at Jiahe?", CAT)
    assert "公务用车运行维护费" in vehicles.terms and vehicles.counties == ("嘉禾县",)


# -- the service, end to end (real Chroma and embedding model) ----------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    from assistant.factory import build_service
    from assistant.settings import load_settings

    svc = build_service(
        load_settings(data_dir=tmp_path_factory.mktemp("understand")), embeddings=embeddings
    )
    outcomes = svc.ingest([FIXTURES])
    assert {o.status for o in outcomes} == {"added"}, [o.message for o in outcomes]
    return svc


@pytest.mark.slow
def test_service_answers_short_forms_and_refuses_unindexed_counties(service):
    answer = service.ask("桃江医保局2023年三公经费一共花了多少？")
    assert not answer.refused and "28640.00元" in answer.answer
    refused = service.ask("和泸县比，双峰发改局2023年三公经费谁多？")
    assert refused.refused and "泸县" in refused.answer and "双峰县" in refused.answer
    assert "和泸县" not in refused.answer


@pytest.mark.slow
def test_service_compares_when_asked_in_other_words(service):
    answer = service.ask("2023年双峰和桃江两个县三公经费比一比")
    assert not answer.refused
    assert "35870.00元" in answer.answer and "28640.00元" in answer.answer


@pytest.mark.slow
def test_service_answers_english_with_an_english_lead(service):
    answer = service.ask(
        "How much did the Taojiang medical security bureau spend on official receptions in 2023?"
    )
    assert not answer.refused and "9640.00元" in answer.answer
    assert answer.answer.startswith(("According", "In ", "The ", "Taojiang"))


@pytest.mark.slow
def test_service_refuses_an_absurd_year_by_name(service):
    answer = service.ask("双峰发改局3023年三公经费是多少？")
    assert answer.refused and "3023" in answer.answer


def _talk(*questions: str):
    conversation = Conversation()
    resolved = None
    for question in questions:
        resolved, _ = conversation.resolve(understand(question, CAT), CAT)
        conversation.remember(question, resolved)
    return resolved


def test_a_difference_asked_after_two_turns_compares_their_subjects():
    query = _talk("双峰发改局2023年公用经费多少", "那上一年呢？", "相差多少？")
    assert set(query.years) == {2022, 2023} and query.intent == "compare"
    assert "公用经费" in query.topic


def test_compared_with_the_previous_year_asks_both_years():
    query = _talk("双峰发改局2023年三公经费多少", "比上年呢？")
    assert set(query.years) == {2022, 2023} and query.intent == "compare"


def test_a_county_followed_by_a_body_stem_names_that_body():
    query = understand("双峰发改和桃江医保，谁的公用经费高", CAT)
    assert query.counties == ("双峰县", "桃江县")
    assert set(query.departments) == {"发展和改革局", "医疗保障局"}
    assert "发改" not in query.terms and "医保" not in query.terms
    # not after a place, the stem is an ordinary word, not a body
    assert understand("发改工作经费最多的是哪个县", CAT).departments == ()


def test_a_follow_up_against_another_year_compares_the_two(service):
    conversation = Conversation()
    first = service.ask("双峰发改局23年价格监测经费多少", conversation)
    assert "131400.00元" in first.answer.splitlines()[0], first.answer
    answer = service.ask("比22年多了还是少了", conversation)
    assert "12.60万元" in answer.answer and "131400.00元" in answer.answer
    assert "131400.00元 − 12.60万元（126000.00元） = 5400.00元" in answer.answer


def test_a_change_compares_amounts_when_one_lead_is_a_count(service):
    # 2022 states "项目6个，采购金额88.50万元", 2023 an amount only: amounts are compared
    answer = service.ask("双峰发改局政府采购23年比22年多了还是少了")
    assert "912300.00元 − 88.50万元（885000.00元） = 27300.00元" in answer.answer, answer.answer


def test_a_short_form_matching_two_bodies_names_the_one_the_county_has():
    """ "卫健委" matches 卫生健康委员会 and 卫生健康局; with 祁东 named it is 祁东's body, and one
    body is not a comparison. Bodies named by other mentions are kept."""
    cat = Catalogue(
        (*CAT.identities, R("衡南县", "卫生健康局", 2023), R("衡南县", "松江镇人民政府", 2023))
    )
    query = understand("祁东卫健委23年疾控经费执行率是多少", cat)
    assert query.departments == ("卫生健康委员会",) and query.intent != "compare"
    both = understand("祁东卫健委和衡南卫健局谁的公用经费多", cat)
    assert set(both.departments) == {"卫生健康委员会", "卫生健康局"} and both.intent == "compare"
    town = understand("祁东卫健委、松江镇两家的三公经费排个序", cat)
    assert set(town.departments) == {"卫生健康委员会", "松江镇人民政府"}


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("祁东卫健委23年公车运维费花了多少", "运维费"),
        ("祁东卫健委23年开支了多少钱", "支出"),
        ("祁东卫健委23年公用经费开销多大", "公用经费"),
    ],
)
def test_everyday_spending_words_become_the_reports_word(question, topic):
    query = understand(question, CAT)
    assert topic in query.topic and "花" not in query.topic and "开" not in query.topic
