"""A table row that meets the asked total only through its caption is a part of that total:
the sentence (or total row) naming the total itself ranks first."""

from assistant.answer import Passage
from assistant.candidates import ranked
from assistant.evidence import Topic

SENTENCE = "外出公务费在本年度财政拨款安排中实际发生支出共8.40万元。\n"
HEADER = "南湾县档案馆2019年度外出公务费决算表\n单位：万元\n项目\t预算数\t决算数"
ROWS = "1.差旅费\t6.00\t5.10\n2.会议费\t4.00\t3.30\n"
TEXT = SENTENCE + HEADER + "\n" + ROWS


def _passages() -> list[Passage]:
    who = ("r1", "a.txt", "南湾县", "档案馆", 2019, "二、")
    cut = len(SENTENCE)
    return [
        Passage("c1", *who, SENTENCE, 0, cut, 1.0),
        Passage("c2", *who, TEXT[cut:], cut, len(TEXT), 1.0, HEADER),
    ]


def _best(term: str) -> str:
    topic = Topic((term,), ("决算",), frozenset({"money"}), (term,))
    return ranked(_passages(), topic, {term: 1.0}, TEXT)[0].unit.text


def test_the_sentence_naming_the_total_beats_a_part_row():
    assert "8.40万元" in _best("外出公务费")


def test_a_row_asked_by_its_own_label_is_not_demoted():
    assert _best("会议费").startswith("2.会议费")
