"""Names the tokenizer splits ("中央" + "资金") are read whole: the lead states the figure after
the whole name, a sum adds the two figures the question names (not the total they are parts
of), and a share of a whole named only by its qualifier ("占年初预算的比例") divides by the total
the part is quoted under."""

from __future__ import annotations

from assistant import derived
from assistant.compose import lead_figure
from assistant.evidence import make_topics
from index.numbers import find_quantities

QUOTE = "项目年初预算资金3120万元，其中中央资金2040万元、省级资金700万元、县级配套380万元"


def test_lead_names_the_whole_compound_not_its_last_word():
    (topic,) = make_topics("中央 资金", "中央资金有多少")
    label, figure, _ = lead_figure(QUOTE, topic)
    assert (label, figure) == ("中央资金", "2040万元")


def test_sum_of_two_named_parts_ignores_the_total_sharing_a_word():
    (calc,) = derived.derive("省级资金和县级配套一共多少", [(QUOTE, "[1]")])
    assert calc.startswith("合计：700万元 + 380万元 = 1080万元")


def test_share_of_a_whole_named_by_its_qualifier_uses_the_total_before_其中():
    part = next(q for q in find_quantities(QUOTE) if q.raw == "2040万元")
    whole = derived.total_before_part([(QUOTE, "[1]")], part)
    assert whole is not None and whole.quantity.raw == "3120万元"
    assert derived.share(derived.Input(part, "[1]"), whole).startswith(
        "2040万元 ÷ 3120万元 = 65.38%"
    )
    other = next(q for q in find_quantities(QUOTE) if q.raw == "3120万元")
    assert derived.total_before_part([(QUOTE, "[1]")], other) is None


def test_lead_never_takes_the_next_items_figure_after_the_asked_ones():
    quote = "文物修缮及展陈资金318.60万元，其他文化事务支出905.10万元"
    (topic,) = make_topics("文物", "文物方面花了多少")
    _, figure, _ = lead_figure(quote, topic, "决算")
    assert figure == "318.60万元"
    budget = "三公经费预算12.00万元，全年实际开支9.85万元"
    (topic,) = make_topics("三公经费", "三公经费实际花了多少")
    assert lead_figure(budget, topic, "决算")[1] == "9.85万元"


def test_a_rate_named_beside_one_item_is_that_items_rate():
    from assistant.tables import asked_qualifier

    (topic,) = make_topics("公务接待费 预算执行率", "公务接待费预算执行率是多少")
    assert topic.metric == ("公务接待费",) and "预算执行率" in topic.soft
    assert asked_qualifier("公务接待费预算执行率是多少") == "执行率"
    both = make_topics("公务接待费 预算执行率", "公务接待费和预算执行率各是多少")
    assert [t.metric for t in both] == [("公务接待费",), ("预算执行率",)]


def test_the_asked_terms_own_full_name_is_not_another_item():
    quote = (
        "本年收入决算2431.50万元，其中一般公共预算财政拨款收入2205.10万元，"
        "政府性基金预算财政拨款收入180.00万元"
    )
    (topic,) = make_topics("政府性基金", "政府性基金收入决算多少")
    label, figure, _ = lead_figure(quote, topic, "决算")
    assert figure == "180.00万元" and label == "政府性基金预算财政拨款收入"
