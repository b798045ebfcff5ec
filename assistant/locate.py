"""Locate answers ("…在报告哪一部分"): the passage whose text and section title name the
question's terms, shown with its section path, and the points it lists when they are counted."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant import claims
from assistant.answer import Passage
from assistant.compose import Citations, locate_line
from assistant.evidence import Topic, match_text, term_present
from assistant.listing import section_points
from assistant.stated_changes import asks_change, asks_reason, named_metrics, text_change
from assistant.understanding import Query
from index.models import Report
from index.numbers import Quantity, find_quantities

Find = Callable[[str, int, int], Passage | None]
"""find(report_id, start, end) → the indexed passage holding that span, if any."""


def locate_lines(
    query: Query,
    targets: Sequence[Report],
    passages: list[Passage],
    topics: list[tuple[Topic, str | None]],
    cites: Citations,
    report_text: Callable[[str], str],
    find: Find,
) -> list[str]:
    """One line per report that writes about the question's terms: where, and a quote."""
    lines = []
    terms = [t for topic, _ in topics for t in topic.hard] or [query.topic]
    # "哪一节解释了…的原因": the verb is not a term; "…是什么意思": 解释 names 名词解释
    if not _ASKS_MEANING.search(query.zh_text or query.text):
        terms = [t for t in terms if t not in _LOCATE_VERBS] or terms
    asked = query.zh_text or query.text
    figures = [s.quantity for s in claims.stated(asked)]
    titles = {r.id: match_text(title_of(report_text(r.id))) for r in targets}
    targets = titled(targets, terms, titles, f"{query.text} {asked}")
    for report in targets:
        mine = [p for p in passages if p.report_id == report.id]
        # words of the report's own title ("决算说明", "农村供水工程项目") say which report,
        # not where in it: the passage is found by the others
        own = [t for t in terms if not term_present(t, titles[report.id])] or terms
        title = title_of(report_text(report.id))  # its characters name the report too
        kept = "".join(c for c in asked if c not in title)
        best = change_passage(query, report, report_text, find) or locate_passage(
            mine, own, figures, kept, f"{query.text} {asked}"
        )
        if best is None:
            continue
        line = locate_line(report, best, quote(best.span_text), cites.mark(best), query)
        also = stated_elsewhere(mine, own, best)
        if also is not None:  # the heading names it; the figure is stated in another section
            more = locate_line(report, also[0], quote(also[1]), cites.mark(also[0]), query)
            line += (
                "\nIt is stated with its figure in: "
                if query.language == "en"
                else "\n其数字写在："
            ) + more
        points = listed_points(report_text(report.id), report, best, cites, query, find)
        lines.append(line + (points or ""))
    return lines


def change_passage(
    query: Query, report: Report, report_text: Callable[[str], str], find: Find
) -> Passage | None:
    """ "在哪里说明了支出比上年增加的原因": the passage of the sentence stating the named
    figure's change against the previous year together with its reason."""
    asked = query.zh_text or query.text
    year = report.identity.year
    if not year or not (asks_reason(asked) or asks_reason(query.text)):
        return None
    if not (asks_change(asked, year - 1) or asks_change(query.text, year - 1)):
        return None
    for metric in named_metrics(asked):
        said = text_change(report_text(report.id), metric, year - 1, asked)
        if said is not None and said.reason:
            return find(report.id, said.start, said.end)
    return None


def locate_passage(
    passages: list[Passage],
    terms: list[str],
    figures: Sequence[Quantity] = (),
    question: str = "",
    whole: str = "",
) -> Passage | None:
    """The passage a locate question is about: its terms in the text and the section title,
    and every figure the question quotes ("…31个项目在哪一节") written in it. A term most
    passages write ("说明", the report's subject) counts for less than one only a few write;
    passages equal on terms go to the one writing more of the question's own characters
    ("执行慢" → "执行偏慢"), then to a section's first passage. ``whole`` is the question as
    asked: one about a shortfall or its cause ranks the report's problems section above its
    remedies; prose ranks above a table unless a table is asked for."""
    texts = {id(p): (match_text(p.text), match_text(p.section)) for p in passages}
    seen = {
        t: sum(term_present(t, a) or term_present(t, b) for a, b in texts.values()) for t in terms
    }
    weight = {t: 0.5 + 0.5 / n if n else 1.0 for t, n in seen.items()}
    chars = set(re.findall(r"[\u4e00-\u9fff]", question)) - _QUESTION_CHARS

    asked = whole or question
    why = bool(_ASKS_WHY.search(asked)) and not _REMEDY_SECTION.search(asked)

    def score(p: Passage) -> float:
        text, section = texts[id(p)]
        hits = sum(weight[t] for t in terms if term_present(t, text))
        in_section = sum(weight[t] for t in terms if term_present(t, section))
        written = [q for q in find_quantities(p.span_text) if q.unit]  # not "31日"
        quoted = sum(any(claims.same_figure(q, f) for q in written) for f in figures)
        found = hits + 1.5 * in_section + (2.0 * quoted if hits or in_section else 0.0)
        if why and hits and _PROBLEM_SECTION.search(section):
            return found + 1.5  # "…的原因在哪写的": where the report states its problems
        if why and _REMEDY_SECTION.search(section):
            return found / 2  # what will be done about it, not why it happened
        if why and _TARGET_SECTION.search(section) and not _SHORT_WRITTEN.search(text):
            return found / 2  # "没达标": what was planned, not where it fell short
        if why and hits and _SHORT_WRITTEN.search(text):
            return found + 1.0  # "职工入会率91.8%，略低于92%的目标": the shortfall stated
        return found

    def written(p: Passage) -> int:
        return sum(c in p.text for c in chars)

    def direct(p: Passage) -> int:
        """Terms the passage writes as the question does (车辆, not only 公务用车保有量)."""
        return sum(match_text(t) in texts[id(p)][0] for t in terms)

    def table(p: Passage) -> bool:
        """Mostly table rows or not, against what is asked: a locate question asks where the
        text says it, unless it asks for a table ("…在哪张表")."""
        rows = [line for line in p.text.split("\n") if line.strip()]
        return (sum("\t" in r for r in rows) * 2 > len(rows)) != asks_table

    asks_table = _ASKS_TABLE.search(asked) is not None
    scores = {id(p): round(score(p), 6) for p in passages}
    ranked = sorted(
        passages, key=lambda p: (-scores[id(p)], table(p), -direct(p), -written(p), p.start)
    )
    return ranked[0] if ranked and scores[id(ranked[0])] > 0 else None


def stated_sentence(text: str, terms: Sequence[str]) -> str | None:
    """The first prose sentence writing two or more of the question's terms with a figure
    ("良种覆盖率93.5%，低于95%的年度目标"): where the matter is stated."""
    for sentence in re.split(r"[。；;\n]", text):
        squashed = match_text(sentence)
        named = [t for t in terms if match_text(t) in squashed]
        if (
            "\t" not in sentence
            and len(named) >= 2
            and any(q.unit for q in find_quantities(sentence))
        ):
            return sentence.strip()
    return None


def stated_elsewhere(
    passages: Sequence[Passage], terms: Sequence[str], best: Passage
) -> tuple[Passage, str] | None:
    """When the chosen passage only names the matter (a heading "…覆盖率偏低"), the passage of
    another section that states it with its figure, and that sentence; None otherwise."""
    if stated_sentence(best.span_text, terms) is not None:
        return None
    for p in passages:
        if p.section == best.section or p.report_id != best.report_id:
            continue
        sentence = stated_sentence(p.span_text, terms)
        if sentence is not None:
            return p, sentence
    return None


_LOCATE_VERBS = frozenset(
    "解释 阐述 阐明 介绍 交代 披露 提及 说明 列出 列明 写明 讲到 谈到".split()
)
"""Verbs a locate question asks with ("哪一节解释了…的原因"): not what the section is about."""
_ASKS_MEANING = re.compile(r"是什么|什么意思|含义|定义|指的?是?什么|的意思|口径")
"""A definition asked ("哪里解释了机关运行经费是什么"): 解释 then names the 名词解释 part."""
_ASKS_WHY = re.compile(
    r"原因|为什么|为何|怎么回事|没有?(?:完成|达到|达标|达成|实现|做到|建成|干完)|未(?:完成|达到|达标|实现)"
    r"|没[\u4e00-\u9fff]{1,2}够|不够|不足|偏低|偏慢|滞后|差距|短板"
)
"""A locate question about a shortfall or its cause ("…没建够的原因在哪写的")."""
_ASKS_TABLE = re.compile(r"(?<![代发外图])表(?![明示达扬彰态现])|\btables?\b|\bsheets?\b", re.I)
_PROBLEM_SECTION = re.compile(r"问题|原因|偏差|不足|差距|困难|短板")
_TARGET_SECTION = re.compile(r"目标")
_SHORT_WRITTEN = re.compile(r"低于|未达到|未达标|未完成|没有完成|未能|差距|偏低|不足|滞后")
"""A passage stating a shortfall ("略低于92%的目标", "未完成5个的年度目标")."""
_REMEDY_SECTION = re.compile(r"改进|措施|下一步|建议|打算|努力方向|整改|怎么解决|如何解决|怎么办")
"""A section on remedies, or a question asking for them ("资金执行慢的整改措施写在哪")."""

_QUESTION_CHARS = frozenset("哪里儿部分节处写讲说提到了在的是吗呢有什么怎么样报告中第几个一章")
"""Characters of the locate question itself ("在哪一部分写的"), not of what it looks for."""

_REPORT_NAMED = re.compile(r"报告|说明|自评表|评价表|report|statement|document", re.I)


def title_of(text: str) -> str:
    """A report's title: its first non-empty line."""
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:80]


def titled(
    targets: Sequence[Report], terms: list[str], titles: dict[str, str], question: str
) -> Sequence[Report]:
    """The reports a locate question names by their title ("the rural water supply project
    report", "农村供水项目报告里…"): when it names a report and some titles write more of its
    terms (two or more) than the rest, those; else every target."""
    if len(targets) < 2 or not _REPORT_NAMED.search(question):
        return targets
    named = {r.id: sum(term_present(t, titles[r.id]) for t in terms) for r in targets}
    top = max(named.values())
    if top < 2 or all(n == top for n in named.values()):
        return targets
    return [r for r in targets if named[r.id] == top]


def listed_points(
    text: str, report: Report, best: Passage, cites: Citations, query: Query, find: Find
) -> str | None:
    """ "该节列了3条：1.…；2.…；3.…[n]" when the question counts what the section lists."""
    if not query.asks_count:
        return None
    points = section_points(text, best.start)
    found = [find(report.id, p.start, p.end) for p in points]
    if not points or any(f is None for f in found):
        return None
    marks = "".join(dict.fromkeys(cites.mark(f) for f in found if f is not None))
    listed = "；".join(f"{p.number}.{p.title}" for p in points)
    if query.language == "en":
        return f" The section lists {len(points)} points: {listed}{marks}."
    return f"该节共列{len(points)}条：{listed}{marks}。"


def quote(text: str, limit: int = 200) -> str:
    """A passage as quoted in a locate answer: whole when short, else cut at a sentence end."""
    text = text.replace("\t", " ").replace("\n", " ").strip()
    if len(text) <= limit:
        return text.rstrip("。")
    cut = max(text.rfind(p, 0, limit) for p in "。；！？")
    return text[: cut if cut > limit // 2 else limit].rstrip("。") + "…"
