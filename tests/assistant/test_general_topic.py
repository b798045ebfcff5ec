"""A question whose words are all general budget words still has terms an answer must name."""

from assistant.evidence import make_topics
from assistant.offline import _understood
from assistant.understanding import Query


def test_general_words_become_hard_terms_when_nothing_else_is_asked():
    (topic,) = make_topics("支出", "本年支出总额是多少")
    assert topic.hard == ()
    query = Query("本年支出总额是多少", "zh", terms=("支出", "总额"), weights=(3.0, 2.0))
    promoted, qualifier = _understood((topic, None), query)
    assert promoted.hard == ("支出", "总额") and qualifier is None
    empty = Query("是多少", "zh")
    assert _understood((topic, "决算"), empty) == (topic, "决算")
