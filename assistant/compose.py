"""Writing the answer: the direct answer first (whose — county·department, which year — the
figure and its unit), then the quotes with their [n] markers. The lead is in the question's
language; quotes stay as written. Every figure in a lead is copied from a quote it cites.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.answer import Citation, Passage
from assistant.candidates import Candidate, opens_on_other_item, other_metric_first
from assistant.derived import OTHER_RATE, other_rate
from assistant.evidence import (
    REASON,
    Topic,
    lead_in_before,
    match_text,
    ordinal,
    quantities_of_kind,
    states_absence,
    term_present,
)
from assistant.statements import is_bound
from assistant.tables import TableContext, asked_qualifiers
from assistant.understanding import Query
from index.facts import RESIDUAL_BEFORE
from index.identity import body_name
from index.metrics import squashed
from index.models import Report
from index.numbers import Quantity, find_quantities

_CONTINUES = re.compile(
    r"^\s*(占|较|比上年|比年初|比预算|同比|环比|完成|达到|增长|下降|增加|减少|即|为预算)"
)
"""A clause that carries on the figure before it ("；占预算数的58%")."""
_QUALIFIER_NEAR = re.compile(
    r"执行率|完成率|完成预算的?|预算数|决算数|预算|决算|执行数|实际支出|完成值|目标值|得分"
)


@dataclass(frozen=True)
class Finding:
    """A chosen unit with the text to show for it (and its table context, for a row)."""

    candidate: Candidate
    shown: str
    table: TableContext | None = None
    figure: str | None = None
    """The figure the lead states (the asked column of a row, or the figure after the term)."""
    label: str = ""
    qualified: bool = True
    """The figure carries the qualifier the question asked for (or none was asked)."""
    topic: int = 0
    """Which topic (sub-question) of the question this finding answers."""

    @property
    def unit(self):
        return self.candidate.unit

    @property
    def passage(self) -> Passage:
        return self.candidate.passage

    @property
    def score(self) -> float:
        return self.candidate.score


class Citations:
    """Numbers passages in order of first use; the [n] in the answer resolve here."""

    def __init__(self) -> None:
        self._by_chunk: dict[str, Citation] = {}

    def mark(self, passage: Passage) -> str:
        if passage.chunk_id not in self._by_chunk:
            n = len(self._by_chunk) + 1
            self._by_chunk[passage.chunk_id] = passage.cite(n)
        return f"[{self._by_chunk[passage.chunk_id].n}]"

    def all(self) -> tuple[Citation, ...]:
        return tuple(self._by_chunk.values())

    def copy(self) -> Citations:
        """The numbering so far, to try more marks on without touching this one."""
        other = Citations()
        other._by_chunk = dict(self._by_chunk)
        return other


def who(report: Report | Passage) -> str:
    """ "永兴县科技和工业信息化局2022年度" for a report or a passage from it."""
    ident = report.identity if isinstance(report, Report) else report
    year = f"{ident.year}年度" if ident.year else "（年度不详）"
    return f"{body_name(ident.county, ident.department)}{year}"  # both have these fields


def who_en(report: Report) -> str:
    ident = report.identity
    name = body_name(ident.county, ident.department) or "the report"
    return f"{name} ({ident.year or 'year not stated'})"


def extend_clause(text: str, start: int, end: int, limit: int) -> int:
    """End of a clause extended over following clauses that carry its figure on
    ("…支出58万元；占预算数的58%"), never past ``limit`` or a sentence end."""
    listing = bool(_PARTS_OPEN.search(text, start, end))  # "其中：基本支出…；项目支出…"
    while end < limit and text[end - 1 : end] in ("；", ";", "，", ","):
        nxt = re.match(r"[^。！？；;\n]*[。！？；;]?", text[end:limit])
        if not nxt or not nxt.group(0).strip():
            break
        part = listing and text[end - 1] in "；;" and _states_amount(nxt.group(0))
        if not part and not _CONTINUES.match(nxt.group(0)):
            break
        end += len(nxt.group(0))
    return end


def budget_clause_start(text: str, start: int, end: int, limit: int) -> int:
    """Start of a rate's quote taken back over the clause before it ("…调整后预算为1874.65万元；
    全年支出决算1831.58万元，预算执行率97.70%") when that clause of the same sentence states the
    budget the rate is of and the quote does not; never before ``limit`` (the passage start)."""
    if _BUDGET_STATED.search(text, start, end) or text[start - 1 : start] not in (
        "；",
        ";",
        "，",
        ",",
    ):
        return start
    cut = max(text.rfind(ch, limit, start - 1) for ch in "。！？\n")
    before = max(cut + 1, limit)
    return before if _BUDGET_STATED.search(text, before, start) else start


_BUDGET_STATED = re.compile(r"预算(?:数|金额)?(?:为|是|：|:)?\d")
"""A budget written with its amount ("调整后预算为1874.65万元", "预算96.00万元")."""

_PARTS_OPEN = re.compile(r"其中[：:]")
"""A list of parts opened ("支出合计579.68万元，其中：基本支出…；项目支出…"): each part after a
"；" belongs to the quote as much as the first."""


def _states_amount(clause: str) -> bool:
    return any(q.is_money for q in find_quantities(clause))


_ASKED_UNIT = re.compile(
    r"(?:多少|几)(批次|人次|场次|个工作日|工作日|辆|户|人|名|个|项|家|所|件|次|场|批|台|艘|座|处|条|张|"
    r"亩|公里|千米|吨)"
)


_LENGTH_ASKED = re.compile(r"多长(?!时间|期限|周期)|长度|里程")
_LENGTH_UNITS = frozenset(("公里", "千米", "米", "km", "延米", "万米"))
LENGTH = "长度"
"""What :func:`asked_unit` returns for a length asked without its unit ("清理了多长的沟渠"):
any unit of length answers it, never a cost per kilometre."""


def asked_unit(question: str) -> str | None:
    """The measure word a question counts in ("接待了多少批次" → 批次); :data:`LENGTH` for a
    length asked ("多长")."""
    found = _ASKED_UNIT.search(question)
    if found:
        return found.group(1)
    return LENGTH if _LENGTH_ASKED.search(question) else None


def _in_unit(figure: str, unit: str) -> bool:
    found = [q for q in find_quantities(figure) if not q.is_year]
    if unit == LENGTH:
        return bool(found) and found[0].unit in _LENGTH_UNITS
    return bool(found) and found[0].unit == unit


def _states_bound(finding: Finding) -> bool:
    """The figure a finding leads with is a bound or a target, not an amount done."""
    if not finding.figure:
        return False
    squashed = match_text(finding.shown)
    at = squashed.find(match_text(finding.figure))
    found = [q for q in find_quantities(squashed) if q.start == at]
    return bool(found) and is_bound(squashed, found[0].start, found[0].end)


_PLANNED = re.compile(r"预算|安排|计划")
"""A figure's own words saying it was planned ("年初安排110.00万元"): the final figure after it
leads an unqualified question."""
_RATES = frozenset({"执行率", "完成率"})
_OF_BUDGET = re.compile(r"(?:完成|占|达到?|为)(?:年初|全年|调整后?的?)?预算数?的?$")


def _asks_budget(topic: Topic) -> bool:
    return any("预算" in t for t in (*topic.hard, *topic.soft, *topic.metric))


_SHARE_OF_WHOLE = re.compile(r"占(?![^，,；;。]{0,8}预算)[^，,；;。]{0,12}$")
"""A rate written as a share of a whole ("占53.87%", "占总支出的33.47%"), not of the budget."""
_PER_UNIT = re.compile(r"每|标准(?:为|是|:)?$|不[低高少多]于$")
"""Words before a standard's figure: a rate per person or unit ("每人每月1460元")."""


def lead_figure(
    shown: str,
    topic: Topic,
    qualifier: str | None = None,
    unit: str | None = None,
    counted: str = "",
) -> tuple[str, str, bool] | None:
    """(label, figure, qualified) the lead states: the figure of the asked kind closest after a
    term, preferring one whose own words carry the asked qualifier ("决算数为6000元"); when no
    term is written out before a figure, the first figure whose own words carry the qualifier
    ("完成预算的86.45%")."""
    squashed = match_text(shown)
    figures = [q for q in find_quantities(squashed) if not q.is_year and not ordinal(squashed, q)]
    figures = quantities_of_kind_text(squashed, topic) or figures
    if not figures:
        return None
    if unit and any(q.unit == unit for q in figures):  # "多少批次": 26批次, not 171人次
        figures = [q for q in figures if q.unit == unit]
    terms = topic.metric or _with_compounds(topic.hard, squashed)
    prefer = qualifier or "决算"  # unqualified questions: the final figure
    best: tuple[int, Quantity, str] | None = None
    best_named = 0
    listed: tuple[str, str] | None = None
    other_end = False
    for term in _spellings(terms, squashed):
        if _LIST_WORD.fullmatch(term):
            continue  # "用于" asked ("用在哪"): the verb opening a list names no item
        for match in re.finditer(re.escape(term), squashed):
            if _inside_longer_term(squashed, match, terms):
                continue  # "支出" asked, "基本支出15742608.19元" names another figure
            if RESIDUAL_BEFORE.search(squashed, 0, match.start()) and not any(
                RESIDUAL_BEFORE.search(t) for t in (*topic.hard, *topic.soft)
            ):
                continue  # "其余项目支出48.20万元" is what is left over, not 项目支出
            if topic.measure and best is not None and _PART_OPENS.search(squashed[: match.start()]):
                continue  # "共有车辆3辆，其中应急用车2辆": the count, not a part's
            if (
                best is not None
                and best[2].startswith(term)
                and _PARTS_LISTED.search(squashed[: match.start()])
            ):  # "公务用车购置及运行维护费15.10万元，其中公务用车购置费0.00万元，公务用车运行
                continue  # 维护费15.10万元": the whole's amount, not its parts'
            if _other_period(squashed, match.start(), [*terms, *topic.hard, *topic.soft]):
                other_end = True
                continue  # 年末 asked: "年初结转和结余15.02万元" is the other end's balance
            unnamed = bool(counted) and not topic.kinds and counted.startswith(term)
            before = _count_before(figures, match.start(), unit, unnamed)
            if before is not None and (best is None or best[0] > -1):
                best = (-1, before, term)  # "几个股室" → "5个股室": the count precedes its noun
                continue
            for q in (q for q in figures if q.start >= match.end()):
                between = squashed[match.end() : q.start]
                # a figure on the way counts as one word, however long it is written
                # ("预算3,000,000.00元，实际支出…" reaches as far as "预算420.00万元，实际支出…")
                gap = (
                    q.start
                    - match.end()
                    - sum(
                        p.end - p.start - 1
                        for p in figures
                        if match.end() <= p.start and p.end <= q.start
                    )
                )
                share = "percent" in topic.kinds and q.unit == "%"
                if gap > (40 if share else 20) or any(t in between for t in terms if t != term):
                    break
                if q.is_money and _LIST_OPENS.search(between):
                    listed = listed or _listed_parts(squashed, match.end(), figures, term)
                    break  # "项目支出主要用于：应急物资储备215.40万元": a part's amount
                full = qualifier in (None, "决算", "预算") and _full_name(term, between)
                if full:
                    pass  # "政府性基金" + "预算财政拨款收入": the asked item's own full name
                elif (
                    _names_another(between, terms)
                    or _other_side(term, between)
                    or _another_items_figure(squashed, match.end(), q, figures, terms)
                    or _CLASS_LABEL.search(between)
                ):
                    break  # "总支出的6.94%，其中：人员经费742.61万元": 人员经费's figure
                if (
                    share
                    and qualifier not in _RATES
                    and _OF_BUDGET.search(between)
                    and not _asks_budget(topic)
                ):
                    continue  # "完成预算的85.00%" is no share of the whole asked (占三公经费)
                if (
                    qualifier in _RATES
                    and q.unit == "%"
                    and (_SHARE_OF_WHOLE.search(between) or OTHER_RATE.search(between))
                ):  # "项目支出1,287.12万元，占53.87%", "平台全年在线率99.2%": not its 执行率
                    continue
                if _PART_WORD.search(between) and not find_quantities(between):
                    gap += 15  # "（含编外聘用人员6人）": a part, not the figure itself
                named_right_before = (
                    qualifier is None
                    and term not in topic.hard
                    and all(t in term for t in topic.hard)
                    and not between.strip("为是：:")
                )  # "…，上级工会补助收入52.30万元": the item named in full, its figure
                if (
                    not figure_qualified(squashed, q, prefer)
                    and not (share and not qualifier)
                    and not named_right_before
                ):
                    gap += 30  # the asked qualifier's figure wins over a closer other one
                if "percent" in topic.kinds and not share:
                    gap += 30  # a share asked (占…的比重): the amount it is a share of is not it
                if "standard" in topic.kinds and not _PER_UNIT.search(between[-8:]):
                    gap += 30  # a standard asked: the rate per person or unit, not a total
                if qualifier != "目标值" and is_bound(squashed, q.start, q.end):
                    gap += 30  # "不低于3.5万人", "6000万元以上": a target, not what was done
                named = _named_before(squashed, match.start(), terms, term)
                if best is None or (gap, -len(term) - named) < (
                    best[0],
                    -len(best[2]) - best_named,
                ):
                    best_named = named
                    label = re.sub(r"[为是：:，,]+$", "", squashed[match.start() : q.start])
                    broken = bool(re.search(r"[。；;]", label))  # "…项目。预算486.50万元"
                    if (len(label) > len(term) + 6 and not full) or broken:
                        near = _QUALIFIER_NEAR.findall(squashed[max(0, q.start - 6) : q.start])
                        label = term + (near[-1] if near else "")
                    if best is not None and best[1].start == q.start and best[2].endswith(label):
                        label = best[2]  # the same figure: named as fully as found before
                    best = (gap, q, label)
    if best is None and listed is not None:  # only the parts' amounts follow the term
        money = any(q.is_money and q.raw == listed[1] for q in figures)
        part = money and _part_named(listed[0], terms)
        return listed[0], listed[1], qualifier is None and not part
    if best is not None and (qualifier is None or best[0] < 30):
        return best[2], best[1].raw, best[0] < 30  # unasked: the final figure leads first
    if best is None and other_end:
        return None  # only the other end of the year's item is written here
    literal = [m for t in _spellings(terms, squashed) for m in re.finditer(re.escape(t), squashed)]
    if literal and all(_inside_longer_term(squashed, m, terms) for m in literal):
        kinds = _post_kinds(squashed, literal, figures)
        if kinds:  # "核定行政编制32名、事业编制26名": the establishment stated by its kinds
            return (*kinds, True)
        return None  # "资产" asked, only "固定资产投资审计科" written: another item's name
    last_figure = max(q.end for q in figures)
    first_named = min((m.start() for m in literal), default=-1)
    if first_named >= last_figure and REASON.search(squashed, last_figure, first_named):
        return None  # "…支出决算11.89万元，主要是压减公车运行支出": named in the reason only
    named = all(term_present(t, squashed) for t in topic.metric) and any(
        term_present(t, squashed) for t in terms
    )  # the terms are there, abbreviated or as a synonym ("公车运维" in 公务用车运行维护费)
    if qualifier is not None and best is None and named:  # no term written out in full
        for q in figures:
            if figure_qualified(squashed, q, qualifier):
                words = re.sub(r"[为是：:，,的]+$", "", _own_words(squashed, q))
                return re.sub(r"^[^\w（(]+", "", words[-10:]), q.raw, True
    if best is not None:
        return best[2], best[1].raw, qualifier is None
    first = figures[0]
    if qualifier is not None:  # "实际花了多少" of a sentence naming no asked term: its 实际
        first = next((q for q in figures if figure_qualified(squashed, q, qualifier)), first)
    if qualifier in _RATES and first.unit == "%" and other_rate(squashed, first):
        return None  # "平台全年在线率99.2%" is no 执行率: worked out from 预算/实际 if stated
    if qualifier is None and _PLANNED.search(_own_words(squashed, first)):  # unasked: the final
        first = next(  # figure after a budget ("预算10万元，实际支出8.34万元" → 8.34)
            (q for q in figures if _ACTUAL_NAMED.search(_own_words(squashed, q))), first
        )
    if terms and match_text(terms[0]) in squashed:  # written out, but no figure follows it:
        words = re.sub(r"[为是：:，,的]+$", "", _own_words(squashed, first))  # the figure is
        words = re.sub(r"^[^\w（(]+|^年度?(?![初中末底])", "", words)
        own = qualifier is None and not (first.is_money and _part_named(words, terms))
        return words or terms[0], first.raw, own  # own words label it ("项目支出中，X专项资金
        # 932.70万元": a part's amount, which leads last)
    # the term is not written (only abbreviated, or not at all): the figure goes by its own
    # words, never by the asked term ("执行了多少" → not "执行 728.86万元" of 项目支出)
    words = re.sub(r"[为是：:，,的]+$", "", _own_words(squashed, first))
    words = re.sub(r"^[^\w（(]+|^年度?(?![初中末底])", "", words)
    if "、" in words:  # "办公室、…技术保障部共4个部门": a list's tail names no figure
        words = ""
    return (words or (terms[0] if terms else "")), first.raw, qualifier is None


def _part_named(words: str, terms: Sequence[str]) -> bool:
    """A figure's own words name an item other than the asked one ("商贸流通业发展专项资金"
    after "项目支出中，"): a part's amount, which leads only when no quote states the asked
    item's own figure. Qualifier words alone ("2023年实际支出") name no other item."""
    if not _ITEM_LABEL.search(re.sub(r"[^\u4e00-\u9fff]", "", words)):
        return False  # not an amount's item name ("随机抽取项目区农户" counts, names no item)
    if any(t and match_text(t) in match_text(words) for t in terms):
        return False
    rest = re.sub(r"\d+年度?|支出|资金|经费|收入|金额|为|是|共|计", "", _QUALIFYING.sub("", words))
    return len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) >= 2


_PART_OPENS = re.compile(r"(?:其中|含|包括)[^。；;，,]*$")
"""Words opening a part of a count already stated in the same clause or the one before."""
_PARTS_LISTED = re.compile(r"(?:其中|含|包括)[^。；;]*$")
"""Words opening the list of a whole's parts, which runs on over commas to the sentence end."""


def _named_before(text: str, start: int, terms: Sequence[str], term: str) -> int:
    """How much of the question's other terms the name in front of a term writes ("重大" of
    "重大项目前期工作经费", not "以工代赈项目前期工作经费"): two listed items that share the
    term are told apart by the words asked in front of it."""
    head = re.split(r"[，,；;。：:、\n]", text[:start])[-1]
    return sum(len(t) for t in terms if t != term and t not in term and t in head)


_LIST_OPENS = re.compile(
    r"(?:主要用于|用于|其中|主要包括|包括|具体为|分别为|主要是|中)[:：]\s*[^\d,，;；。:：]{2,}$"
    r"|(?:主要用于|其中)[^\d,，;；。:：]{2,}$"
    r"|[:：]\s*\d{1,2}[、.．]?[^\d,，;；。:：]{2,}$"
)
"""Words between an item and the next figure that open a list of its parts ("项目支出主要用于：
应急物资储备215.40万元…", "其中公务用车运行维护费5.96万元"): the figure is the first part's."""
_LIST_WORD = re.compile(r"(?:主要用于|用于|其中|主要包括|包括|具体为|分别为|主要是|中)[:：]?")
_NUMBERED_STOP = re.compile(r"[。\n]")
_LIST_STOP = re.compile(r"[。;；\n]")


def _listed_parts(
    text: str, after_term: int, figures: Sequence[Quantity], term: str
) -> tuple[str, str] | None:
    """(label, figure) for an item followed only by a list of its parts: the words opening the
    list ("项目支出主要用于") and each part with its amount ("应急物资储备215.40万元、…")."""
    numbered = re.search(r"[:：]\s*1[、.．]?\D", text[after_term : after_term + 30])
    stop = (_NUMBERED_STOP if numbered else _LIST_STOP).search(text, after_term)
    end = stop.start() if stop else len(text)
    money = [q for q in figures if after_term <= q.start and q.end <= end and q.is_money]
    parts: list[str] = []
    previous = after_term
    opened = ""
    for q in money[:8]:
        words = text[previous : q.start]
        if not parts:
            found = _LIST_WORD.search(words)
            opened, words = (words[: found.end()], words[found.end() :]) if found else ("", words)
        name = re.split(r"[,，;；、:：]", words)[-1]  # the part's own name, after the last
        name = re.sub(r"^\s*\d{1,2}[、.．]?|^[\s和及]+|[为是\s]+$", "", name)  # (1) or "和"
        if not re.search(r"[\u4e00-\u9fff]{2,}", name) or len(name) > 20:
            break
        parts.append(f"{name}{q.raw}")
        previous = q.end
    if len(parts) < 2:
        return None
    return f"{term}{opened.rstrip(':：')}", "、".join(parts)


_COUNTED_NOUN = re.compile(r"多少(?:个|名|位)?([\u4e00-\u9fff]{2,})")


def counted_noun(question: str) -> str:
    """What a question counts with no measure word ("救助了多少学员" → 学员…): the words right
    after 多少, else "" (a count before that noun in a quote is the figure asked)."""
    found = _COUNTED_NOUN.search(match_text(question))
    return found.group(1) if found else ""


def _count_before(
    figures: Sequence[Quantity], start: int, unit: str | None, unnamed: bool = False
) -> Quantity | None:
    """The count written right before the asked noun in the asked measure word ("5个股室" for
    "几个股室"): Chinese puts the number and measure word in front of what it counts. With no
    measure word and no kind asked (``unnamed``: "多少学员"), a count in any measure word of
    counted things ("为36名学员…")."""
    if unit is None:
        if not unnamed:
            return None
        units = _counted_units()
        return next((q for q in figures if q.end == start and q.unit in units), None)
    return next((q for q in figures if q.end == start and q.unit == unit), None)


@functools.cache
def _counted_units() -> frozenset[str]:
    from index import vocabulary

    return frozenset(vocabulary.vocabulary()["counted_items"]["units"])


def _with_compounds(terms: Sequence[str], text: str) -> tuple[str, ...]:
    """The terms, and each run of neighbouring terms that the text writes as one word ("中央" +
    "资金" → 中央资金, longest first): the figure after the whole name is the one asked, not the
    figure after "资金" in "年初预算资金2650万元"."""
    runs = [
        "".join(terms[i:j])
        for n in range(len(terms), 1, -1)  # the longest run first ("上级工会补助收入")
        for i in range(len(terms) - n + 1)
        for j in (i + n,)
    ]
    return (*dict.fromkeys(r for r in runs if match_text(r) in text), *terms)


def _full_name(term: str, between: str) -> bool:
    """The asked term and the words after it spell a longer alias of a catalogue metric
    (政府性基金 … 政府性基金预算财政拨款收入): the figure is the asked item's, whatever other
    item words that alias contains."""
    joined = match_text(term + between).lower()
    return len(joined) > len(term) and joined in _metric_aliases()


@functools.cache
def _metric_aliases() -> frozenset[str]:
    from index.metrics import alias_index

    return frozenset(match_text(a).lower() for a, metric in alias_index().items() if metric)


_CLASS_LABEL = re.compile(r"[，,；;][\u4e00-\u9fff]{1,6}类[为是：:]?$")
"""A figure's own words after a clause break name a class of items ("（主要为轮椅…），服务类
33.55万元"): the class's figure, not the asked item's."""
_ITEM_LABEL = re.compile(r"([\u4e00-\u9fff]{2,})(?:支出|资金|经费|费|收入|补助|补贴)$")
_QUALIFYING = re.compile(
    r"其中|年初|全年|调整后|本年|当年|累计|实际|执行数?|预算数?|决算数?|合计|总"
)


def _another_items_figure(
    text: str, after_term: int, q: Quantity, figures: Sequence[Quantity], terms: Sequence[str]
) -> bool:
    """Another money figure stands between the asked term (ending at ``after_term``) and the
    money figure ``q``, whose own words label another item ("殡葬资金236.40万元，其他民政事务
    支出853.20万元": 853.20 is 其他民政事务's), not a qualifier of the same one ("预算18.00万元，
    决算15.40万元", "全年实际开支13.58万元")."""
    if not q.is_money:
        return False
    before = [f for f in figures if after_term <= f.start and f.end <= q.start and f.is_money]
    if not before:
        return False
    own = re.sub(r"[^\u4e00-\u9fff]", "", text[max(f.end for f in before) : q.start])
    label = _ITEM_LABEL.search(own)
    return (
        label is not None
        and len(_QUALIFYING.sub("", label.group(1))) >= 2
        and not any(t in own for t in terms)
    )


def _spellings(terms: Sequence[str], text: str) -> list[str]:
    """The terms, and for a term not written out in the text, its synonyms that are
    ("执行率" asked, "完成调整后预算的95.25%" written)."""
    from index.domain_terms import synonym_index

    out = list(terms)
    synonyms = synonym_index()
    for term in terms:
        key = match_text(term)
        if key not in text:
            out += [s for s in (match_text(x) for x in synonyms.get(key, ())) if s and s in text]
    return list(dict.fromkeys(out))


_PURE_QUALIFIER = re.compile(
    r"^(?:支出)?(年初|调整后?|全年|本年)?(预算|决算|执行|实际|完成)(数|率|值)?$"
)


def _names_another(between: str, terms: Sequence[str]) -> bool:
    """Words between an asked term and a figure name another item of the reports' vocabulary
    (not a qualifier, not a longer form of an asked term): the figure is that item's."""
    asked = [t.lower() for t in terms]
    low = re.sub(r"占[^，。；,;]*?的", "", between.lower())  # the whole of a share names nothing
    return any(
        word in low and not any(t in word or word in t for t in asked) for word in _item_words()
    )


_SIDES = {"收入": "支出", "支出": "收入"}


def _other_side(term: str, between: str) -> bool:
    """The figure after ``between`` is labelled by the other side of the accounts than the
    asked term ("收入总计312.40万元，支出总计305.90万元": 305.90 is no 收入)."""
    side = next((s for s in _SIDES if term.endswith(s) or term.startswith(s)), None)
    if side is None:
        return False
    other = _SIDES[side]
    return bool(re.search(rf"{other}(?:总计|合计|总额|决算数?|预算数?)?[为是：:共]?$", between))


@functools.cache
def _item_words() -> tuple[str, ...]:
    """Vocabulary words of three or more characters that name an item, not a qualifier."""
    from assistant.evidence import metric_vocabulary

    return tuple(w for w in metric_vocabulary() if len(w) >= 3 and not _PURE_QUALIFIER.match(w))


@functools.cache
def _longer_terms(term: str) -> tuple[str, ...]:
    """Vocabulary words that end with ``term`` and are longer (基本支出, 项目支出 for 支出)."""
    from assistant.evidence import metric_vocabulary

    return tuple(w for w in metric_vocabulary() if len(w) > len(term) and w.endswith(term))


_AMOUNT_TERM = re.compile(r"(支出|收入|经费|资金|费|资产)$")
_POST_KIND = re.compile(r"(?:行政|事业|工勤|参公|参照公务员法管理|全额拨款|差额拨款|自收自支)$")
"""Kinds of post that name a part of an establishment (行政编制12名 of 编制36名)."""
_POST_FIGURE = re.compile(r"^[为是共：:]?$")


def _post_kinds(
    text: str, literal: Sequence[re.Match[str]], figures: Sequence[Quantity]
) -> tuple[str, str] | None:
    """(label, figure) of an establishment a report states only by its kinds of post, each
    with its own figure right after it ("行政编制32名、事业编制26名" → "行政编制 32名、事业编制
    26名"; one kind alone → that kind and its figure); None when a mention is no kind of post
    or has no figure of its own."""
    parts: dict[str, str] = {}
    for match in literal:
        kind = _POST_KIND.search(text[: match.start()]) if match.group().endswith("编制") else None
        after = next((q for q in figures if q.start >= match.end()), None)
        if kind is None or after is None or after.unit not in ("名", "人", "个"):
            return None
        if not _POST_FIGURE.match(text[match.end() : after.start]):
            return None
        parts.setdefault(kind.group() + match.group(), after.raw)
    if len(parts) == 1:
        return next(iter(parts.items()))
    return "", "、".join(f"{name} {figure}" for name, figure in parts.items())


_PART_WORD = re.compile(r"含|包括")
_OTHER_BEFORE = re.compile(r"其[他它]$")
"""其他 before an item name makes it the residual item ("其他项目支出", "其他商品和服务支出"),
another figure than the item itself."""


_PERIOD_ENDS = ("年初", "年末")


def _other_period(text: str, start: int, terms: Sequence[str]) -> bool:
    """The term at ``start`` is written for the other end of the year than the one asked
    (年末 asked, "年初结转和结余" written): that figure is the other end's."""
    asked = {p for p in _PERIOD_ENDS if any(p in t for t in terms)}
    if len(asked) != 1:
        return False
    (own,) = asked
    (other,) = set(_PERIOD_ENDS) - asked
    before = text[max(0, start - 6) : start]
    return other in before and own not in before


def _inside_longer_term(text: str, match: re.Match[str], terms: Sequence[str]) -> bool:
    """The matched term ends a longer domain term the question does not ask (支出 in 基本支出,
    项目支出; 资产 in 固定资产)."""
    if match.group().endswith("编制"):
        # "编制36名（其中行政编制12名…）": a kind of post not asked is a part of the
        # establishment, not the establishment itself
        kind = _POST_KIND.search(text[: match.start()])
        return bool(kind) and kind.group() + match.group() not in terms
    if not _AMOUNT_TERM.search(match.group()):
        return False  # 人员 asked: 在职人员 is what a report means by it
    if _OTHER_BEFORE.search(text[max(0, match.start() - 2) : match.start()]) and not any(
        _OTHER_BEFORE.search(t) for t in terms
    ):
        return True  # "其他项目支出175.40万元" is the residual item, not 项目支出 itself
    for word in _longer_terms(match.group().lower()):
        start = match.end() - len(word)
        if start >= 0 and text[start : match.end()].lower() == word and word not in terms:
            head = word[: len(word) - len(match.group())]
            if any(t != match.group() and _spells(t, head) for t in terms):
                continue  # "公车" + "运行维护费" asked: 公务用车运行维护费 is the item asked
            return True
    return False


def _spells(term: str, head: str) -> bool:
    """An asked term, or a synonym of it, is the head of a longer item name (公车 → 公务用车)."""
    from index.domain_terms import synonym_index

    key = match_text(term).lower()
    spellings = {key, *(match_text(s).lower() for s in synonym_index().get(key, ()))}
    return any(len(s) >= 2 and s in head for s in spellings)


def following_figure(
    text: str, end: int, limit: int, topic: Topic, qualifier: str
) -> tuple[int, str, str] | None:
    """(end, figure, its words) of the asked qualifier's figure in the next sentence of the same
    paragraph, which carries the subject on ("…支出3371.55万元。年初预算为3056.00万元，完成年初
    预算的110.33%"): used when the chosen sentence states no figure of that qualifier."""
    for _ in range(2):  # "…决算为38.62万元。年初预算为45.00万元。完成预算的82.16%。"
        found = re.match(r"[^。！？\n]*[。！？]?", text[end:limit])
        after = found.group(0) if found else ""
        squashed = match_text(after)
        if not squashed:
            return None
        if opens_on_other_item(squashed, topic) or other_metric_first(squashed, topic):
            return None  # "公务用车运行维护费年初预算为…": the next sentence's own item
        figures = quantities_of_kind_text(squashed, topic) or find_quantities(squashed)
        for q in (q for q in figures if not q.is_year):
            if figure_qualified(squashed, q, qualifier):
                words = re.sub(r"[为是：:，,的]+$", "", _own_words(squashed, q))
                return end + len(after), q.raw, re.sub(r"^[^\w（(]+", "", words)
        if not re.match(r"(?:年初|全年|调整后的?)?预算", squashed):
            return None  # only a budget sentence sits between an amount and its rate
        end += len(after)
    return None


_ACTUAL_WORDS = re.compile(r"支出|花了?|用了|使用")
_ACTUAL_NAMED = re.compile(r"实际|决算|执行数|实支")


def _own_words(text: str, figure: Quantity, width: int = 12) -> str:
    """The words just before a figure, back to the figure before it ("，实际支出" in
    "预算为2万元，实际支出1.16万元"): another figure's words never qualify this one."""
    previous = max((q.end for q in find_quantities(text) if q.end <= figure.start), default=0)
    return text[max(previous, figure.start - width) : figure.start]


def figure_qualified(text: str, figure: Quantity, qualifier: str) -> bool:
    """The figure's own words name the qualifier; for 决算, a spending verb not preceded by
    预算 ("支出为1.16万元") names the actual figure too."""
    words = _own_words(text, figure)
    if _AGAINST_BUDGET.search(words):
        return False  # "比预算少33354.80元": a gap from the budget, neither budget nor actual
    if qualifies(words, qualifier):
        return True
    return (
        qualifier == "决算"
        and bool(_ACTUAL_WORDS.search(words))
        and not _BUDGET_WORD.search(words)  # a fund's name (政府性基金预算…支出) is no budget
    )


_AGAINST_BUDGET = re.compile(
    r"(?:比|较|与|同)(?:年初|全年|调整后?的?)?预算数?(?:相比)?[，,]?"
    r"(?:少|多|节约|节省|减少|增加|超支|超出|下降|增长|结余)"
)
_BUDGET_WORD = re.compile(r"(?<!公共)(?<!基金)(?<!经营)(?<!保险基金)预算")


def qualifies(before: str, qualifier: str) -> bool:
    """The words before a figure name the qualifier (its column pattern, e.g. 决算|实际|执行数)."""
    from assistant.tables import QUALIFIERS

    pattern = next((p for name, _, p in QUALIFIERS if name == qualifier), None)
    return bool(pattern and pattern.search(before))


def quantities_of_kind_text(text: str, topic: Topic) -> list[Quantity]:
    from assistant.evidence import Unit

    return quantities_of_kind(Unit(0, text, 0, len(text)), topic.kinds)


def _not_the_budget(finding: Finding, query: Query) -> str:
    """A note when a budget is asked and the figure shown is the spending its sentence states
    ("三公经费预算多少" answered by "三公经费支出6.84万元"): the report gives no budget there."""
    if query.qualifier != "预算" or finding.qualified or finding.unit.is_row:
        return ""
    squashed = match_text(finding.shown)
    figure = next((q for q in find_quantities(finding.figure or "") if not q.is_year), None)
    at = next((q for q in find_quantities(squashed) if figure and q.raw == figure.raw), None)
    if at is None:
        return ""
    words = _own_words(squashed, at)
    passage = finding.passage
    offset = finding.unit.start - passage.start
    before = match_text(passage.span_text[:offset]) if offset >= 0 else ""
    # the sentence may open before the quoted clause ("三公经费支出6.84万元…其中：…接待费1.72万元")
    sentences = re.split(r"[。！？!?\n]", before + squashed[: at.start])
    sentence = sentences[-1]
    if sentence.startswith("其中") and len(sentences) > 1:  # "…支出6.84万元。其中：…"
        sentence = sentences[-2] + sentence
    if "预算" in words or not _ACTUAL_WORDS.search(words if "预算" in sentence else sentence):
        return ""
    if query.language == "en":
        return " (an actual figure; a budget figure is not provided here)"
    return "（此为实际支出，报告此处未给出预算数）"


def lead(report: Report, findings: Sequence[Finding], cites: Citations, query: Query) -> str:
    """The direct answer for one report: whose, which year, the figure(s) and unit."""
    parts = []
    unit, count = asked_unit(query.zh_text or query.text), asks_count(query)
    if query.qualifier != "目标值":  # what was done leads; a target ("不低于3.5万人") after
        findings = sorted(findings, key=_states_bound)
    for f in _each_qualifier(
        findings, lead_findings(findings, unit, count, asked=query.qualifier is not None), query
    ):
        if f.figure and not any(f.figure in p for p in parts):
            note = _not_the_budget(f, query)
            label = as_written(f.label, f.shown)
            parts.append(f"{label} {f.figure}{cites.mark(f.passage)}{note}".strip())
    grade = _grade_stated(findings) if _GRADE_ASKED.search(query.zh_text or query.text) else None
    if grade is not None:  # "什么等级": the grade the report gives, before any score
        word, passage = grade
        en = query.language == "en"
        parts.insert(0, f"{'grade' if en else '评价等级'} “{word}”{cites.mark(passage)}")
    if not parts and findings and states_absence(findings[0].shown):
        marker = cites.mark(findings[0].passage)
        if query.language == "en":
            return (
                f"According to the report of {who_en(report)}: none — it states there was "
                f"no such item{marker}."
            )
        return f"{who(report)}：没有——报告写明无此项{marker}。"
    if not parts:
        return ""
    if query.language == "en":
        return f"According to the report of {who_en(report)}: " + "; ".join(parts) + "."
    return f"{who(report)}：" + "；".join(parts) + "。"


_GRADE_ASKED = re.compile(r"等级|评级|档次|评价结果|评定结果|\bgrade\b|\brating\b|\brated\b", re.I)
_GRADE = re.compile(
    r"(?:评价|评定|考核|绩效)?(?:等级|等次|评级|结果)(?:为|是|评定为|：|:)?\s*[“\"「『]?"
    r"(优秀|优|良好|良|中等|中|合格|及格|较好|一般|较差|差|不合格)[”\"」』]?"
)


def _grade_stated(findings: Sequence[Finding]) -> tuple[str, Passage] | None:
    """The grade a quoted sentence gives ("评价等级为“优”"), with its passage."""
    for f in findings:
        found = _GRADE.search(f.shown)
        if found:
            return found.group(1), f.passage
    return None


def _each_qualifier(
    findings: Sequence[Finding], leads: list[Finding], query: Query
) -> list[Finding]:
    """Several figures of one item asked ("预算和决算分别是多少"): a finding stating all of them
    (a table row read under each asked column) leads alone; else each figure's own finding,
    the ones whose label names an asked figure the leads do not state yet."""
    several = asked_qualifiers(query.zh_text or query.text)
    if len(several) < 2:
        return leads
    every = [f for f in findings if f.figure and sum(q in f.figure for q in several) > 1]
    if every:
        return [every[0], *(f for f in leads if f.topic != every[0].topic)]
    named = {q for f in leads for q in several if q in (f.label or "")}
    out = list(leads)
    for f in findings:
        fresh = [q for q in several if q in (f.label or "") and q not in named]
        if f.figure and fresh and f not in out:
            out.append(f)
            named.update(fresh)
    return out


def as_written(label: str, shown: str) -> str:
    """A label read from the squashed text as the quote writes it ("因公出国境费" →
    "因公出国（境）费"); the label itself when the quote does not hold it whole."""
    if not label or label in shown:
        return label
    kept, offsets = squashed(shown)
    at = kept.find(label)
    if at < 0:
        return label
    written = shown[offsets[at] : offsets[at + len(label) - 1] + 1]
    pairs = ("（）", "()", "“”", "《》", "「」", "【】")
    if any(written.count(a) != written.count(b) for a, b in pairs):
        return label  # a bracket or quote cut in half
    return written


_COUNT_UNITS = frozenset(
    "辆 人 名 个 项 家 所 座 处 批次 人次 次 场 场次 户 件 台 套 艘 张".split()
)
_NOT_A_COUNT = re.compile(
    r"钱|费|元|经费|资金|成本|支出|收入|预算|决算|花|补助|投入|金额|价|采购|投资|拨款|债|工资|"
    r"资产|原值|"
    r"率|比例|比重|占|得分|分数|"
    r"评分|budget|spen[dt]|cost|fund|expens|rate|score|percent|money|yuan",
    re.I,
)
_MORE_OR_FEWER = re.compile(r"[多少]|几|more|fewer|most|least|how many", re.I)


def asks_count(query: Query) -> bool:
    """A comparison of counted things with no money, rate or score word ("哪个县演得多",
    "多演了几场"): the count is compared, never a cost per unit whose label shares the words."""
    asked = f"{query.zh_text or query.text} {query.topic} {query.context}"  # a follow-up's too
    return (
        query.intent == "compare"
        and not _NOT_A_COUNT.search(asked)
        and bool(_MORE_OR_FEWER.search(asked))
    )


def _is_count(figure: str) -> bool:
    found = [q for q in find_quantities(figure) if not q.is_year]
    return bool(found) and found[0].unit in _COUNT_UNITS


LEAD_MARGIN = 0.6
"""With no qualifier asked, how far below the best quote one whose figure is the final amount
(实际, 决算) may rank and still lead: a sentence penalised as another item's ("（一）某项目。…
实际支出…") never leads for its 实际. A qualifier the question asks leads from any rank."""


def lead_findings(
    findings: Sequence[Finding], unit: str | None = None, count: bool = False, asked: bool = False
) -> list[Finding]:
    """Per topic, the finding the lead states: the first whose figure is in the asked measure
    word (多少人次 → 人次) — or, when a count is compared (``count``), the first counted figure
    — else the first with the asked qualifier and a figure (when the question ``asked`` none,
    ranked within ``LEAD_MARGIN`` of the best), else the first with a figure, else the first."""
    topics = dict.fromkeys(f.topic for f in findings)
    counted = [f for f in findings if unit and f.figure and _in_unit(f.figure, unit)]
    counted = [f for f in counted if f.qualified] + [f for f in counted if not f.qualified]
    if count and not counted:
        counted = [f for f in findings if f.figure and _is_count(f.figure)]
    top = {t: max(f.score for f in findings if f.topic == t) for t in topics}
    margin = math.inf if asked else LEAD_MARGIN
    return [
        next((f for f in counted if f.topic == t), None)
        or next(
            (
                f
                for f in findings
                if f.topic == t and f.qualified and f.figure and f.score >= top[t] - margin
            ),
            None,
        )
        or next((f for f in findings if f.topic == t and f.figure), None)
        or next(f for f in findings if f.topic == t)
        for t in topics
    ]


def quotes(report: Report, findings: Sequence[Finding], cites: Citations, query: Query) -> str:
    """The quotes with their markers (and a labelled 万元 conversion of large 元 amounts)."""
    shown = []
    seen: set[tuple[int, int]] = set()
    for f in findings:
        if (f.unit.start, f.unit.end) in seen:
            continue  # one quote stating the figures of two parts of the question
        seen.add((f.unit.start, f.unit.end))
        context = f"（{f.table.describe()}）" if f.table and f.table.describe() else ""
        heading = lead_in_before(f.unit, f.passage)  # "（一）森林防火项目。": whose figures
        quoted = (
            f"{heading}{f.shown}" if heading and f.shown.startswith(f.unit.text[:8]) else f.shown
        )
        shown.append(f"「{quoted}」{cites.mark(f.passage)}{context}{conversion(f.shown)}")
    if query.language == "en":
        return "Quoted from the report: " + "; ".join(shown) + "."
    return "原文：" + "；".join(shown) + "。"


def conversion(shown: str) -> str:
    """A labelled 万元 conversion for large amounts written in 元 (never replacing them)."""
    big = [q for q in find_quantities(shown) if q.unit == "元" and q.value >= 10_000]
    if not big:
        return ""
    parts = [f"{q.raw}≈{_wan(q.value)}万元" for q in big[:3]]
    return f"（换算：{'，'.join(parts)}）"


def _wan(yuan: Decimal) -> str:
    """元 in 万元 to two places, rounded half up; a figure exactly halfway between two
    hundredths (362.845) is shown exact, since either rounding is half a step off."""
    wan = yuan / 10_000
    two = wan.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if abs(wan - two) * 2 == Decimal("0.01"):
        return f"{wan.normalize():f}"
    return f"{two:.2f}"


def refusal(query: Query, targets: Sequence[Report]) -> str:
    scope = "、".join(who(r) for r in targets[:6])
    topic = query.topic or query.text
    if query.language == "en":
        return (
            f"The reports do not say ({topic}); searched: {scope}. "
            "The nearest passages are listed as sources."
        )
    return f"报告中未找到“{topic}”的相关内容（已检索：{scope}）。最接近的段落列在来源中，供核对。"


def locate_line(report: Report, passage: Passage, sentence: str, marker: str, query: Query) -> str:
    where = f"「{passage.section}」"
    if query.language == "en":
        return f"In the {who(report)} report, section {where}: “{sentence}”{marker}."
    return f"{who(report)}报告{where}一节：“{sentence}”{marker}。"


def same_text(a: str, b: str) -> bool:
    return match_text(a) == match_text(b)
