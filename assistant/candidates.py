"""Choosing the evidence: candidate sentences, clauses and table rows of the retrieved passages,
scored against the question's informative terms, and the threshold below which the answerer
refuses instead of quoting.

Each hard term of a topic gets an IDF weight over the candidate units (a term every unit holds
tells nothing; a rare one tells much). A unit's *coverage* is the weighted share of the terms
it (or its passage, section path and the text just above it) holds. Terms that occur in no
retrieved passage and nowhere in the index are dropped when the question also names a domain
metric that is found ("两个县比一比三公经费": 比一比 is chatter, 三公经费 the topic); otherwise they
stay, so a question about something the reports never mention is refused. The passage's fused
retrieval rank (dense ∪ BM25) adds the dense-similarity side.

``MIN_COVERAGE`` was calibrated with ``bench/refusal_calibration.py`` on the dev sets'
answerable vs unanswerable items (see that script's docstring for the figures).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.answer import Passage
from assistant.derived import list_items
from assistant.evidence import (
    PROJECT_NAME,
    REASON,
    Topic,
    Unit,
    closeness,
    lead_in_before,
    line_before,
    match_text,
    quantities_of_kind,
    split_units,
    states_absence,
    term_present,
    term_strength,
)
from assistant.listing import section_points
from assistant.own_totals import TOTAL_METRICS, states_only_items
from assistant.tables import (
    QUALIFIERS,
    asked_qualifier,
    column_for,
    form_subject,
    header_rows,
    merged_header,
    qualifier_of_label,
    table_title,
)
from index.domain_terms import squash, synonym_index
from index.facts import row_label
from index.metrics import alias_index, alias_pattern, squashed
from index.metrics import metrics as catalogue
from index.numbers import find_quantities

MIN_COVERAGE = 0.5
"""Best unit's weighted term coverage below this → refuse. Calibrated with
bench/refusal_calibration.py on dev_qa + dev2_tune (156 answerable, 11 unanswerable items that
reach evidence scoring): 0.5 keeps 131 and refuses 7; 0.6 keeps 126 and still refuses 7;
0.4 keeps 133 but refuses only 4."""
MAX_UNITS_PER_TOPIC = 3
CLOSE_SCORE = 0.75
_INSTRUCTION = re.compile(
    r"忽略(以上|上述|之前|前面)|无视(以上|上述)|请?回答[:：]|ignore (all |the )?(previous|above)",
    re.I,
)
"""Text that addresses the reader as an instruction: report text is data, never a command."""
_NAME = re.compile(r"(局|委|办|厅|院|所|站|中心|县|区|市|镇|乡|街道)$")
"""A term naming a body or place is never chatter: a report about another one is not this one."""


@dataclass(frozen=True)
class Candidate:
    """A scored unit: how well it answers, and the weighted share of the terms it covers."""

    unit: Unit
    passage: Passage
    score: float
    coverage: float


@dataclass(frozen=True)
class TermWeights:
    """IDF weight per hard term over the candidate units; 0 for dropped chatter."""

    weights: dict[str, float]

    @classmethod
    def build(
        cls,
        topics: Sequence[Topic],
        passages: Sequence[Passage],
        known: Callable[[str], bool] = lambda _term: True,
    ) -> TermWeights:
        """``known(term)``: the term occurs somewhere in the index. A term absent from the
        passages is dropped only when it is also unknown to the whole index (chatter such as
        比一比) and a domain metric of the question was found; a known word that these
        passages lack ("得分" where no score is given) keeps the highest weight: refused."""
        units = [match_text(u.text) for i, p in enumerate(passages) for u in split_units(p, i)]
        pool = match_text(" ".join(f"{p.section}{p.text}" for p in passages))
        terms = list(dict.fromkeys(t for topic in topics for t in topic.hard))
        found_metric = any(term_present(m, pool) for topic in topics for m in topic.metric)
        n = max(len(units), 1)
        weights: dict[str, float] = {}
        for term in terms:
            if not term_present(term, pool):
                metric = any(term in topic.metric for topic in topics)
                chatter = found_metric and not metric and not known(term) and not _NAME.search(term)
                weights[term] = 0.0 if chatter else math.log(1 + n) + 0.5  # rarest possible
                continue
            df = sum(1 for u in units if term_present(term, u))
            weights[term] = math.log(1 + n / (1 + df)) + 0.5
        return cls(weights)

    def of(self, topic: Topic) -> dict[str, float]:
        """Weights of one topic's terms, scaled to a mean of 1 over the kept terms."""
        kept = {t: self.weights.get(t, 1.0) for t in topic.hard}
        kept = {t: w for t, w in kept.items() if w > 0}
        total = sum(kept.values())
        return {t: w * len(kept) / total for t, w in kept.items()} if total else {}


def score_unit(
    unit: Unit,
    topic: Topic,
    weights: dict[str, float],
    passage: Passage,
    rank: int,
    around: str = "",
    title: str = "",
    qualifier: str | None = None,
    question: str = "",
) -> tuple[float, float] | None:
    """(score, coverage) of a unit for a topic; None when it cannot answer at all.

    Metric terms (domain vocabulary) must be in the unit or its table header (a row may find
    them in its table's caption or section); coverage counts
    the other terms in the unit or near it; at least one term must be in the unit itself, and
    a figure of the asked kind must be there."""
    before = _whole_before(unit, passage, around, topic.hard) or lead_in_before(unit, passage)
    context = match_text(f"{unit.header or ''}{unit.text}{before}")
    nearby = match_text(f"{passage.section}{passage.text}{around}")
    # a row may leave its metric to the table's caption ("三公经费表" over 公务用车运行维护费)
    where = (context + nearby) if unit.is_row else context
    if not weights or not all(
        term_present(t, where) or _rate_worked_out(t, unit, question)
        for t in topic.metric
        if t in weights
    ):
        return None
    total = sum(weights.values())
    covered = sum(
        w for t, w in weights.items() if term_present(t, context) or term_present(t, nearby)
    )
    rate_asked = bool({"percent", "score"} & topic.kinds) or any(
        _INDICATOR_ASKED.search(t) for t in (*topic.hard, *topic.soft)
    )
    in_sentence = sum(w * _naming_strength(t, context, rate_asked) for t, w in weights.items())
    label = unit.text.split("\t")[0]
    if unit.is_row and not rate_asked and _RATE_LABEL.search(match_text(_last_label(unit.text))):
        in_sentence *= SHARE_BASE_STRENGTH  # "游客接待量同比增长率": a rate, no number of 游客
    if unit.is_row and _total_of_another(label, topic):
        return None
    if not in_sentence and unit.is_row and _TOTAL_LABEL.search(label) and not _names_other(label):
        # the total row of a table whose title names the metric ("三公经费支出表" over 合计)
        title = match_text(title)
        in_sentence = TOTAL_ROW_STRENGTH * sum(
            w for t, w in weights.items() if t in topic.metric and term_present(t, title)
        )
    if not in_sentence and unit.is_row:
        in_sentence = _form_money_total(unit.text, weights, title)
    if not in_sentence:
        return None
    figures = quantities_of_kind(unit, topic.kinds)
    if not figures and qualifier == "执行率" and not unit.is_row:
        money = [q for q in find_quantities(unit.text) if q.is_money]
        if len(money) >= 2 and _BUDGET_AMOUNT.search(unit.text):
            figures = money  # "执行率呢" of an item stating its budget and spending: worked out
    if (
        topic.kinds
        and not figures
        and not (topic.kinds <= {"count"} and list_items(unit.text))
        and not (topic.kinds <= {"count"} and opens_points(unit, passage))
        and not states_absence(unit.text)  # "本部门无国有资本经营预算支出" answers: none
    ):
        return None
    soft = sum(match_text(s) in context for s in topic.soft)
    close = closeness(unit.text, topic.metric or tuple(weights), figures)
    if before and _BARE_MEASURE.match(unit.text.strip()):
        close = 1.0  # "年初预算1580.00万元" asked as the budget of the item before it
    if unit.is_row and _column_of_qualifier_row(unit, topic.metric or tuple(weights)):
        close = 1.0  # a 预算数/决算数 row: the figure sits under the column naming the term
    score = in_sentence + 0.3 * soft + 0.5 * bool(figures) + close + 0.3 / (1 + rank)
    if unit.is_row and _part_of_metric(unit, topic, weights):
        score -= PART_ROW_PENALTY
    if unit.is_row and _narrower_label(unit, topic, weights):
        score -= NARROWER_ROW_PENALTY
    if unit.is_row and _child_of_asked(unit, topic):
        score -= NARROWER_ROW_PENALTY  # 公务用车购置费 when 公务用车 (the whole) is asked
    if not unit.is_row and _items_for_whole(unit, weights):
        return None  # "政府采购支出合计41.20万元" is no statement of the body's 支出
    if not unit.is_row and named_only_in_reason(match_text(unit.text), topic.hard):
        score -= OTHER_ITEM_PENALTY  # "…支出决算11.89万元，主要是压减公车运行支出"
    if not unit.is_row and states_parts_only(unit.text, topic.metric):
        score -= OTHER_ITEM_PENALTY  # "三公经费决算中，因公出国（境）费支出决算0.00元"
    if _project_figure(unit, passage, weights, question):
        score -= OTHER_ITEM_PENALTY  # a project's 实际支出 is not the body's 支出
    if _body_figure_for_project(unit, passage, question):
        score -= OTHER_ITEM_PENALTY  # "…追加应急广播建设资金后…预算执行率97.91%": the body's
    if unit.is_row:  # a row's subject may be its table's title or form (项目名称 | 某项目)
        score -= ROW_COVERAGE_WEIGHT * (1 - covered / total)
    if unit.is_row and _other_project(title, weights, question):
        score -= PROJECT_FORM_PENALTY
    if unit.is_row and _asked_column_missing(unit, weights, qualifier):
        score -= MISSING_COLUMN_PENALTY
    if unit.is_row and _total_asked_by_column(unit, weights):
        score += TOTAL_ROW_BONUS
        if "总分" in unit.text.split("\t")[0] and any(t in _score_terms() for t in weights):
            score += TOTAL_ROW_BONUS  # the form's total score, not one block's 得分
    if topic.measure and _counts_in(unit.text, topic.measure):
        score += COUNTED_BONUS  # "几辆车": the sentence stating the count in 辆
    if topic.whole and _WHOLE_SECTION.search(passage.section):
        score += WHOLE_SECTION_BONUS
    if _INSTRUCTION.search(unit.text):
        score -= 1.0
    if (
        not unit.is_row
        and _item_elsewhere(unit, topic)
        and opens_on_other_item(match_text(unit.text), topic)
    ):
        score -= OTHER_ITEM_PENALTY
    return score, covered / total


def opens_points(unit: Unit, passage: Passage) -> bool:
    """A line with no figure that the numbered points after it in its passage belong to
    ("（一）重点项目绩效情况" over "1.…项目" "2.…项目"): what "有几个重点项目" counts."""
    if "\t" in unit.text or find_quantities(unit.text) or len(unit.text) > 40:
        return False
    at = unit.start - passage.start
    return 0 <= at < len(passage.text) and bool(section_points(passage.text, at))


def _item_elsewhere(unit: Unit, topic: Topic) -> bool:
    """Some asked term that is no metric is missing from the unit's own text."""
    own = match_text(unit.text)
    return any(t not in own for t in topic.hard if t not in topic.metric)


_CARRIED_ON = re.compile(
    r"^(?:其|该|此|本|上述|这|同时|另外|其中|全年|年初|年度|调整后的?|实际|当年|本年|预算|"
    r"决算|执行|完成|累计|共计|合计|支出|资金|金额|数|为|是|的|，|,|、)+"
)
_SUBJECT_END = re.compile(r"(?:年初|全年|调整后的?|实际)?(?:预算|决算|执行|完成|支出|为|是|：|:)")


def opens_on_other_item(sentence: str, topic: Topic) -> bool:
    """Whether a sentence opens on an item of its own that the question does not name
    ("馆藏修复项目年初预算为…" asked about 档案数字化项目): its figures belong to that item. A
    sentence carrying the subject on ("年初预算为…", "该项目预算…") or naming the asked item
    again names no other."""
    head = _SUBJECT_END.search(sentence)
    subject = _opening(sentence[: head.start()] if head else "")
    if len(subject) < 2 or not _ITEM_NAME_END.search(subject):
        return False  # "政府性基金预算…": an account, not an item of its own
    asked = _asked_terms(topic)
    named = [t for t in asked if not _ITEM_KIND.fullmatch(t)]
    if any(subject in t for t in asked) or any(term_present(t, subject) for t in named):
        return False  # the asked item again, in the report's own words (买车 → 公务用车购置费)
    for term in sorted(asked, key=len, reverse=True):
        subject = subject.replace(term, "")
    return len(re.findall(r"[\u4e00-\u9fff]", subject)) >= 2  # words the question never used


def other_metric_first(sentence: str, topic: Topic) -> bool:
    """The words before the sentence's first figure name a metric the question does not ask
    ("其中基本支出640.20万元" when 实际支出 was asked)."""
    digit = re.search(r"\d", sentence)
    before = _opening(squash(sentence[: digit.start()] if digit else sentence))
    asked = {squash(t) for t in _asked_terms(topic)}
    named = {m.name for t in asked if (m := alias_index().get(t))} | set(topic.metric)
    for found in alias_pattern().finditer(before):
        metric = alias_index().get(found.group())
        if metric and found.group() not in asked and metric.name not in named:
            return True
    return False


def _opening(words: str) -> str:
    """A sentence's opening words without a leading year and the words that carry the last
    sentence's subject on ("2023年度", "其中", "该", "年初预算为")."""
    return _CARRIED_ON.sub("", re.sub(r"^(?:19|20)\d{2}年度?", "", words))


def _asked_terms(topic: Topic) -> list[str]:
    return [t for t in (*topic.metric, *topic.hard, *topic.soft) if t]


_ITEM_NAME_END = re.compile(r"(?:项目|工程|经费|费|补助|补贴|资金|专项|活动|行动)$")
"""How the name of an item of spending ends (馆藏修复项目, 公务用车运行维护费)."""
_ITEM_KIND = re.compile(r"项目|资金|经费|专项|工作|费用|支出|预算|决算|年初|全年")
"""Words any item's sentence may share with the asked one: they name no item of their own."""
OTHER_ITEM_PENALTY = 1.0
"""A sentence opening on another named item while the question's own item is named only
around it (its section, the sentence before)."""

COUNTED_BONUS = 0.6
"""A unit stating a figure in the measure word a count question asks ("共有车辆3辆" for 几辆车)."""


def _counts_in(text: str, measure: Sequence[str]) -> bool:
    return any(q.unit in measure and not q.is_year for q in find_quantities(text))


PROJECT_FORM_PENALTY = 0.3
"""A row of a project's form (its "项目名称：X" line above) when the question names nothing of
that project and no 项目: the department's own form answers it first."""
MISSING_COLUMN_PENALTY = 1.0
"""A row whose table has no column for the figure the question asks by its column's name
(全年预算数, 年初预算数, 执行率, 分值 …) and whose own label does not name it either: an indicator
row that shares the project's words is not the project's money row."""
_SPECIFIC_COLUMNS = ("执行率", "调整后预算", "年初预算", "分值", "权重")


def _other_project(title: str, weights: dict[str, float], question: str) -> bool:
    subject = next((ln for ln in title.split("\n") if ln.startswith("项目名称")), "")
    if not subject or "项目" in question or any("项目" in t for t in weights):
        return False  # a project asked (in this part or another: "项目执行率多少？资金得了几分")
    name = match_text(subject.split("：", 1)[-1])
    return not any(len(t) >= 2 and not _NAME.search(t) and match_text(t) in name for t in weights)


def _asked_column_missing(unit: Unit, weights: dict[str, float], qualifier: str | None) -> bool:
    header = (unit.header or "").split("\n")
    if not unit.header or "\t" not in header[0]:
        return False
    terms = list(weights)  # "全年" and "预算数" are asked as 全年预算数
    texts = terms + [a + b for a in terms for b in terms if a != b]
    wanted = qualifier if qualifier in _SPECIFIC_COLUMNS else None
    wanted = wanted or next(
        (q for t in texts if (q := asked_qualifier(t)) in _SPECIFIC_COLUMNS), None
    )
    if wanted is None:
        return False
    names = merged_header(header, len(unit.text.split("\t")))
    if column_for(names, wanted) is not None:
        return False
    if wanted == "执行率" and None not in (column_for(names, "预算"), column_for(names, "决算")):
        return False  # the rate is worked out from the row's budget and actual columns
    pattern = next(p for name, _, p in QUALIFIERS if name == wanted)
    pattern_hits = [n for n in names if pattern.search(n)]
    return not pattern_hits and not pattern.search(unit.text)


_MONEY_TERM = re.compile(r"经费|资金|费用?$")
"""A question's term that names an amount of money (价格监测经费, 资金)."""
_MONEY_TOTAL_LABEL = re.compile(r"资金总额|资金合计|经费总额|金额合计")
"""A form's money total row ("年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 …")."""


def _form_money_total(row: str, weights: dict[str, float], title: str) -> float:
    """How strongly a form's money total row answers a question about a named item's money:
    the form's subject above it ("项目名称：某某经费") names the question's other terms and
    the question asks money (经费/资金). 0 when not such a row."""
    label = next((c.strip() for c in row.split("\t") if c.strip()), "")
    if not _MONEY_TOTAL_LABEL.search(label) or not any(_MONEY_TERM.search(t) for t in weights):
        return 0.0
    subject = match_text(title)
    named = [t for t in weights if not _MONEY_TERM.search(t) and term_present(t, subject)]
    others = [t for t in weights if not _MONEY_TERM.search(t)]
    if not others or len(named) * 2 < len(others):
        return 0.0
    return TOTAL_ROW_STRENGTH * sum(w for t, w in weights.items() if term_present(t, subject))


@functools.cache
def _score_terms() -> frozenset[str]:
    """得分 and the words for it (自评得分, 评分, 总分 …): a question asking the score."""
    return frozenset({"得分", *synonym_index().get("得分", ())})


TOTAL_ROW_BONUS = 0.3
"""A question that names a column (执行率, 得分) and no row is about the table's total row
("年度资金总额", "总分"), not one of its items."""


ROW_COVERAGE_WEIGHT = 0.5
"""A row whose table (its title, its form's 项目名称 row, its sheet) does not name what the
question names (another project, the department) loses to a row of the table that does, even
when both hold the asked column (执行率, 得分); a row naming all of it is not raised over a
sentence."""


_BARE_SHARE = re.compile(r"占(?:比)?\s*[0-9０-９]")
"""A share with no whole named ("…合同598.12万元，占87.41%"): its whole is the sentence before."""


def _whole_before(unit: Unit, passage: Passage, around: str = "", asked: Sequence[str] = ()) -> str:
    """The sentence before a share whose whole it leaves implied ("2023年政府采购支出684.30万元
    …。授予中小企业合同598.12万元，占87.41%"), or before a bare measure whose item it leaves
    implied ("…财政拨款支出1763.58万元。\n年初预算1580.00万元"), to be read with it; "" for
    any other unit."""
    if unit.is_row:
        return ""
    opening = _BARE_MEASURE.match(unit.text.strip())
    # a bare measure reads its item from the sentence before only when that measure is asked
    measure = bool(opening) and any(t in opening.group(0) for t in asked)
    if not measure and not _BARE_SHARE.search(unit.text):
        return ""
    span = passage.span_text
    offset = unit.start - passage.start
    if not 0 <= offset <= len(span) or (offset == 0 and not measure):
        return ""
    lines = (around + span[:offset] if measure else span[:offset]).split("\n")
    before = lines[-1]
    if measure:  # a paragraph opening with the measure: the paragraph before, when it is a
        # sentence (not a heading); on one line the units already read the two together
        last = lines[-2].rstrip() if len(lines) > 1 and not before.strip() else ""
        before = last if last.endswith("。") else ""
    sentences = [s for s in re.split(r"(?<=[。；;！!？?])", before) if s.strip()]
    return sentences[-1] if sentences else ""


_BARE_MEASURE = re.compile(
    r"^(?:年初预算|全年预算|调整后(?:的)?预算|调整预算|预算数|决算数)(?:数|为|是)?[0-9０-９]"
)
"""A sentence opening with only a measure and its figure ("年初预算1580.00万元，…"): the item
it measures is the one the sentence before states."""


def _column_of_qualifier_row(unit: Unit, terms: Sequence[str]) -> bool:
    """The row is a qualifier row of a transposed table ("预算数 | 21.50 | … | 6.00") and one
    of its columns is headed by an asked term (公务接待费)."""
    if qualifier_of_label(unit.text.split("\t")[0]) is None:
        return False
    names = [match_text(n) for n in (unit.header or "").split("\n")[-1].split("\t")[1:]]
    return any(match_text(t) and match_text(t) in n for t in terms for n in names)


def _total_asked_by_column(unit: Unit, weights: dict[str, float]) -> bool:
    """The row is its table's total and the question names a column but no other row: the
    label may sit after an empty merged cell ("| 年度资金总额 | …"), and a word the column
    header already holds ("资金" of 项目资金) names no row."""
    label = match_text(next((c for c in unit.text.split("\t") if c.strip()), ""))
    header = match_text(unit.header or "")
    return (
        bool(_TOTAL_LABEL.search(label))
        and not any(term_present(t, label) and not term_present(t, header) for t in weights)
        and any(term_present(t, header) for t in weights)
    )


def _total_of_another(label: str, topic: Topic) -> bool:
    """The row totals a catalogue metric ("“三公”经费合计") other than every one the question
    asks ("支出合计"): its figure is not the asked total, whatever its table's title says."""
    if not _TOTAL_LABEL.search(label):
        return False
    own, _ = row_label(label)
    asked = {m.name for t in topic.metric if (m := alias_index().get(squash(t)))}
    return own is not None and bool(asked) and own.name not in asked


def _names_other(label: str) -> bool:
    """A total row whose label names what it totals ("“三公”经费合计"): the total of that, not
    of whatever its table's title names ("“三公”经费支出情况表" does not make it 支出合计)."""
    own = _TOTAL_LABEL.sub("", _ITEM_PREFIX.sub("", match_text(label)))
    return bool(re.sub(r"\W", "", own))


TOTAL_ROW_STRENGTH = 0.8
"""How strongly a total row ("合计") holds the metric its table's caption or section names."""
PART_ROW_PENALTY = 0.5
"""A row that meets the asked metric only through its table's caption (not its label, not its
column header) is one part of
it (公务接待费 under a 三公经费 table): a statement naming the metric itself, or the table's
total row, answers better."""
_TOTAL_LABEL = re.compile(r"合计|总计|总额|总分|小计|共计|total", re.I)


_SHARE_BASE = "占[^，。；,;]{0,12}?%s的?(比例|比重)?[0-9０-９]"


def _naming_strength(term: str, context: str, rate_asked: bool = True) -> float:
    """term_strength, but a term written only as the whole of a share ("占年度总支出的6.94%"),
    or, when no rate is asked, only before a rate of it ("游客满意度", "受益农户覆盖率"), names
    no figure of the sentence: it counts less than one naming a figure."""
    strength = term_strength(term, context)
    key = match_text(term)
    if strength == 1.0 and key:
        shares = len(re.findall(_SHARE_BASE % re.escape(key), context))
        if shares and shares == context.count(key):
            return SHARE_BASE_STRENGTH
        reason = _REASON.search(context)
        if (
            reason
            and context.find(key) > reason.start()
            and not _FIGURE.search(context, reason.end())
        ):
            return SHARE_BASE_STRENGTH  # named only in the reason for a change of other figures
        if not rate_asked and not _RATE_HEAD.match(key):
            rates = len(re.findall(re.escape(key) + _RATE_HEAD.pattern, context))
            if rates and rates == context.count(key):
                return SHARE_BASE_STRENGTH
    return strength


SHARE_BASE_STRENGTH = 0.4
_REASON = re.compile(r"(?:主要)?原因(?:是|为|在于)|主要是由于|主要系")
"""The clause explaining a change ("…增长9.71%，主要原因是专项债券资金增加"): the things it
names are why the sentence's figures changed, not what those figures are."""
_FIGURE = re.compile(r"\d")
_RATE_HEAD = re.compile(r"(?:满意度|知晓率|覆盖率|达标率|合格率|完成率|增长率|占比|比例|比重)")
"""Heads that make a term the thing a rate is of ("游客满意度" is no number of 游客)."""


def _last_label(row: str) -> str:
    """The innermost label of a row: its last text cell before the first figure (三级指标 of
    一级 | 二级 | 三级 | 指标值 …)."""
    label = ""
    for cell in row.split("\t"):
        if re.search(r"\d", cell):
            break
        if cell.strip():
            label = cell
    return label


_INDICATOR_ASKED = re.compile(r"目标|指标|完成值|实际完成|得分|分值")
"""An indicator's own value asked (目标多少): whatever it is, a rate included."""
_RATE_LABEL = re.compile(r"(?:率|满意度|占比|比例|比重)$")
"""A row label naming a rate (its last word): not the answer to "how many/how much"."""


def _part_of_metric(unit: Unit, topic: Topic, weights: dict[str, float]) -> bool:
    metrics = [t for t in topic.metric if t in weights]
    label = match_text(unit.text.split("\t")[0])
    header = match_text((unit.header or "").split("\n")[-1])  # the column names, not the caption
    if not metrics or _TOTAL_LABEL.search(label):
        return False
    others = [t for t in weights if t not in topic.metric and weights[t] > 0]
    if any(match_text(t) in label for t in others):
        return False  # the question names this part ("政府采购表里服务类")
    return not any(term_present(t, label) or term_present(t, header) for t in metrics)


NARROWER_ROW_PENALTY = 0.3
"""A row whose label adds words the question does not use to the asked term ("项目支出" for
支出) is one item of it: the row named by the term alone or by its total ("支出合计") answers
better."""
_ITEM_PREFIX = re.compile(
    r"^(其中|含|包括)[:：]?|^[一二三四五六七八九十\d]+[、.．]|^[（(][^）)]{1,3}[）)]"
)


def _narrower_label(unit: Unit, topic: Topic, weights: dict[str, float]) -> bool:
    label = _ITEM_PREFIX.sub("", match_text(unit.text.split("\t")[0]))
    asked = [match_text(t) for t in (*topic.hard, *topic.soft)]
    if not any(match_text(t) in label for t in topic.hard if t in weights):
        return False
    rest = _TOTAL_LABEL.sub("", label)
    for term in sorted(asked, key=len, reverse=True):
        rest = rest.replace(term, "")
    return len(rest) >= 2


def named_only_in_reason(text: str, terms: Sequence[str]) -> bool:
    """The asked terms are written only in the reason after the sentence's amounts ("支出决算
    11.89万元，…，主要是压减公务接待和公车运行支出"): the amounts are another item's."""
    reason = REASON.search(text)
    money = [q for q in find_quantities(text) if q.is_money]
    if reason is None or not money or max(q.end for q in money) > reason.start():
        return False
    before = text[: reason.start()]
    return all(not term_present(t, before) for t in terms) and any(
        term_present(t, text) for t in terms
    )


def states_parts_only(text: str, asked: Sequence[str]) -> bool:
    """Every amount of the sentence is one of the asked metric's parts, named in the clause
    before it ("“三公”经费决算中，因公出国（境）费支出决算0.00元"; "公务用车购置及运行维护费
    271,306.00元" when 三公经费 is asked): the whole is not stated here."""
    parts = _parts_of(tuple(asked))
    if not parts:
        return False
    amounts = [q for q in find_quantities(text) if q.is_money]
    for q in amounts:
        clause = re.split(r"[，,；;。：:]", text[: q.start])[-1]
        names = {m for m in alias_pattern().findall(squashed(clause)[0])}
        if not any(alias_index().get(squash(n)) in parts for n in names):
            return False
    return bool(amounts)


@functools.lru_cache(maxsize=256)
def _parts_of(asked: tuple[str, ...]) -> frozenset:
    """The catalogue metrics below any of ``asked`` (children, grandchildren …)."""
    by_name = {m.name: m for m in catalogue()}
    out = set()
    for metric in by_name.values():
        parent = metric.parent
        while parent is not None:
            if parent in asked:
                out.add(metric)
                break
            parent = by_name[parent].parent if parent in by_name else None
    return frozenset(out)


def _child_of_asked(unit: Unit, topic: Topic) -> bool:
    """The row is a catalogue metric whose parent the asked term also names: the question
    names the common stem of a whole and its parts ("公车" → 公务用车购置及运行维护费 over
    公务用车购置费), so the part is not what is asked."""
    label = _ITEM_PREFIX.sub("", match_text(unit.text.split("\t")[0]))
    metric = alias_index().get(squash(label))
    if metric is None or not metric.parent:
        return False
    parent = alias_index().get(squash(metric.parent))
    names = [match_text(n) for n in (metric.parent, *(parent.aliases if parent else ()))]
    asked = {match_text(s) for t in topic.hard for s in (t, *synonym_index().get(squash(t), ()))}
    asked.discard("")
    if any(a in label and not any(a in n for n in names) for a in asked):
        return False  # the part's own word is asked ("购置费")
    return any(a in n for a in asked for n in names)


_BODY_RATE = re.compile(r"(?:预算)?执行率?")


def _project_figure(unit: Unit, passage: Passage, weights: dict[str, float], question: str) -> bool:
    """The body's whole 支出 (收入) asked, no project named, and the sentence's paragraph is
    about a project ("（二）生态公益林管护项目。预算资金…，实际支出206.85万元"): a project's
    figure, not the body's."""
    asked = [t for t, w in weights.items() if w > 0]
    whole = [t in TOTAL_METRICS or _BODY_RATE.fullmatch(t) for t in asked]
    if unit.is_row or not asked or not all(whole):
        return False  # (a bare 执行率 asked is the body's too, not a project's)
    if PROJECT_NAME.search(question):
        return False
    return bool(PROJECT_NAME.search(line_before(unit, passage) + unit.text))


_PROJECT_WORD = re.compile(r"项目|工程|专项|行动")


_BUDGET_AMOUNT = re.compile(r"预算(?:资金|数|金额)?(?:为|是|：|:)?\d")


def _rate_worked_out(metric: str, unit: Unit, question: str) -> bool:
    """A named project's execution rate asked ("应急广播项目的预算执行率") and the sentence
    states the project's budget and spending: the rate is worked out from them."""
    if not _BODY_RATE.fullmatch(metric) or unit.is_row or not PROJECT_NAME.search(question):
        return False
    money = [q for q in find_quantities(unit.text) if q.is_money]
    return len(money) >= 2 and bool(_BUDGET_AMOUNT.search(unit.text))


def _body_figure_for_project(unit: Unit, passage: Passage, question: str) -> bool:
    """A project named ("应急广播项目的预算执行率") and the sentence, with its heading line,
    names no project at all: the body's figures, its words only in a reason or a fund's name."""
    if unit.is_row or not PROJECT_NAME.search(question):
        return False
    return not _PROJECT_WORD.search(line_before(unit, passage) + unit.text)


def _items_for_whole(unit: Unit, weights: dict[str, float]) -> bool:
    """The body's whole 支出 (收入) asked by that word alone, and the sentence states it only
    for narrower items ("“三公”经费支出36.50万元"): the sentence stating the whole answers
    better, as a row labelled by the term alone does."""
    asked = [t for t, w in weights.items() if w > 0]
    metric = alias_index().get(squash(asked[0])) if len(asked) == 1 else None
    name = metric.name if metric is not None else (asked[0] if len(asked) == 1 else "")
    if name not in TOTAL_METRICS:  # "总支出" is 支出 asked in another word
        return False
    return states_only_items(unit.text, name)


WHOLE_SECTION_BONUS = 0.4
"""A question about the department as a whole ("部门预算总额") is answered from the sections
or sheets about the whole department (部门整体…, 整体绩效目标申报表), not from one project's."""
_WHOLE_SECTION = re.compile(r"整体|部门(?!.{0,6}项目)")


def ranked(
    passages: Sequence[Passage],
    topic: Topic,
    weights: dict[str, float],
    report_text: str,
    qualifier: str | None = None,
    question: str = "",
) -> list[Candidate]:
    """Every unit of the passages that can answer ``topic`` (with the column ``qualifier`` the
    question asks, if any), best first."""
    out = []
    for rank, passage in enumerate(passages):
        around = report_text[max(0, passage.start - 300) : passage.start]
        for unit in split_units(passage, rank):
            title = (  # a form's "项目名称：X" line names its rows' subject too
                f"{table_title(report_text, unit.start)}\n{form_subject(report_text, unit.start)}"
                if unit.is_row
                else ""
            )
            heads = header_rows(report_text, unit.start) if unit.is_row else []
            if heads and unit.text not in heads:  # its own table's header, not the passage's
                unit = replace(unit, header="\n".join(heads))
            scored = score_unit(
                unit, topic, weights, passage, rank, around, title, qualifier, question
            )
            if scored is not None:
                out.append(Candidate(unit, passage, *scored))
    out.sort(key=lambda c: (-c.score, c.unit.start))
    return out


def choose(candidates: list[Candidate], limit: int = MAX_UNITS_PER_TOPIC) -> list[Candidate]:
    """The best candidate and close runners-up, if the best covers enough of the question."""
    if not candidates:
        return []
    best = max(candidates, key=lambda c: (c.coverage, c.score))
    if best.coverage < MIN_COVERAGE:
        return []
    top = candidates[0].score
    out: list[Candidate] = []
    plain = [c for c in candidates if not _INSTRUCTION.search(c.unit.text)]
    for cand in plain or candidates:  # text that gives orders is quoted only if nothing else
        if out and cand.score < CLOSE_SCORE * top:
            break
        if len(out) >= limit:
            break
        if cand.coverage < MIN_COVERAGE:
            continue
        if any(_overlaps(cand.unit, c.unit) for c in out):
            continue
        out.append(cand)
    return out


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.start < b.end and b.start < a.end


_MEASURE_WORD = re.compile(r"人次|人数|户数|批次|次数|场次|人")
"""Metrics that only say how a thing is counted: the thing itself is the topic's other words."""


def rarest_term(topic: Topic, weights: dict[str, float], passages: Sequence[Passage]) -> str | None:
    """The one word of a topic naming no metric that the passages write, but least ("价差" of
    "轮换价差补贴"): the word an answering sentence must carry. None for metric topics, one-word
    topics and ties; a word no passage writes ("以后") is left to the refusal threshold."""
    pool = match_text(" ".join(f"{p.section}{p.text}" for p in passages))
    written = {t: w for t, w in weights.items() if term_present(t, pool)}
    measures_only = all(_MEASURE_WORD.fullmatch(m) for m in topic.metric)  # "门急诊人次"
    if not measures_only or len(weights) < 2 or len(written) < 2:
        return None
    written = {t: w for t, w in written.items() if t not in topic.metric}
    if not written:
        return None
    ranked = sorted(written.items(), key=lambda tw: -tw[1])
    if len(ranked) == 1:
        return ranked[0][0] if topic.metric else None
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else None


def names_term(cand: Candidate, term: str) -> bool:
    """The sentence (or row), its heading line or its section writes the term."""
    if cand.unit.is_row:
        return True
    around = f"{cand.unit.text}{lead_in_before(cand.unit, cand.passage)}{cand.passage.section}"
    return term_present(term, match_text(around))
