"""Small pieces of understanding and checking, each a class of failure seen on new reports:
a body whose name ends in 馆/院 followed by 支出, English "spend", a county branch office, and
rate checks that pair a year's spending with another item's budget."""

from __future__ import annotations

from assistant import english
from assistant.rates import _plausible
from assistant.statements import Statement
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from index.numbers import find_quantities


def _catalogue(*bodies: tuple[str, str]) -> Catalogue:
    return Catalogue(tuple(ReportIdentity(county=c, department=d, year=2023) for c, d in bodies))


def test_a_body_named_in_full_before_its_spending_is_the_body_not_a_function_class():
    catalogue = _catalogue(("北塘县", "档案馆"), ("北塘县", "卫生健康局"))
    query = understand("北塘县档案馆支出比上年多了多少", catalogue)
    assert query.departments == ("档案馆",)
    assert "档案馆" not in query.terms
    # without its head the body's name is still the budget class 卫生健康支出
    assert understand("北塘县卫生健康支出多少", catalogue).departments == ()


def test_english_spend_asks_how_much_was_spent_and_bodies_have_their_usual_names():
    zh, _ = english.to_chinese("How much did the Beitang emergency bureau spend in 2023?")
    assert "花了多少" in zh and "应急管理局" in zh
    assert "花费" not in zh
    for said, body in (
        ("the veterans bureau", "退役军人事务局"),
        ("the sports bureau", "体育局"),
        ("the commerce commission", "商务委员会"),
        ("the forestry and grassland bureau", "林业和草原局"),
        ("the ecological environment branch", "生态环境局"),
    ):
        assert body in english.to_chinese(f"What did {said} spend in 2023?")[0], said


def _statement(text: str, family: str) -> Statement:
    q = find_quantities(text)[0]
    return Statement("支出", family, q, 0, len(text))


def test_a_rate_check_never_pairs_spending_with_a_budget_far_off_the_stated_rate():
    stated = find_quantities("97.09%")[0]
    actual = _statement("1492.17万元", "actual")
    assert not _plausible(stated, actual, _statement("7.85万元", "budget"))
    assert _plausible(stated, actual, _statement("1580.00万元", "budget"))


def test_an_english_county_no_indexed_county_reads_as_is_refused_by_name():
    catalogue = _catalogue(("岳西县", "教育局"), ("苍溪县", "教育局"))
    query = understand("What did the Shucheng County education bureau spend in 2023?", catalogue)
    assert "Shucheng County" in query.unknown
    held = understand("What did the Yuexi County education bureau spend in 2023?", catalogue)
    assert held.counties == ("岳西县",) and not held.unknown
    assert not understand("Which County spent more on education?", catalogue).unknown


def test_an_items_gap_from_its_budget_pairs_its_actual_and_budget_columns():
    """ "X比预算少了多少" names only 预算: the item's actual is the other side, also under a
    header written 实际支出数."""
    from assistant import derived

    row = ("会议费：实际支出数 3.20万元、预算数 4.50万元、执行率 71.11%", "[1]")
    pair = derived.qualified_pair("北塘档案馆会议费比预算少了多少", [row])
    assert [str(i.quantity.value) for i in pair] == ["3.20", "4.50"]
    assert derived.qualified_pair("北塘档案馆会议费比上年少了多少", [row]) == []


def test_a_change_after_a_completion_rate_or_an_execution_rate_is_the_actuals():
    from assistant.prior_year import stated_change

    text = "三公经费决算9.47万元，完成预算12.50万元的75.76%，比2022年的10.86万元减少1.39万元。"
    actual = stated_change(text, text.index("9.47万元") + len("9.47万元"), 2022)
    assert actual is not None and actual.sign == -1
    assert (str(actual.previous.value), str(actual.amount.value)) == ("10.86", "1.39")
    assert stated_change(text, text.index("12.50万元") + len("12.50万元"), 2022) is None
    spent = "本年实际支出836.20万元，预算执行率95.10%，较上年801.00万元增加35.20万元，增长4.39%。"
    change = stated_change(spent, spent.index("836.20万元") + len("836.20万元"), 2022)
    assert change is not None and str(change.amount.value) == "35.20"
    rate_only = "本年实际支出836.20万元，预算执行率95.10%，较上年提高2.10个百分点。"
    assert stated_change(rate_only, rate_only.index("836.20万元") + 9, 2022) is None


def test_a_share_questions_lead_never_shows_a_rate_of_the_whole_it_names():
    """Only ``figure`` and ``label`` are read, so plain records stand in for findings."""
    from types import SimpleNamespace

    from assistant.offline import _without_whole_rate

    part = SimpleNamespace(figure="25.87%", label="基本支出")
    whole_growth = SimpleNamespace(figure="9.45%", label="支出合计")
    whole_amount = SimpleNamespace(figure="4780.36万元", label="支出合计")
    found = [part, whole_growth, whole_amount]
    kept = _without_whole_rate("北塘档案馆基本支出占本年支出合计的比重", found)
    assert kept == [part, whole_amount]
    assert _without_whole_rate("北塘档案馆基本支出和支出合计各多少", found) == found


def test_year_end_against_year_start_names_the_same_item_twice():
    """(A prose "年初结转和结余N" is read as another year's figure and not stated: a table's.)"""
    from assistant import item_gap

    question = "北塘档案馆年末结转和结余比年初多多少"
    assert item_gap.sides(question) == ("年末结转和结余", "年初结转和结余")
    text = (
        "收入支出决算总表\n单位：万元\n收入项目\t决算数\t支出项目\t决算数\n"
        "本年收入合计\t612.30\t本年支出合计\t598.10\n"
        "年初结转和结余\t18.40\t年末结转和结余\t32.60\n"
    )
    end, start = item_gap.both(question, text)
    assert (str(end.quantity.value), str(start.quantity.value)) == ("32.60", "18.40")
