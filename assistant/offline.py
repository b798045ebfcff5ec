"""The offline answerer: retrieve once, choose the evidence, read tables, compose the answer,
add derived figures and conflicts. Each step lives in its own module; this one only wires them:

- :mod:`assistant.candidates` — scoring candidate units, the refusal threshold;
- :mod:`assistant.tables` — rows read under their headers, the asked column, the caption unit;
- :mod:`assistant.compose` — the lead sentence, the quotes, refusals and locate lines;
- :mod:`assistant.derived` — differences, sums, shares, growth rates, counts of listed items;
- :mod:`assistant.conflicts` — other statements of an answered figure that disagree;
- :mod:`assistant.extremes`, :mod:`assistant.scores`, :mod:`assistant.headings` — the largest
  item of a list, points lost on an indicator row, a heading's section body;
- :mod:`assistant.locate` — "在哪一部分" answers.

Every figure it shows is copied from a cited passage, or is a calculation from quoted figures.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from assistant import (
    absent_detail,
    answerable,
    breakdown,
    candidates,
    claims,
    column_rows,
    conflicts,
    definitions,
    derived,
    english_leads,
    item_gap,
    item_share,
    locate,
    named_items,
    prose_sums,
    rates,
    table_counts,
    table_sums,
    year_total,
)
from assistant.answer import Answer, Passage
from assistant.candidates import Candidate, TermWeights
from assistant.checks import reader_warnings
from assistant.column_pair import column_gaps
from assistant.compose import (
    Citations,
    Finding,
    asked_unit,
    asks_count,
    budget_clause_start,
    counted_noun,
    extend_clause,
    following_figure,
    lead,
    lead_figure,
    lead_findings,
    quotes,
    refusal,
    who,
    who_en,
)
from assistant.evidence import (
    Topic,
    Unit,
    asked_kinds,
    lead_in_before,
    make_topics,
    match_text,
    term_present,
)
from assistant.execution_rate import rate_against_amounts
from assistant.extremes import extremes
from assistant.form_scores import asks_project_scores, project_score_lines
from assistant.headings import is_section_heading, section_body_end
from assistant.listing import section_points
from assistant.row_extremes import row_extremes
from assistant.scope import asks_every_report, side_key
from assistant.scores import points_lost
from assistant.statements import Statement, label_of, same_label, statements
from assistant.tables import (
    TableContext,
    asked_qualifier,
    asked_qualifiers,
    asks_prior_column,
    caption_start,
    caption_unit,
    cell_text,
    column_for,
    column_named,
    columns_written,
    group_statement,
    header_rows,
    label_columns,
    label_segment,
    label_start,
    level_columns,
    merged_header,
    qualifier_in,
    qualifier_of_label,
    qualifier_rows,
    row_statement,
    table_title,
)
from assistant.understanding import Query, split_parts
from index.domain_terms import synonym_index
from index.models import FactRecord, Report
from index.numbers import Quantity, find_quantities

__all__ = ["Citations", "OfflineAnswerer", "who"]

Retrieve = Callable[[str, Sequence[str], int], list[Passage]]
"""retrieve(query_text, report_ids, k) → passages from those reports, best first."""

_MARKER = re.compile(r"\[\d+\]")
_COUNTED = frozenset("辆 人 名 个 项 家 所 座 处 批次 人次 次 场 场次 户 件 台 套 艘 张".split())
"""Units of counted things: two reports' counts may be compared as amounts are."""
_TOTAL_COLUMN = re.compile(r"(?:本年|全年)?(?:合计|总计|小计)(?:数|金额)?")
"""The header of a row's total column: the row item's own figure when no other is asked."""
MAX_REPORTS = 12
PER_REPORT = 8


def _measure(q: Quantity) -> bool:
    """A quantity in a unit of measure (平方公里, 万人次, 亩), neither money nor a rate: two
    sides in the same unit are subtracted as counts are (``derived`` checks the units)."""
    return bool(q.unit) and q.unit != "%" and not q.is_money


def _own_part(wanted: str, asked: str, topic: str) -> str:
    """What a topic of a question in parts is asked as: the part naming it ("花了多少钱？造了
    多少林？" → 造林 in 亩, not money), when exactly one part does; else the whole question."""
    own = _own_clause(asked, topic)
    return f"{topic} {own}" if own else wanted


def _own_clause(asked: str, topic: str) -> str:
    """The one part of a question in parts that names every word of ``topic`` and asks
    something itself, else "" ("两个单位的政府采购当中，中小企业所占比例哪家高": the first part
    only sets the scene of the second)."""
    parts = [p for p in split_parts(asked) if p.strip()]
    words = [w for w in topic.split() if w]
    if len(parts) < 2 or not words:
        return ""
    own = [p for p in parts if all(w in match_text(p) or _spread(w, p) for w in words)]
    return own[0] if len(own) == 1 and _ASKS_ITSELF.search(own[0]) else ""


_ASKS_ITSELF = re.compile(r"多少|几|哪|吗|是否|有无|怎样|如何|什么")


def _spread(word: str, part: str) -> bool:
    """A two-character word asked apart ("造了多少林" for 造林)."""
    return len(word) == 2 and re.search(f"{word[0]}.{{0,6}}{word[1]}", part) is not None


def _whole_as_amount(query: Query, n: int, wanted: str) -> str:
    """What topic ``n`` is searched as: the second of a share's two topics (part, whole) is the
    whole's amount, never a stated percentage ("人员经费占多少" after "基本支出多少")."""
    asked = query.zh_text or query.text
    if not 2 <= len(query.topics) <= 3 or not derived.asks_share(asked):
        return wanted
    composed = query.language == "zh" and asked != query.text  # a follow-up's share, written
    if not composed:  # out by the conversation ("服务的占比"): its parts are amounts too
        return f"{query.context} {query.topics[1]}" if n == 1 else wanted
    # each part as an amount too, of the whole's kind (money): a share the report states is
    # read beside the part's figure
    whole = query.topics[-1]
    return f"{query.context} {query.topics[n]}" + (
        "" if n == len(query.topics) - 1 else f" {whole}"
    )


def _said(figure: str, earlier: str | None) -> bool:
    """Every figure of ``figure`` ("调整预算数 B、年初预算数 A") is already in ``earlier``."""
    said = {q.raw for q in find_quantities(earlier or "")}
    mine = {q.raw for q in find_quantities(figure)}
    return bool(mine) and mine <= said


_PART_FOLLOW_UP = re.compile(r"^(?:那)?其中(?:的)?[\u4e00-\u9fff]{1,12}(?:呢|是多少|多少)[？?]?$")
"""A follow-up asking one part of the total just answered ("其中服务类呢"): the part's share of
that total, when the quote states the total with 其中 before the part, is shown beside it."""


_OPENS_PARTS = r"(?:(?:中|其中|里|包括|主要有|主要用于|主要为)[：:，,]?|[：:])"
"""An item name opening a list of its parts ("项目支出中，A…，B…")."""


def _part_qualifier(query: Query, n: int) -> str | None:
    """The column a later part of a two-part question names in its own words ("后来调整为多少"
    → 调整后预算), None for the first part or a question asking one thing."""
    asked = query.zh_text or query.text
    if n == 0 or len(query.topics) < 2 or derived.asks_share(asked):
        return None
    part = _part_words(asked, query.topics, n)
    if not part or re.search(r"比|较|相比|多了|少了|增|减|差|超", part):
        return None  # "比年初预算多了多少": a change against that column, not the column
    return asked_qualifier(part)


def _with_part(topics: list[Topic], query: Query, n: int) -> list[Topic]:
    """The topics of part ``n`` holding that part's own words (what its figure is read by)."""
    asked = query.zh_text or query.text
    if len(query.topics) < 2 or derived.asks_share(asked) or query.language != "zh":
        return topics
    parts = [_part_words(asked, query.topics, i) for i in range(len(query.topics))]
    if not all(parts) or not all(_ASKING_WORD.search(p or "") for p in parts):
        return topics
    counted = [
        bool(_COUNT_ASKED.search(p or "") or {"count", "people"} & asked_kinds(p or ""))
        for p in parts
    ]  # "人数目标多少，实际发了多少人": both count people
    if all(counted) or not any(counted):
        return topics  # only a count beside an amount is read apart ("资产多少，有几辆车")
    part = parts[n] or ""
    # the kind of figure this part asks: its own words', else the question's but a count
    kinds = asked_kinds(part) or (asked_kinds(asked) - {"count"})
    return [replace(t, asked=part, kinds=kinds) for t in topics]


_ASKING_WORD = re.compile(r"多少|几|哪|什么|是否|吗")
_COUNT_ASKED = re.compile(
    r"(?:几|多少)(?:个|辆|家|项|名|人|位|所|座|处|户|条|台|套|批|件|次|场|天|艘|张)"
)


def _part_words(asked: str, topics: Sequence[str], n: int) -> str | None:
    """The words of the question that ask part ``n`` (from its first term to the next part's
    first term, split at a comma or question mark): what kind of figure that part wants (多少个
    项目 a count, 多少问题金额 an amount). None when the parts cannot be told apart."""
    pieces = [p for p in re.split(r"[？?；;，,]", asked) if p.strip()]
    if len(pieces) == len(topics):  # one part per clause
        return pieces[n]
    starts = []
    for topic in topics:
        first = topic.split()[0] if topic.split() else ""
        at = asked.find(first, starts[-1] + 1 if starts else 0) if first else -1
        if at < 0:
            return None
        starts.append(at)
    begin = 0 if n == 0 else starts[n]
    if n > 0:  # the part's question words before its first term ("有几辆车", "来了多少人")
        cut = max(asked.rfind(c, starts[n - 1], starts[n]) for c in "，,？?；;")
        begin = cut + 1 if cut >= 0 else starts[n]
    end = len(asked)
    if n + 1 < len(starts):
        cut = max(asked.rfind(c, starts[n], starts[n + 1]) for c in "，,？?；;")
        end = cut if cut >= 0 else starts[n + 1]
    return asked[begin:end] or None


def _moved(chosen: list[Finding], cand: Candidate, number: int) -> bool:
    """Give part ``number`` the finding an earlier part took only as a runner-up (not its
    lead) when it is this part's best candidate: "预算多少" then "实际多少" asked over both, the
    budget's runner-up is the actual figure's own sentence. True when one was moved."""
    for at, found in enumerate(chosen):
        runner_up = any(c.topic == found.topic for c in chosen[:at])
        # another figure than every other part's (never one figure read as two)
        other = all(c.figure != found.figure for n, c in enumerate(chosen) if n != at)
        if runner_up and other and found.topic != number and _overlap(cand, found.candidate):
            chosen[at] = replace(found, topic=number)
            return True
    return False


class OfflineAnswerer:
    """Answers from retrieved passages with no language model."""

    def __init__(
        self,
        retrieve: Retrieve,
        report_text: Callable[[str], str],
        facts: Callable[[str], list[FactRecord]] = lambda _id: [],
        find: Callable[[str, int, int], Passage | None] = lambda *_: None,
        known: Callable[[str], bool] = lambda _term: True,
        *,
        max_reports: int = MAX_REPORTS,
        per_report: int = PER_REPORT,
    ) -> None:
        self._max_reports = max_reports
        self._per_report = per_report
        self._retrieve = retrieve
        self._report_text = report_text
        self._facts = facts
        self._find = find
        self._known = known

    def answer(self, query: Query, targets: Sequence[Report]) -> Answer:
        """Answer ``query`` from the ``targets`` reports (already filtered by the service)."""
        asked = query.zh_text or query.text  # an English question mapped to Chinese
        search = " ".join(x for x in (query.context, query.topic, asked) if x)
        passages = self._passages(search, targets[: self._max_reports])
        wanted = f"{query.context} {query.topic} {asked}"
        whole = derived.whole_named(asked)  # "A占年初预算的比例": 年初预算 qualifies the whole
        qualified = asked.replace(whole, "") if whole else asked
        # "三公经费花了预算的百分之几": the question asks a rate whatever its topic words say
        rate = len(query.topics) <= 1 and asked_qualifier(qualified) == "执行率"
        topics: list[tuple[Topic, str | None]] = []
        for n, text in enumerate(query.topics or (query.topic,)):
            own = _own_clause(qualified, text)  # the part of the question asking this topic
            qualifier = (
                ("执行率" if rate else None)
                or asked_qualifier(text.replace(" ", "").replace(whole or "\0", ""))
                or _part_qualifier(query, n)  # "年初预算多少，后来调整为多少": its own column
                or asked_qualifier(own or qualified)
                or (None if whole or own else query.qualifier)
            )
            own_wanted = _own_part(wanted, asked, text)
            made = make_topics(text, _whole_as_amount(query, n, own_wanted), query.context)
            topics += [(topic, qualifier) for topic in _with_part(made, query, n)]
        topics = [t for t in topics if t[0].hard] or [_understood(t, query) for t in topics]
        places = self._places_missing(query, targets, passages, topics)
        if places is not None:
            return places
        anchored = self._when_anchored(query, targets)
        if anchored is not None:
            return anchored
        summed = self._sums_checked(query, targets)
        if summed is not None:
            return summed
        defined = self._defined(query, targets)
        if defined is not None:
            return defined
        scored = self._project_scores(query, targets)
        if scored is not None:
            return scored
        rows = self._rows_counted(query, targets)
        if rows is not None:
            return rows
        if query.intent == "locate":
            return self._locate(query, targets, passages, topics)
        answer = self._figures(query, targets, passages, topics)
        if answer.refused and query.context and query.topic:
            # a follow-up narrowing the last topic ("其中脱贫户和监测户呢"): the carried words
            # may rank (and weigh) the passage naming the part below others: by its own words
            again = self.answer(replace(query, context=""), targets)
            if not again.refused:
                return again
        return answer

    def _when_anchored(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """ "these figures — as of which day?": the dates of the passages stating them."""
        zh = query.zh_text or query.text
        if query.intent == "locate" and not claims.WHEN.search(zh):
            return None  # "…31个项目在哪一节": the section, found by its words and the figure
        cites = Citations()
        lines: list[str] = []
        warnings: list[str] = []
        for report in targets[: self._max_reports]:
            text = self._report_text(report.id)
            found, told = claims.when_anchored(zh, report, text, cites, self._find)
            if found:
                lines += [f"{who(report)}：", *found]
                warnings += told
        if not lines:
            return None
        return Answer(query.text, "\n".join(lines), False, cites.all(), (), tuple(warnings))

    def _defined(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """ "三公经费是什么意思": each report's own 名词解释 entry for the term, quoted."""
        zh = query.zh_text or query.text
        if not (definitions.asks_definition(query.text) or definitions.asks_definition(zh)):
            return None
        cites = Citations()
        lines = []
        for report in targets[: self._max_reports]:
            found = definitions.definition(zh, self._report_text(report.id), report.id, self._find)
            if found is None:
                continue
            shown, passage = found
            mark = cites.mark(passage)
            lines.append(
                f"The glossary (名词解释) of the report of {who_en(report)} says: "
                f"「{shown}」{mark}."
                if query.language == "en"
                else f"{who(report)}报告的“名词解释”写道：「{shown}」{mark}。"
            )
        if not lines:
            return None
        return Answer(query.text, "\n".join(lines), False, cites.all())

    def _project_scores(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """ "两个项目自评哪个得分高": each project form's 总分 in a report holding several."""
        zh = query.zh_text or query.text
        if query.language != "zh" or not asks_project_scores(zh):
            return None
        cites = Citations()
        lines = []
        for report in targets[: self._max_reports]:
            text = self._report_text(report.id)
            lines += project_score_lines(zh, report, text, cites, self._find)
        if not lines:
            return None
        return Answer(query.text, "\n".join(lines), False, cites.all())

    def _rows_counted(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """ "有几个项目", "金额100万元以上的项目有几个": the rows of the table listing them,
        counted (or listed) in each report; a follow-up ("其中500万以上的呢") counts what the
        conversation counted, within the earlier turns' bounds when it narrows them."""
        zh = query.zh_text or query.text
        if not (table_counts.asks_rows(zh) or query.asks_count):
            return None
        carried: list[str] = []
        if not table_counts.counted_nouns(zh) and table_counts.bounds_of(zh):
            carried = query.context.split()  # what the last turn counted
        cites = Citations()
        lines: list[str] = []
        for report in targets[: self._max_reports]:
            text = self._report_text(report.id)
            lines += table_counts.answer_rows(
                zh, report, text, cites, self._find, carried, query.within
            )
        if not lines:
            return None
        return Answer(query.text, "\n".join(lines), False, cites.all())

    def _sums_checked(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """ "合计数跟各项加起来对得上吗": each report's table that the question's metric names
        (its title or header), every money column added up against its total row."""
        zh = query.zh_text or query.text
        if not (table_sums.asks_sum_check(zh) or table_sums.asks_sum_check(query.text)):
            return None
        names = conflicts.asked_metrics(zh) or {
            t for t in query.terms if len(t) >= 2 and not table_sums.asks_sum_check(t + "对吗")
        }
        if not names:
            return None
        cites = Citations()
        lines: list[str] = []
        warnings: list[str] = []
        for report in targets[: self._max_reports]:
            text = self._report_text(report.id)
            best = None
            for start, block in table_sums.tables(text):
                title = match_text(f"{table_title(text, start)}{block[0][1]}")
                hits = sum(term_present(n, title) for n in names)
                if hits and (best is None or hits > best[0]):
                    best = (hits, start, block)
            listed, said = prose_sums.verify(report, text, sorted(names), cites, self._find)
            if listed:  # "其中：A；B；C", "以上三个项目…合计": the totals written in prose
                lines += [f"{who(report)}正文所列：", *listed]
                warnings += said
            if best is None:
                continue
            found, told = table_sums.verify(report, best[2], text, cites, self._find)
            if found:
                title = table_title(text, best[1]).replace("\n", " ").strip()
                lines += [f"{who(report)}「{title}」：", *found]
                warnings += told
        if not lines:
            return None
        return Answer(query.text, "\n".join(lines), False, cites.all(), (), tuple(warnings))

    def _passages(self, search: str, targets: Sequence[Report]) -> list[Passage]:
        """One filtered retrieval over all target reports; a report left without passages (its
        text ranks below the others') gets its own query so every side can be answered."""
        per = self._per_report
        if len(targets) <= 1:
            return self._retrieve(search, [r.id for r in targets], per)
        pool = self._retrieve(search, [r.id for r in targets], per * len(targets))
        out: list[Passage] = []
        for report in targets:
            mine = [p for p in pool if p.report_id == report.id][:per]
            out += mine or self._retrieve(search, [report.id], per)
        return out

    # -- figures ------------------------------------------------------------------------------

    def _figures(
        self,
        query: Query,
        targets: Sequence[Report],
        passages: list[Passage],
        topics: list[tuple[Topic, str | None]],
    ) -> Answer:
        cites = Citations()
        zh = query.zh_text or query.text  # derivations read the question in Chinese
        lines: list[str] = []
        warnings: list[str] = []
        missing: list[Report] = []
        weights = TermWeights.build([t for t, _ in topics], passages, self._known)
        answered: list[tuple[Report, list[Finding]]] = []
        merged: list[tuple[Report, Finding, str, bool]] = []  # an amount covering the asked use
        body = _body_topics(topics, targets)
        coverage = 0.0
        # one body's documents of one year (its 决算说明 and a project's form): each is read as
        # the one report asked, its own figures derived ("人员经费占基本支出多少")
        one_subject = len({(r.identity.county, r.identity.department, r.identity.year)
                           for r in targets}) == 1  # fmt: skip
        single = one_subject
        for report in targets:
            mine = [p for p in passages if p.report_id == report.id]
            findings, best = self._findings(query, mine, topics, weights, report, merged)
            if findings and all(f.topic in body for f in findings):
                findings = []  # only the words naming the body were found ("culture" bureau)
            findings = self._claimed(zh, report, findings) + findings
            findings = _rates_of_the_item(findings, topics)
            coverage = max(coverage, best)
            if not findings:
                most = row_extremes(zh, report, self._report_text(report.id), cites, self._find)
                if most and len(targets) == 1:  # "哪个指标扣分最多": the table answers alone
                    lines.append(f"{who(report)}：{most[0]}。")
                    continue
                share = None if single else self._share_from_statements(zh, report, cites)
                if share is not None:  # a side stating no share: its part ÷ its whole
                    lines.append(share)
                    continue
                missing.append(report)
                continue
            head = lead(report, _without_whole_rate(zh, findings), cites, query)
            if not one_subject and head and "%" not in head:  # "执行率谁高": a side's worked out
                worked = _worked_rate(zh, findings, cites)
                if worked is not None:
                    calc, rated = worked
                    head = f"{who(report)}：执行率 {calc}。"
                    findings = [rated, *(f for f in findings if f.candidate is not rated.candidate)]
            answered.append((report, findings))
            if single:
                head = self._share_of_the_item(zh, report, findings, cites) or head
            calcs: list[str] = []
            stated: list[str] = []  # report lines a calculation cites (checked like quotes)
            if single and breakdown.asks_breakdown(zh) and query.language == "zh":
                head = self._with_total(report, findings, cites) or head
            if one_subject:
                pairs = [(f.shown, cites.mark(f.passage)) for f in findings]
                leads = [(f.figure or "", cites.mark(f.passage)) for f in lead_findings(findings)]
                labels = [f.label for f in lead_findings(findings)]
                calcs = derived.derive(zh, pairs, leads, query.asks_count, labels)
                grand = len(labels) >= 2 and year_total.grand_total(labels[1])
                if calcs and calcs[0].startswith("占比：") and grand:  # ÷ 本年支出合计, not 总计
                    calcs[0] = self._share_of_year_total(zh, report, leads, cites) or calcs[0]
                elif derived.asks_share(zh) and derived.whole_is_part(leads):
                    # the whole led with the part's own total (a 合计 row of the part's table)
                    year = self._share_of_year_total(zh, report, leads, cites)
                    calcs = ([year] if year else []) + [
                        c for c in calcs if not c.startswith("占比：")
                    ]
                if len(query.topics) == 3 and len(leads) < 3 and derived.asks_sum(zh):
                    calcs = [c for c in calcs if not c.startswith("占比：")]  # whole not found
                row_gap = (
                    column_rows.row_gaps(
                        zh,
                        pairs,
                        self._report_text(report.id),
                        functools.partial(self._find, report.id),
                        cites.mark,
                    )
                    if not calcs or calcs[0].startswith("差额：")
                    else []
                )  # "比预算少了多少": the budget only in the table row of the quoted figure
                calcs = row_gap or calcs
                rate_asked = calcs and calcs[0].startswith("执行率：")
                gap_asked = calcs and (
                    calcs[0].startswith(("未支出", "是，超出", "未超出"))
                    or (calcs[0].startswith("差额：") and derived.qualified_pair(zh, pairs))
                    or (calcs[0].startswith("差额：") and column_gaps(zh, pairs))
                    or bool(row_gap)
                )  # "决算比预算少了多少": budget − actual of one item, not either figure
                sum_asked = bool(calcs) and calcs[0].startswith("合计：") and derived.asks_sum(zh)
                if (rate_asked and not any("%" in f for f, _ in leads)) or gap_asked or sum_asked:
                    head, calcs = f"{who(report)}：{calcs[0]}。", calcs[1:]  # what was asked
                elif not any(c.startswith(("差额", "变化")) for c in calcs):
                    head = self._gap_of_items(zh, report, cites) or head  # "A比B多多少"
                part = [q for f, _ in leads[:1] for q in find_quantities(f) if q.is_money][:1]
                said = derived.states_share(pairs, part[0]) if part else False
                share_said = derived.stated_share(pairs, part[0]) if part and said else None
                if share_said and derived.asks_share(zh) and head and "%" not in head:
                    head = f"{head.rstrip('。')}，{share_said[0]}{share_said[1]}。"  # as asked
                if not calcs and part and _PART_FOLLOW_UP.match(query.text.strip()):
                    total = derived.total_before_part(pairs, part[0])  # "其中服务类呢"
                    calc = (
                        derived.share(derived.Input(part[0], leads[0][1]), total) if total else None
                    )
                    calcs = [f"占比：{calc}"] if calc else []
                if not calcs and derived.asks_share(zh) and not said:
                    whole = query.topics[1] if len(query.topics) == 2 else None
                    if whole and whole.replace(" ", "") in zh:
                        whole = None  # both named in this question: no whole carried over
                    calcs = self._share_of_named_whole(zh, report, leads, cites, pairs, whole)
                    total = derived.total_before_part(pairs, part[0]) if part else None
                    if not calcs and total and not derived.whole_named(zh):  # "X占比多少"
                        calc = derived.share(derived.Input(part[0], leads[0][1]), total)
                        calcs = [f"占比：{calc}"] if calc else []  # of the total it is part of
                head = _with_share(head, calcs, zh, query.language)
                find = functools.partial(self._find, report.id)
                most = extremes(zh, self._report_text(report.id), findings, cites, mine, find)
                most = most or row_extremes(
                    zh, report, self._report_text(report.id), cites, self._find
                )  # "哪项执行率最低": over a table's rows
                if most:  # "最大的项目是哪个": the direct answer is in the lead
                    head = (
                        f"{head.rstrip('。')}；{most[0]}。"
                        if head and not any(map(_WHICH_ASKED.search, (zh, query.text)))
                        else f"{who(report)}：{most[0]}。"
                    )  # "哪个…最低": the row found, not the figure of the first row quoted
                if derived.asks_change(zh):
                    money = derived.change_inputs(pairs, leads)
                    agreeing = rates.stated_rate_of_change(
                        report,
                        [(i.quantity, i.marker) for i in money],
                        query.terms,
                        self._report_text(report.id),
                        cites,
                        self._find,
                    )
                    calcs += [said for said, _ in agreeing]
                    stated += [shown for _, shown in agreeing]
            # each report's row, also when the body's several years are searched; "哪个指标
            # 扣分最多" asks the row, answered above, not the points lost of one row
            lost = [] if derived.asks_extreme(zh) else points_lost(zh, findings, cites)
            others = [q for q in asked_qualifiers(zh) if q != "得分"]
            if lost and head and others:  # "目标多少，实际多少，扣了几分": one more part
                head = f"{head.rstrip('。')}；{lost[0]}。"
            elif lost:  # "扣了几分": the points lost are the direct answer
                head = f"{who(report)}：{lost[0]}。"
            if named_items.asks_names(zh) and not query.asks_count:  # "有哪些": the names
                head = self._names(report, findings, cites) or head
            if query.asks_count and not derived.counted(calcs):
                calcs += self._listed_after(report, findings, cites, query)
            counted = derived.counted(calcs) if query.asks_count else []
            if counted:  # the count of listed items answers "how many", not a figure near them
                head, calcs = (
                    f"{who(report)}：{counted[0]}。",
                    [c for c in calcs if c != counted[0]],
                )
            elif not head and calcs:  # a count of listed items is the direct answer
                head, calcs = f"{who(report)}：{calcs[0]}。", calcs[1:]
            if query.language == "en" and head.endswith(".") and calcs:
                head = head[:-1] + english_leads.derived_note(calcs[0]) + "."
            text = self._report_text(report.id)
            verdict, told = claims.check_claims(zh, report, text, cites, self._find)
            warnings += told
            lines += [x for x in (head, *verdict, quotes(report, findings, cites, query)) if x]
            if single and breakdown.asks_breakdown(zh):
                lines += self._list_rest(report, findings, cites)
            elif single and query.language == "zh":
                lines += self._total_parts(zh, report, findings, cites)
            lines += calcs
            told = self._conflicts(report, findings, cites, zh)
            checked = rates.check(report, findings, text, cites, self._find)
            checked += table_sums.check(report, findings, text, cites, self._find)
            checked += prose_sums.check(report, findings, text, cites, self._find)
            claimed = zh if claims.CLAIM.search(zh) else query.text  # "Is it true that…"
            lines += claims.doubted(claimed, [c.stated for c in checked if c.stated])
            lines += claims.agreement(zh, findings, told, cites)
            lines += [c.line for c in checked] + [f"注意：{w}" for w in told]
            lines += conflicts.budget_beside_actual(report, findings, text, cites, zh)
            warnings += told + [c.warning for c in checked]
            asked = list(query.years) or ([report.identity.year] if report.identity.year else [])
            warnings += reader_warnings([f.shown for f in findings] + stated, asked)
        if not lines:
            refused = self._refuse(query, targets, passages, cites, merged)
            return replace(refused, meta={"coverage": round(coverage, 3)})
        across = self._across(query, answered, cites)
        lines += across + _each_measure_changed(query, answered, cites, across)
        if missing and len(targets) > 1:  # not for another document of a body and year answered
            said = {who(r) for r, _ in answered}
            lines += [f"{who(r)}报告中未找到相关内容。" for r in missing if who(r) not in said]
        years = sorted({r.identity.year for r in targets if r.identity.year})
        if len(targets) > 1 and len(years) > 1 and len(answered) > 1:
            warnings.append(f"各报告年度不同（{'、'.join(map(str, years))}），比较时请注意。")
        meta = {"coverage": round(coverage, 3)}
        return Answer(query.text, "\n".join(lines), False, cites.all(), (), tuple(warnings), meta)

    def _findings(
        self,
        query: Query,
        passages: list[Passage],
        topics: list[tuple[Topic, str | None]],
        weights: TermWeights,
        report: Report,
        merged: list[tuple[Report, Finding, str, bool]] | None = None,
    ) -> tuple[list[Finding], float]:
        """The chosen units for each topic, read (rows under their headers) and shown, and the
        best coverage any candidate reached (what the refusal threshold is compared with)."""
        text = self._report_text(report.id)
        chosen: list[Finding] = []
        parts: set[str] = set()
        parts_asked = len(query.topics) > 1  # sub-questions, not one topic's several metrics
        best = 0.0
        for number, (topic, qualifier) in enumerate(topics):
            ranked = candidates.ranked(
                passages, topic, weights.of(topic), text, qualifier, query.zh_text or query.text
            )
            best = max([best, *(c.coverage for c in ranked)])
            before = len(chosen)
            if answerable.project_not_in_report(query.zh_text or query.text, topic, text):
                continue  # another project's score (or the body's) is no answer
            if absent_detail.absent_qualifier(topic, query.zh_text or query.text, text):
                continue  # "门急诊人次" where no report writes 门急诊: the thing is not there
            rarest = None
            if len(topics) == 1:
                rarest = candidates.rarest_term(topic, weights.of(topic), passages)
            for cand in candidates.choose(ranked):
                if rarest and not candidates.names_term(cand, rarest):
                    continue  # "追加的轮换价差补贴": a sentence naming no 价差 is about else
                if any(_overlap(cand, c.candidate) for c in chosen):
                    if parts_asked and number > 0 and len(chosen) == before:  # quoted already
                        if _moved(chosen, cand, number):
                            continue  # another part's runner-up is this part's own answer
                        carried = self._carried(query, cand, topics, number, text, chosen)
                        chosen += [carried] if carried else []
                    continue
                # "资产总额多少，有几辆车": each part is read and checked by its own words
                question = topic.asked or query.zh_text or query.text
                finding = self._read(cand, topic, qualifier, text, question, parts_asked)
                finding = replace(finding, topic=number)
                if any(_same_figures(finding.shown, c.shown) for c in chosen):
                    continue
                if _figures_of_other_items(finding, question):
                    continue  # "资产多少" → "…固定资产投资科等5个科室": no figure of the item
                if absent_detail.no_figure_for_amount(finding.shown, finding.unit.is_row, question):
                    continue  # "采购总额是多少" → "严格执行集中采购目录…": no amount at all
                counted = answerable.counted_figure(question, finding.shown)
                if parts_asked and "count" not in topic.kinds:
                    counted = None  # "资产总额多少，有几辆车": this part asks no count
                if counted and answerable.wrong_kind(question, finding.figure):
                    finding = replace(finding, label=counted[0], figure=counted[1])  # 3辆
                elif parts_asked and topic.kinds == {"count"} and _money_only(finding.figure):
                    continue  # "批次人次变化多少": the 公务接待费 amount is no count asked
                english_asked = query.text if query.language == "en" else ""  # "spend on"
                spent = answerable.spent_figure(
                    f"{question} {english_asked}", finding.figure, finding.shown
                )
                if spent:  # "spend on vehicles": the amount the quote gives, not its 3辆
                    finding = replace(finding, label=spent[0] or finding.label, figure=spent[1])
                named = answerable.part_figure(
                    question, finding.shown
                ) or answerable.bracket_named_figure(question, finding.shown)
                named = named or answerable.level_figure(question, finding.shown)
                if named and named[1] != finding.figure:  # "项目支出中非遗保护传承": its own
                    finding = replace(finding, label=named[0], figure=named[1], qualified=True)
                failed = answerable.failed_figure(question, finding.shown)
                if failed:  # "不合格的有几批": the failed ones' count, not all checked
                    finding = replace(finding, label=failed[0], figure=failed[1])
                part = answerable.other_variant(question, finding.shown)
                if part:  # the quote states another part (城市低保 for 农村低保): every
                    parts.add(part[2:])  # answer must name the thing itself (低保)
                use = answerable.merged_use(
                    question, topic, finding.shown, finding.figure
                ) or answerable.joined_parts(question, finding.shown, finding.figure)
                within = answerable.part_not_named(
                    question, topic, finding.shown, finding.figure, finding.passage.text
                )
                use = use or within  # "公车运维费里光油钱": the whole's figure is not the part's
                absent = (
                    absent_detail.absent_level(question, text, finding.shown)
                    or absent_detail.unstated_level(question, finding.shown)
                    or (absent_detail.other_ordinal(question, finding.shown))
                    or absent_detail.reason_only(
                        question, topic.hard, finding.shown, finding.figure
                    )
                )
                if absent and not use:  # "中央资金" where the report splits 县级/省级 only
                    use = within = absent
                elif not use and absent_detail.level_not_in(question, text):
                    continue  # no fund of the asked level anywhere in the report
                if not use and answerable.use_within_fund(question, finding.shown):
                    continue  # the fund's amount, not the part spent on the use asked
                if use and merged is not None:
                    merged.append((report, finding, use, bool(within) and use == within))
                if (
                    part
                    or use
                    or answerable.count_for_amount(
                        f"{topic.asked or query.text} {question}", finding.figure
                    )
                    or answerable.wrong_kind(question, finding.figure, finding.shown)
                    or answerable.count_for_spending(english_asked, finding.figure)
                    or answerable.amount_for_counted_noun(question, topic.hard, finding.figure)
                    or answerable.deduction_for_score(question, finding.shown, finding.figure)
                    or answerable.project_score_for_body(
                        question, finding.shown, finding.figure, finding.passage.section
                    )
                    or answerable.body_score_for_project(question, finding.shown, finding.figure)
                    or answerable.average_for_one(question, finding.shown, finding.figure)
                    or answerable.narrower_item(question, topic, finding.shown)
                    or answerable.spending_for_income(question, finding.label)
                    or answerable.negated_item(question, finding.shown)
                    or absent_detail.per_head(f"{query.text} {question}", finding.shown)
                    or absent_detail.other_project(question, _row_with_title(finding))
                ):
                    continue  # a figure of another kind, or of a broader item than asked
                chosen.append(finding)
        kept = [f for f in chosen if all(p in match_text(f.shown) for p in parts)]
        return kept, best

    def _carried(
        self,
        query: Query,
        cand: Candidate,
        topics: list[tuple[Topic, str | None]],
        number: int,
        text: str,
        chosen: list[Finding],
    ) -> Finding | None:
        """A later part of a multi-part question answered by a quote an earlier part already
        shows ("救助多少人次，发放多少钱" — one sentence states both): the figure its own terms
        (those the earlier parts do not have) lead to, when that is another figure than the
        ones already stated."""
        topic, qualifier = topics[number]
        said = {t for f in chosen for t in topics[f.topic][0].hard}
        own = tuple(t for t in topic.hard if t not in said)
        topic = replace(topic, hard=own, metric=()) if own else topic
        question = query.zh_text or query.text
        part = " ".join(topic.hard)  # the part's own words: not the measure word of another
        finding = replace(self._read(cand, topic, qualifier, text, part), topic=number)
        if not finding.figure or any(_said(finding.figure, c.figure) for c in chosen):
            return None  # "年初预算数 A、调整预算数 B" already stated, in either order
        shown = match_text(finding.shown)
        opened = [
            t for t in topic.hard if re.search(re.escape(match_text(t)) + _OPENS_PARTS, shown)
        ]
        named = any(term_present(t, match_text(finding.label)) for t in topic.hard)
        if named and re.match(r"其[他它]", finding.label) and not re.search(r"其[他它]", question):
            return None  # "其他项目支出175.40万元" is the residual item, not 项目支出
        if opened and not named:
            return None  # "项目支出中，A 1865.40万元…": a part's figure, not the part asked
        if answerable.wrong_kind(question, finding.figure):
            return None
        if answerable.amount_for_counted_noun(question, topic.hard, finding.figure):
            return None  # "新增了多少耕地": not 耕地保护补偿资金's amount
        return finding

    def _claimed(self, question: str, report: Report, findings: list[Finding]) -> list[Finding]:
        """The sentences a checked claim is about ("执行率95.25%对吗"), quoted first when the
        chosen units do not already hold them: the check is of the stated figure itself."""
        if not claims.claims(question):
            return []
        text = self._report_text(report.id)
        out = []
        for start, end in claims.anchors(question, text):
            if "\t" in text[start:end] or any(
                f.unit.start < end and start < f.unit.end for f in findings
            ):
                continue
            passage = self._find(report.id, start, end)
            if passage is None:
                continue
            shown = text[start:end].strip().rstrip("。；;，,")
            unit = Unit(0, text[start:end], start, end)
            out.append(Finding(Candidate(unit, passage, 1.0, 1.0), shown))
        return out

    def _read(
        self,
        cand: Candidate,
        topic: Topic,
        qualifier: str | None,
        text: str,
        topic_text: str,
        several_parts: bool = False,
    ) -> Finding:
        unit = cand.unit
        if unit.is_row:
            cand = _with_caption(cand, text)
            money = caption_unit(text, unit.start)
            heads = header_rows(text, unit.start) or ([unit.header] if unit.header else [])
            cells = unit.text.split("\t")
            names = merged_header(heads, len(cells))
            across = _down_column(unit, cells, names, topic, qualifier, text, topic_text, money)
            if across is not None:
                shown, figure, label, qualified = across
                context = TableContext(money, "\t".join(names))
                return Finding(cand, shown, context, figure, label, qualified)
            lo, hi = label_segment(cells, topic.metric or topic.hard, topic_text)
            mine = [n if lo < i < hi else "" for i, n in enumerate(names)]  # the label's group
            prior = asks_prior_column(topic_text)
            col = column_for(mine, qualifier, prior)
            if col is None and several_parts:  # "编制多少，实有人数多少": this part's column
                col = column_named(mine, " ".join(topic.metric or topic.hard), partial=True)
            if col is None:  # no column names the qualifier: one the question writes out
                col = column_named(mine, topic_text)
            titled = qualifier_in(table_title(text, unit.start), qualifier)
            qualified = qualifier is None or col is not None or titled
            if col is None and qualifier is None:  # unqualified: the final figure first
                col = column_for(mine, "决算", prior) or column_for(
                    mine, "完成值"
                )  # money / indicator
            elif col is None and qualifier == "执行率":  # an indicator row 预算执行率: its
                col = column_for(mine, "完成值")  # achieved value, never the 指标值 target
                if col is None:  # a money row: what was spent, of which the rate is worked out
                    col = column_for(mine, "决算", prior)
            if col is None:  # a row split into parts (基本支出 | 项目支出 | 合计): its total
                col = next((i for i, n in enumerate(mine) if _TOTAL_COLUMN.fullmatch(n)), None)
            shown = row_statement(unit, money, heads, col)
            if col is None:
                col = next((i for i in range(lo + 1, hi) if find_quantities(cells[i])), None)
            if lo > 0 and col is not None:  # a side-by-side row: the asked group first
                shown = group_statement(cells, names, money, (lo, hi), col) or shown
            figure = cell_text(names[col], cells[col].strip(), money, cells[0]) if col else None
            context = TableContext(money, "\t".join(names))
            own = cells[lo].strip()
            if lo == 0 and label_columns(cells):  # "公务用车 | 运行维护费 | 4.26"
                own = "·".join(c.strip() for c in cells[: label_columns(cells) + 1] if c.strip())
            elif lo == 0 and level_columns(names):  # 一级·二级·三级指标: the row's own level
                own = cells[level_columns(names)].strip() or own
            elif lo == 0 and label_start(names, cells):  # "1 | 高标准农田建设项目 | …"
                own = cells[label_start(names, cells)].strip()
            if re.fullmatch(r"合计|总计|小计|共计", own) and topic.metric:
                own = f"{topic.metric[0]}{own}"  # "合计" of a 三公经费 table → 三公经费合计
            label = own + (f"（{names[col]}）" if col and names[col] else "")
            several = [column_for(mine, q) for q in asked_qualifiers(topic_text)]
            several = list(dict.fromkeys(c for c in several if c))
            if len(several) < 2:  # "基本支出和项目支出各多少": the lower columns it writes
                several = columns_written(mine, topic_text) or several
            if len(several) > 1:  # "预算、决算和执行率分别是多少": every asked column
                label = own if lo == 0 else cells[lo].strip()
                figure = "、".join(
                    f"{names[c]} {cell_text(names[c], cells[c].strip(), money, cells[0])}"
                    for c in several
                )
            return Finding(cand, shown, context, figure, label, qualified)
        end = extend_clause(text, unit.start, unit.end, cand.passage.end)
        if breakdown.asks_breakdown(topic_text):  # "都花在哪了": the whole numbered list
            end = breakdown.list_end(text, unit.start, end, cand.passage.end)
        if is_section_heading(cand):  # "存在什么问题" → "五、存在的问题": what it says
            end = section_body_end(text, unit.end, cand.passage.end)
        begin = unit.start
        if qualifier == "执行率":  # the rate with the budget it is of, written just before
            begin = budget_clause_start(text, unit.start, end, cand.passage.start)
        shown = text[begin:end].strip().rstrip("。；;，,")
        unit_asked = asked_unit(topic_text)
        picked = lead_figure(shown, topic, qualifier, unit_asked, counted_noun(topic_text))
        heading = lead_in_before(unit, cand.passage)
        if heading and (picked is None or not picked[2]):  # "1.某某项目。预算资金186.00万元"
            headed = lead_figure(f"{heading}{shown}", topic, qualifier, unit_asked)
            if headed and headed[2] and headed[1] in shown:  # the heading names the subject
                picked = headed
        label, figure, qualified = picked if picked else ("", None, False)
        if qualifier and figure and not qualified:  # the next sentence may state it
            more = following_figure(text, end, cand.passage.end, topic, qualifier)
            if more:
                end, figure, words = more
                shown = text[unit.start : end].strip().rstrip("。；;，,")
                label, qualified = f"{label}（{words}）" if label else words, True
        several = _several_figures(shown, topic, asked_qualifiers(topic_text))
        if several:  # "预算和决算各多少": each asked figure the sentence states
            figure, qualified = several, True
            label = next((t for t in topic.metric or topic.hard if t in match_text(shown)), "")
        return Finding(cand, shown, None, figure, label, qualified)

    def _names(self, report: Report, findings: list[Finding], cites: Citations) -> str | None:
        """The lead naming the things a question asks for ("内设机构有哪些"), read from the
        quotes' enumeration or the numbered list a quote opens."""
        text = self._report_text(report.id)
        quoted = [
            (f.shown, max(text.find(f.shown, f.unit.start), f.unit.start), cites.mark(f.passage))
            for f in findings
            if not f.unit.is_row
        ]
        find = functools.partial(self._find, report.id)
        return named_items.names_lead(who(report), quoted, text, find, cites.mark)

    def _list_rest(self, report: Report, findings: list[Finding], cites: Citations) -> list[str]:
        """The rest of a numbered list that a quote's passage cuts off ("（1）…；（2）…" in one
        chunk, "（3）…；（4）…" in the next), quoted from the passage that holds it."""
        text = self._report_text(report.id)
        out = []
        for f in findings:
            if f.unit.is_row:
                continue
            at = text.find(f.shown, f.unit.start)
            if at < 0 or at + len(f.shown) < f.passage.end - 1:
                continue  # the quote ends inside its passage: nothing cut off
            full = breakdown.list_end(text, at, f.passage.end, len(text))
            rest = text[f.passage.end : full].strip().strip("；;，,。")
            passage = self._find(report.id, f.passage.end, full) if rest else None
            if passage is not None and rest in passage.text:
                out.append(f"（续）「{rest}」{cites.mark(passage)}。")
        return out

    def _total_parts(
        self, question: str, report: Report, findings: list[Finding], cites: Citations
    ) -> list[str]:
        """A total asked ("本年支出合计多少") and led by a figure whose quotes do not give its
        parts: the report's sentence stating that figure with "其中…" parts, quoted too."""
        firsts = lead_findings(findings)
        if not firsts or not firsts[0].figure:
            return []
        first = firsts[0]
        if not breakdown.asks_total(question, first.label):
            return []
        figure = next((q for q in find_quantities(first.figure) if q.is_money), None)
        if figure is None:
            return []
        text = self._report_text(report.id)
        found = breakdown.parts_sentence(text, figure.raw.replace("万元", "").replace("元", ""))
        if found is None:
            return []
        sentence = text[found[0] : found[1]].strip().rstrip("。")
        if any(sentence in f.shown or f.shown in sentence for f in findings):
            return []
        passage = self._find(report.id, found[0], found[1])
        if passage is None or sentence not in passage.text:
            return []
        return [f"构成：「{sentence}」{cites.mark(passage)}。"]

    def _with_total(self, report: Report, findings: list[Finding], cites: Citations) -> str | None:
        """ "项目支出都花哪了" led by the parts listed after the item ("项目支出主要用于 A…、
        B…"): the item's own total first, from the sentence stating it (None: keep the lead)."""
        for f in lead_findings(findings):
            opened = _LIST_LABEL.fullmatch(f.label or "")
            if not opened or not f.figure or "、" not in f.figure:
                continue
            text = self._report_text(report.id)
            found = breakdown.item_total(text, opened.group(1))
            passage = self._find(report.id, found[0], found[1]) if found else None
            if found is None or passage is None:
                return None
            return (
                f"{who(report)}：{opened.group(1)} {found[2].raw}{cites.mark(passage)}，"
                f"{opened.group(2)} {f.figure}{cites.mark(f.passage)}。"
            )
        return None

    def _cited_inputs(
        self, report: Report, found: Sequence[Statement], cites: Citations
    ) -> list[derived.Input] | None:
        """The statements' amounts as calculation inputs, each cited (None: one has no passage)."""
        inputs = []
        for st in found:
            passage = self._find(report.id, st.start, st.end)
            if passage is None:
                return None
            inputs.append(derived.Input(st.quantity, cites.mark(passage)))
        return inputs

    def _gap_of_items(self, question: str, report: Report, cites: Citations) -> str | None:
        """ "A比B多多少" of two items of the report: A − B from its own statements of both,
        cited, as the direct answer (None: keep the lead)."""
        found = item_gap.both(question, self._report_text(report.id))
        inputs = self._cited_inputs(report, found or (), cites)
        if found is None or inputs is None:
            return None
        calc = derived.difference(inputs)
        if calc is None:
            return None
        a, b = found
        more = "多" if (a.yuan or 0) >= (b.yuan or 0) else "少"
        first, second = item_gap.name(a), item_gap.name(b)
        said = f"{first} {inputs[0].shown}，{second} {inputs[1].shown}"
        return f"{who(report)}：{said}；{first}比{second}{more}：{calc}。"

    def _share_of_the_item(
        self, question: str, report: Report, findings: list[Finding], cites: Citations
    ) -> str | None:
        """A share asked whose lead is another item's stated share: the asked part ÷ its
        whole from the report's own statements, as the direct answer (None: keep the lead)."""
        firsts = lead_findings(findings)
        if not firsts or not derived.asks_share(question):
            return None
        first = firsts[0]
        if not first.figure:
            return None
        another = item_share.of_another_item(question, first.shown, first.figure)
        if not another and not item_share.names_the_whole(question, first.label):
            return None
        return self._share_from_statements(question, report, cites)

    def _share_of_year_total(
        self, question: str, report: Report, leads: list[tuple[str, str]], cites: Citations
    ) -> str | None:
        """The lead part ÷ the report's 本年支出合计 (收入合计) when the whole led with is the
        收支总表's 总计 (see ``year_total``); None when the report states no such total."""
        found = year_total.year_total(question, self._report_text(report.id))
        part = [q for q in find_quantities(leads[0][0]) if q.is_money][:1]
        passage = self._find(report.id, found[1], found[2]) if found is not None else None
        if found is None or not part or passage is None:
            return None
        whole = derived.Input(found[0], cites.mark(passage))
        calc = derived.share(derived.Input(part[0], leads[0][1]), whole)
        return f"占比：{calc}" if calc else None

    def _share_from_statements(self, question: str, report: Report, cites: Citations) -> str | None:
        """The asked part ÷ its whole, both from the report's own money statements ("授予中小企业
        合同金额1052.30万元", "政府采购支出合计1236.80万元"); None when either is not written."""
        found = item_share.part_and_whole(question, self._report_text(report.id))
        inputs = self._cited_inputs(report, found or (), cites)
        if found is None or inputs is None:
            return None
        calc = derived.share(*inputs)
        part, whole = found
        return f"{who(report)}：{part.label}占{whole.label}：{calc}。" if calc else None

    def _share_of_named_whole(
        self,
        question: str,
        report: Report,
        leads: list[tuple[str, str]],
        cites: Citations,
        pairs: Sequence[tuple[str, str]] = (),
        topic_whole: str | None = None,
    ) -> list[str]:
        """ "A占B的比例" with only A quoted: B is the report's statement labelled B (cited), or,
        when B is only a qualifier ("占年初预算的比例"), the total A is quoted as a part of
        ("年初预算资金2650万元，其中中央资金1800万元")."""
        whole = derived.whole_named(question) or (
            topic_whole.replace(" ", "") if topic_whole else None
        )  # "其中基本支出占了百分之几" after the total: the whole is the last turn's subject
        part = [q for q in find_quantities(leads[0][0]) if q.is_money][:1] if leads else []
        if part and not derived.whole_named(question) and year_total.side_asked(question):
            # "支出中X占多少", no whole named after 占: the part ÷ 本年支出合计
            calc = self._share_of_year_total(question, report, leads, cites)
            if calc:
                return [calc]
        if not whole or not part:
            return []
        label = label_of(whole)
        if len(label) < 2 or label in _QUALIFIER_ONLY:
            total = derived.total_before_part(pairs, part[0])
            calc = derived.share(derived.Input(part[0], leads[0][1]), total) if total else None
            return [f"占比：{calc}"] if calc else []
        family = "budget" if "预算" in whole and "决算" not in whole else "actual"
        text = self._report_text(report.id)
        for st in statements(text):
            if st.family == family and same_label(label, st.label):
                passage = self._find(report.id, st.start, st.end)
                if passage is None:
                    continue
                whole_input = derived.Input(st.quantity, cites.mark(passage))
                calc = derived.share(derived.Input(part[0], leads[0][1]), whole_input)
                return [f"占比：{calc}"] if calc else []
        whole_input = self._metric_figure(report, whole, family, cites)
        if whole_input is None:
            return []
        calc = derived.share(derived.Input(part[0], leads[0][1]), whole_input)
        return [f"占比：{calc}"] if calc else []

    def _metric_figure(
        self, report: Report, phrase: str, family: str, cites: Citations
    ) -> derived.Input | None:
        """The report's own-year figure of the catalogue metric a phrase names by meaning
        ("全年支出" → 支出: "全年决算支出总额6113.27万元"): a fact of the fact table that
        agrees with itself, cited where the report writes that amount with its unit."""
        metric = derived.metric_named(phrase)
        if metric is None:
            return None
        wanted = ("预算",) if family == "budget" else ("决算", "实际", None)
        text = self._report_text(report.id)
        for st in statements(text):  # a sentence naming it otherwise ("决算支出总额…")
            if st.family == family and derived.metric_named(st.label) == metric:
                passage = self._find(report.id, st.start, st.end)
                if passage is not None:
                    return derived.Input(st.quantity, cites.mark(passage))
        for fact in self._facts(report.id):
            if (
                fact.metric != metric
                or fact.conflict
                or fact.qualifier not in wanted
                or fact.year not in (None, report.identity.year)
            ):
                continue
            at = text.find(fact.written)
            start, end = (at, at + len(fact.written)) if at >= 0 else (fact.start, fact.end)
            passage = self._find(report.id, start, end)
            quantity = next(iter(find_quantities(fact.written)), None)
            if passage is not None and quantity is not None and quantity.is_money:
                if at < 0 and fact.source != "text":
                    continue  # a bare cell: the amount with its unit must be quoted
                return derived.Input(quantity, cites.mark(passage))
        return None

    def _conflicts(
        self, report: Report, findings: list[Finding], cites: Citations, question: str
    ) -> list[str]:
        text = self._report_text(report.id)
        facts = self._facts(report.id)
        # a rate under each of two statements of its amount tells that they differ, too
        out = rate_against_amounts(report, findings, facts, cites, self._find, text)
        for warning in [
            *conflicts.between_findings(report, findings, cites, text),
            *conflicts.from_facts(report, findings, facts, cites, self._find, question, text),
            *conflicts.from_text(report, findings, text, cites, self._find, question),
        ]:
            figures = {q.raw for q in find_quantities(_MARKER.sub("", warning)) if q.is_money}
            if not figures or not any(
                figures <= {q.raw for q in find_quantities(_MARKER.sub("", w))} for w in out
            ):
                out.append(warning)  # not already told
        return out

    def _across(
        self, query: Query, answered: list[tuple[Report, list[Finding]]], cites: Citations
    ) -> list[str]:
        """A difference or growth rate between two reports' lead figures when asked for; the
        order of three or more reports' figures when a comparison asks which is more."""
        unit = asked_unit(query.zh_text or query.text)
        # each side's figure is the one its lead line states (not merely its first quote)
        count = asks_count(query)
        answered = [(r, [*lead_findings(found, unit, count)[:1], *found]) for r, found in answered]
        if not asks_every_report(f"{query.text} {query.zh_text or ''}"):
            answered = one_per_body_year(answered)  # a body's 决算说明 and 自评报告 of a year
        if len(answered) > 2:
            return self._order(query, answered, cites)
        if len(answered) != 2:
            return []
        leads = [
            [q for q in find_quantities(findings[0].figure or "") if not q.is_year]
            for _, findings in answered
        ]
        # one side's lead a count (项目9个), the other's an amount: both sides' amounts, the
        # first in the quote where the lead has none ("…9个，采购金额286.40万元")
        amounts = any(q.is_money for found in leads for q in found)
        # a rate asked ("执行率谁高"): one side's lead a rate, the other's quote states it too
        asked_rate = (
            query.qualifier == "执行率" or asked_qualifier(query.zh_text or query.text) == "执行率"
        )
        rates = asked_rate or any(found and found[0].unit == "%" for found in leads)
        firsts = []
        for (report, findings), found in zip(answered, leads, strict=True):
            f = findings[0]
            if rates:
                pool = found if any(q.unit == "%" for q in found) else find_quantities(f.shown)
                chosen = [q for q in pool if q.unit == "%"]
            elif amounts:
                if any(q.is_money for q in found):
                    chosen = [q for q in found if q.is_money]
                else:  # an amount in the quote, not a standard per head ("每人每年960元")
                    pool = find_quantities(f.shown)
                    chosen = [q for q in pool if q.is_money and not _per_unit(f.shown, q)]
            else:
                chosen = [q for q in found if q.unit in _COUNTED]  # 9辆 vs 5辆: counts differ too
                # a measure in one unit on both sides (16.2平方公里 vs 19.6平方公里)
                chosen = chosen or [q for q in found if _measure(q)]
            if not chosen:
                return []
            firsts.append((report, derived.Input(chosen[0], cites.mark(f.passage))))
        asked = query.zh_text or query.text
        if amounts and not rates:  # one 口径 on both sides: 决算 against 决算 (预算 when asked)
            want = "预算" if asked_qualifier(asked) == "预算" else "决算"
            shown = [findings[0].shown for _, findings in answered]
            firsts = derived.same_kind(firsts, shown, want)
            kinds = [self._stated_family(r, i.quantity) for r, i in firsts]
            if set(kinds) == {"预算", "actual"}:  # a budget beside an actual
                words = "、".join(
                    f"{who(r)}为{'预算数' if k == '预算' else '实际支出'}"
                    for (r, _), k in zip(firsts, kinds, strict=True)
                )
                return [f"注意：两边口径不同（{words}），未直接比较。"]
        if query.language == "en":  # "in total", "how many times" are lost in the Chinese
            asked = f"{asked} {query.text}"
        (ra, a), (rb, b) = firsts
        if (
            derived._GROWTH.search(asked)
            and ra.identity.year
            and rb.identity.year
            and ra.identity.year != rb.identity.year
        ):
            (_, new), (_, old) = sorted(firsts, key=lambda x: -(x[0].identity.year or 0))
            calc = derived.growth(new, old)
            return [f"增长率：{calc}"] if calc else []
        same_body = (ra.identity.county, ra.identity.department) == (
            rb.identity.county,
            rb.identity.department,
        )
        if derived.asks_percent_of(asked):  # "A是B的百分之几": the one named first over the other
            from assistant.compare import named_first

            first = named_first(asked, [ra, rb])
            if first is None:
                first = (
                    0
                    if (a.quantity.yuan or a.quantity.value)
                    <= (b.quantity.yuan or b.quantity.value)
                    else 1
                )
            (rn, num), (rd, den) = firsts[first], firsts[1 - first]
            calc = derived.percent_of(num, den)
            return [f"{who(rn)}为{who(rd)}的百分比：{calc}"] if calc else []
        if derived.asks_ratio(asked):  # "是…的几倍": the larger over the smaller
            high, low = sorted([a, b], key=lambda i: i.quantity.yuan or 0, reverse=True)
            calc = derived.ratio(high, low)
            return [f"倍数：{calc}"] if calc else []
        if derived.asks_sum(asked):
            calc = derived.total([a, b])
            return [f"合计：{calc}"] if calc else []
        years_apart = same_body and ra.identity.year != rb.identity.year
        if years_apart and (derived.asks_change(asked) or query.intent == "compare"):
            # one body over two years ("少了多少", "两年对比一下", "哪年多"): the change,
            # signed, later − earlier, in words first
            (_, new), (_, old) = sorted(firsts, key=lambda x: -(x[0].identity.year or 0))
            calc = derived.change(new, old)
            if calc:
                return [f"变化（{derived.change_word(new, old)}）：{calc}"]
        if derived.asks_change(asked) or query.intent == "compare":
            calc = derived.difference([a, b])
            if not calc:
                return []
            higher = derived.larger(firsts)  # which side is larger, when the two differ
            if higher is None:
                return [f"差额：{calc}"]
            return [f"差额（{who(higher)}较{_more_word(a)}）：{calc}"]
        return []

    def _stated_family(self, report: Report, quantity: Quantity) -> str | None:
        """预算 or actual when the report's fact table files this amount under one family only
        (None: not filed, or under both)."""
        if quantity.yuan is None:
            return None
        text = self._report_text(report.id)
        found = set()
        for f in self._facts(report.id):
            if f.value_yuan is None or Decimal(f.value_yuan) != quantity.yuan:
                continue
            if f.qualifier == "执行率":
                continue
            if "预算" not in (f.qualifier or ""):
                found.add(conflicts.family(f.qualifier))
                continue
            said = text[f.start : f.end]
            before = said[: max(said.find(f.value_text), 0)]
            last = before.rfind("预算")
            if f.source == "text" and (last < 0 or _SPENT.search(before[last + 2 :])):
                return None  # "全年预算9.00万元，全年累计支出7.85万元，其中X 5.96万元": unsure
            found.add("预算")
        return found.pop() if len(found) == 1 else None

    def _order(
        self, query: Query, answered: list[tuple[Report, list[Finding]]], cites: Citations
    ) -> list[str]:
        """ "从高到低：A 37人[3] ＞ B 29人[2] ＞ C 14人[1]" for one measure across reports (money
        compared in 元, counts only in one unit); nothing when a report's lead has none."""
        if query.intent != "compare":
            return []
        rows = []
        leads = [
            [q for q in find_quantities(findings[0].figure or "") if not q.is_year]
            for _, findings in answered
        ]
        # the measure the leads share: a rate when asked or led with, else an amount when any
        # lead is one (a count beside it, "项目17个，采购金额1386.20万元", gives way to the amount)
        rates = asked_qualifier(query.zh_text or query.text) == "执行率" or any(
            found and found[0].unit == "%" for found in leads
        )
        amounts = any(q.is_money for found in leads for q in found)
        for (report, findings), found in zip(answered, leads, strict=True):
            f = findings[0]
            quoted = find_quantities(f.shown)
            if rates:
                pool = [q for q in found if q.unit == "%"] or [q for q in quoted if q.unit == "%"]
            elif amounts:
                pool = [q for q in found if q.is_money] or [
                    q for q in quoted if q.is_money and not _per_unit(f.shown, q)
                ]
            else:
                pool = [q for q in found if q.unit in _COUNTED]
            q = pool[0] if pool else None
            if q is None:
                return []
            rows.append((q.yuan if q.is_money else q.value, q, report, cites.mark(f.passage)))
        if len({"money" if q.is_money else q.unit for _, q, _, _ in rows}) != 1:
            return []
        rows.sort(key=lambda r: -r[0])
        order = " ＞ ".join(f"{who(r)} {q.raw}{m}" for _, q, r, m in rows)
        return [f"从高到低：{order}。"]

    # -- locate -------------------------------------------------------------------------------

    def _locate(
        self,
        query: Query,
        targets: Sequence[Report],
        passages: list[Passage],
        topics: list[tuple[Topic, str | None]],
    ) -> Answer:
        cites = Citations()
        lines = locate.locate_lines(
            query, targets, passages, topics, cites, self._report_text, self._find
        )
        if not lines:
            return self._refuse(query, targets, passages, cites)
        return Answer(query.text, "\n".join(lines), False, cites.all())

    def _listed_after(
        self, report: Report, findings: list[Finding], cites: Citations, query: Query
    ) -> list[str]:
        """ "共6个（按原文所列逐项计数：1.…；2.…）" when the answering sentence introduces a
        numbered list ("主要用于以下方面：") and the question counts its points."""
        opening = next(
            (
                f.unit
                for f in findings
                if re.search(r"[：:]\s*$", f.unit.text)
                or candidates.opens_points(f.unit, f.passage)
            ),
            None,
        )  # the line the list hangs on, wherever it ranked
        if opening is None or (
            opening is not findings[0].unit
            and not _COUNTED_PROJECTS.search(query.zh_text or query.text)
        ):
            return []
        unit = opening
        points = section_points(self._report_text(report.id), unit.start)
        found = [self._find(report.id, p.start, p.end) for p in points]
        if not points or any(f is None for f in found):
            return []
        marks = "".join(dict.fromkeys(cites.mark(f) for f in found if f is not None))
        word = derived.count_word(query.zh_text or query.text)
        listed = "；".join(f"{p.number}.{p.title}" for p in points)
        return [f"共{len(points)}{word}{marks}（按原文所列逐项计数：{listed}）"]

    def _refuse(
        self,
        query: Query,
        targets: Sequence[Report],
        passages: list[Passage],
        cites: Citations,
        merged: Sequence[tuple[Report, Finding, str, bool]] = (),
    ) -> Answer:
        lines = [_not_split(r, f, use, cites, query, part) for r, f, use, part in merged[:2]]
        for passage in passages[:3]:
            cites.mark(passage)
        nearest = (
            "Other nearby passages are listed as sources."
            if query.language == "en"
            else ("其他相近段落列在来源中，供核对。")
        )
        text = "\n".join([*lines, nearest]) if lines else refusal(query, targets)
        return Answer(query.text, text, True, cites.all())

    def _places_missing(
        self,
        query: Query,
        targets: Sequence[Report],
        passages: list[Passage],
        topics: list[tuple[Topic, str | None]],
    ) -> Answer | None:
        """ "分别建在哪些乡镇" and the passage about the thing names no such place: the report
        does not list them (said, with that passage cited), never a count in their stead."""
        kind = answerable.places_asked(query.zh_text or query.text)
        if kind is None or len(targets) != 1:
            return None
        terms = [t for topic, _ in topics for t in topic.hard if t not in kind and kind not in t]
        found = _line_naming(passages, terms)
        if found is None or answerable.names_places(found[0].text, kind):
            return None
        best, quoted = found
        cites = Citations()
        report = targets[0]
        marker = cites.mark(best)
        if answerable.recipients(kind):
            text = (
                f"The {who(report)} report does not name which recipients ({kind}) got it; the "
                f"nearest passage names none: “{quoted}”{marker}."
                if query.language == "en"
                else f"{who(report)}报告未列出具体是哪些{kind}（及各自金额）：最接近的内容为"
                f"“{quoted}”{marker}，其中没有列出{kind}名称。"
            )
        elif query.language == "en":
            text = (
                f"The {who(report)} report does not say in which places ({kind}); the nearest "
                f"passage names none: “{quoted}”{marker}."
            )
        else:
            text = (
                f"{who(report)}报告未提及具体在哪些{kind}：最接近的内容为“{quoted}”{marker}，"
                f"其中没有列出{kind}名称。"
            )
        return Answer(query.text, text, True, cites.all())


_SPENT = re.compile(r"支出|实际|决算|执行|开支|花")
_LIST_LABEL = re.compile(r"(.{2,}?)(主要用于|用于|其中|主要包括|包括|具体为|分别为|主要是|中)")


_WHICH_ASKED = re.compile(
    r"哪(?:个|项|一|些|家|类|条|几)|是哪|\bwhich\b|^(?:那|那么)?最[多少大小高低]的?(?:呢|是)?[？?]?$",
    re.I,
)
"""Asking which item ("哪个项目最多", and "最少的呢" after it): the extreme found leads alone."""
_FIGURE_ASKED = re.compile(r"多少|几|how (?:much|many)|what (?:was|were|is|are) the", re.I)


def _figures_of_other_items(finding: Finding, question: str) -> bool:
    """A sentence (not a row) stating figures, none of them the asked item's (the asked word
    is written only inside other items' names), read for a question asking a figure."""
    if finding.figure is not None or finding.candidate.unit.is_row:
        return False
    if asked_qualifiers(question) == ["执行率"] and derived.execution([(finding.shown, "")]):
        return False  # "X项目执行率": worked out from the budget and spending it states
    stated = [q for q in find_quantities(finding.shown) if not q.is_year]
    return bool(stated) and bool(_FIGURE_ASKED.search(question))


def _worked_rate(
    question: str, findings: list[Finding], cites: Citations
) -> tuple[str, Finding] | None:
    """(calculation, the finding it was worked from, carrying the rate as its figure) of the
    execution rate asked of a report whose quotes state the item's budget and spending but no
    rate ("项目支出：调整后预算数 1256.35万元、决算数 1218.64万元" → "1218.64万元 ÷ 1256.35万元 =
    97.00%"), for comparing it with others'."""
    if asked_qualifiers(question) != ["执行率"]:
        return None
    for f in findings:
        calc = derived.execution([(f.shown, cites.mark(f.passage))], question)
        rates = [q for q in find_quantities(calc or "") if q.unit == "%"]
        if calc and rates:
            return calc, replace(f, figure=rates[-1].raw)
    return None


def _body_year(report: Report) -> tuple[str | None, str | None, int | None]:
    ident = report.identity
    return ident.county, ident.department, ident.year


def _one_body_year(targets: Sequence[Report]) -> bool:
    """Every target is one body's report of one year (决算说明 beside a project sheet): what one
    of them states is answered and derived as for a single report."""
    keys = {_body_year(r) for r in targets}
    return len(keys) == 1 and all(k is not None for k in next(iter(keys)))


def _without_whole_rate(question: str, findings: list[Finding]) -> list[Finding]:
    """The findings a share question's lead may show: not a percentage of the whole it names
    ("基本支出占本年支出合计的比重" never leads with 本年支出合计's growth rate 9.45%)."""
    whole = derived.whole_named(question) if derived.asks_share(question) else None
    if not whole:
        return findings
    name = match_text(whole)
    kept = [
        f
        for f in findings
        if not (f.figure and f.figure.endswith("%") and f.label and match_text(f.label) in name)
    ]
    return kept or findings


def _not_split(
    report: Report, finding: Finding, use: str, cites: Citations, query: Query, part: bool = False
) -> str:
    """The line refusing an amount of one use that the report gives only merged with others
    (``part``: of a part asked within an item, whose quote states another figure)."""
    marker = cites.mark(finding.passage)
    if part and query.language == "en":
        return (
            f"The {who(report)} report gives no separate amount for {use}. The nearest passage "
            f"is “{finding.shown}”{marker}: its figures are not the amount of {use}."
        )
    if part:  # the quote's own words label its figures (a lead label could be another's)
        return (
            f"{who(report)}报告未单列“{use}”的金额。最接近的原文是“{finding.shown}”{marker}，"
            f"其中的数字不是“{use}”的金额。"
        )
    if query.language == "en":
        return (
            f"The {who(report)} report gives no separate amount for {use}: it only states "
            f"“{finding.shown}”{marker}, one amount for several uses together."
        )
    return (
        f"{who(report)}报告未单列“{use}”的金额：报告只写了“{finding.shown}”{marker}，"
        f"该金额是几项合在一起的，没有给出“{use}”单独的数字。"
    )


def _body_topics(topics: list[tuple[Topic, str | None]], targets: Sequence[Report]) -> set[int]:
    """Sub-questions whose only words are part of the asked body's name ("culture" of "the
    culture bureau" → 文化 of 文化广电和旅游局), when another sub-question asks something: what
    they find alone does not answer the question."""
    names = [match_text(r.identity.department or "") for r in targets]
    if len(topics) < 2 or not names or not all(names):
        return set()
    out = set()
    for i, (topic, _) in enumerate(topics):
        hard = [match_text(t) for t in topic.hard]
        if not topic.metric and hard and all(all(h in n for n in names) for h in hard):
            out.add(i)
    return out if len(out) < len(topics) else set()


def _more_word(figure: derived.Input) -> str:
    """ "高" for rates and scores, "多" for amounts and counts."""
    return "高" if figure.quantity.unit in ("%", "分") else "多"


def _several_figures(shown: str, topic: Topic, qualifiers: list[str]) -> str | None:
    """ "预算 3.80万元、决算 2.41万元" when a sentence states each of two or more asked
    qualifiers' figures (each read from its own words), else None."""
    if len(qualifiers) < 2:
        return None
    parts: dict[str, str] = {}
    for qualifier in qualifiers:
        picked = lead_figure(shown, topic, qualifier)
        if picked and picked[2] and picked[1] not in parts.values():
            parts[qualifier] = picked[1]
    if len(parts) < 2:
        return None
    return "、".join(f"{name} {figure}" for name, figure in parts.items())


def _understood(topic: tuple[Topic, str | None], query: Query) -> tuple[Topic, str | None]:
    """A topic left with no hard term (its words all general, "本年支出合计" → 支出) takes the
    question's informative terms as hard terms, so the answer must name them."""
    first, qualifier = topic
    hard = tuple(t for t in query.terms if len(t) >= 2 and not t.isdigit())
    if not hard:  # "那3辆车都是啥车" → 车: a one-character word the vocabulary knows (车辆 …)
        hard = tuple(t for t in query.terms if t in synonym_index())
    return (replace(first, hard=hard), qualifier) if hard else topic


def _with_caption(cand: Candidate, text: str) -> Candidate:
    """A row's citation widened to start at its table's unit caption, so the cited text shows
    "单位：万元" and the header above the row (still an exact span of the report). It keeps the
    passage's end: citations are shared by key, so a second row of the same passage cited under
    this key must lie inside the cited text too."""
    start = caption_start(text, cand.unit.start)
    if start is None or start >= cand.passage.start:
        return cand
    p = cand.passage
    end = max(p.end, cand.unit.end)  # the whole passage: other rows cited from it share it
    wider = replace(
        p, chunk_id=f"{p.chunk_id}@{start}", text=text[start:end], start=start, end=end, header=None
    )
    return replace(cand, passage=wider)


def _each_measure_changed(
    query: Query,
    answered: Sequence[tuple[Report, Sequence[Finding]]],
    cites: Citations,
    done: Sequence[str],
) -> list[str]:
    """ "批次人次变化多少" of one body over two years: the change of every measure asked (each
    a sub-question of its own measure word), beyond the one the comparison already worked out."""
    if (
        len(answered) != 2
        or len({(r.identity.county, r.identity.department) for r, _ in answered}) != 1
    ):
        return []
    measures = list(dict.fromkeys(w for t in query.topics for w in t.split() if w in _COUNTED))
    if len(measures) < 2:
        return []
    (new, new_found), (old, old_found) = sorted(answered, key=lambda a: -(a[0].identity.year or 0))
    if new.identity.year == old.identity.year:
        return []
    out = []
    for unit in measures:
        if any(unit in line and "变化" in line for line in done):
            continue  # already worked out
        sides = []
        for found in (new_found, old_found):
            hit = next(
                (
                    derived.Input(q, cites.mark(f.passage))
                    for f in found
                    for q in find_quantities(f.shown)
                    if q.unit == unit
                ),
                None,
            )
            sides.append(hit)
        if None in sides:
            continue
        calc = derived.change(sides[0], sides[1])  # type: ignore[arg-type]
        if calc:
            out.append(f"变化（{unit}，{derived.change_word(sides[0], sides[1])}）：{calc}")
    return out


_MEASURE_TERM = re.compile(r"^(?:执行|预算|决算|实际|完成|调整|年初|全年|支出|收入|项目|率|.)$")


def _rates_of_the_item(
    findings: list[Finding], topics: Sequence[tuple[Topic, str | None]]
) -> list[Finding]:
    """ "执行率呢" of an item carried from the turns before ("智慧检务那个花了多少"): a rate whose
    quote names none of the item's words (the body's 预算执行率) is no rate of the item, when
    another quote names the item — its own rate is then worked out from its amounts."""
    subject = {
        t for topic, _ in topics for t in topic.hard if len(t) >= 2 and not _MEASURE_TERM.match(t)
    }
    if not subject:
        return findings

    def names(f: Finding) -> bool:
        return any(t in match_text(f.shown) for t in subject)

    if not any(names(f) for f in findings):
        return findings

    def kept(f: Finding) -> bool:
        if names(f) or not _rate_only(f.figure):
            return True
        if not f.unit.is_row:
            return False
        # a row's item is its form's, named in the title above it ("年度资金总额 … 98.36%" of
        # a project's form); a 预算执行率 row under no such title is the body's indicator
        titled = any(t in match_text(_row_with_title(f)) for t in subject)
        return titled or "执行率" not in f.unit.text.split("\t")[0]

    return [f for f in findings if kept(f)]


def _rate_only(figure: str | None) -> bool:
    found = [q for q in find_quantities(figure or "") if not q.is_year]
    return bool(found) and all(q.unit == "%" for q in found)


def _row_with_title(finding: Finding) -> str:
    """A row's quote with the lines above its table that are not rows (its caption, "某某项目
    绩效自评表"): whose row it is; a sentence's quote as it is."""
    if not finding.unit.is_row:
        return finding.shown
    offset = finding.unit.start - finding.passage.start
    before = finding.passage.span_text[: max(offset, 0)].split("\n")
    caption = [line for line in before if line.strip() and "\t" not in line][-2:]
    return "\n".join([*caption, finding.shown])


def _money_only(figure: str | None) -> bool:
    """A figure that is an amount of money and nothing else (not "3辆", not "52批次")."""
    found = [q for q in find_quantities(figure or "") if not q.is_year]
    return bool(found) and all(q.is_money for q in found)


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.unit.start < b.unit.end and b.unit.start < a.unit.end


def _same_figures(a: str, b: str) -> bool:
    """Two quotes stating exactly the same figures and dates add nothing (a repeated sentence).

    A near-copy whose dates or figures differ is kept: that difference is for the reader."""
    qa = [q.raw for q in find_quantities(a)]
    qb = [q.raw for q in find_quantities(b)]
    return bool(qa) and qa == qb and difflib.SequenceMatcher(None, a, b).ratio() > 0.9


def _line_naming(passages: list[Passage], terms: list[str]) -> tuple[Passage, str] | None:
    """The passage and its line that name the question's rarest terms most (a term few of the
    passages hold weighs more than one all of them hold)."""
    texts = [match_text(p.text) for p in passages]
    weight = {t: 1 / (1 + sum(term_present(t, x) for x in texts)) for t in terms}
    best: tuple[float, Passage, str] | None = None
    for passage in passages:
        for line in passage.span_text.split("\n"):
            here = match_text(line)
            score = sum(w for t, w in weight.items() if term_present(t, here))
            if score and (best is None or score > best[0]):
                best = (score, passage, line.replace("\t", " ").strip())
    return (best[1], best[2]) if best else None


_QUALIFIER_ONLY = frozenset({"年初", "全年", "调整后", "本年", "当年", "实际"})
"""Words left of a whole named only by its qualifier ("年初预算" → 年初)."""


def _per_unit(text: str, quantity: Quantity) -> bool:
    """A standard per person or per item ("每人每年960元", "960元/人"), not a total."""
    return "每" in text[max(0, quantity.start - 8) : quantity.start] or text[
        quantity.end : quantity.end + 1
    ] in ("/", "／")


def _down_column(
    unit: Unit,
    cells: list[str],
    names: list[str],
    topic: Topic,
    qualifier: str | None,
    text: str,
    topic_text: str,
    money: str | None,
) -> tuple[str, str, str, bool] | None:
    """A transposed table (rows 预算数 / 决算数, one column per item): the asked item's column
    read down the qualifier rows — (statement, figure, label, qualified) — or None when the row
    is not a qualifier row or no single column names the item."""
    if qualifier_of_label(cells[0]) is None or len(names) != len(cells):
        return None
    col = column_named(names, topic_text) or column_named(
        names, " ".join(topic.metric or topic.hard), partial=True
    )
    if not col:
        return None
    rows = qualifier_rows(text, unit.start, col)
    asked = asked_qualifiers(topic_text) or ([qualifier] if qualifier else [])
    wanted = [(lab, cell) for lab, cell in rows if qualifier_of_label(lab) in asked]
    if not wanted and "预算" in asked:  # 预算 asked, the rows say 年初预算 / 调整后预算
        wanted = [(lab, cell) for lab, cell in rows if "预算" in (qualifier_of_label(lab) or "")]
    qualified = bool(wanted) or not asked
    wanted = wanted or [(cells[0].strip(), cells[col].strip())]
    if qualifier is None and not asked:
        wanted = rows or wanted  # no qualifier asked: every figure the column has
    parts = [f"{lab} {cell_text(names[col], cell, money, names[col])}" for lab, cell in wanted]
    statement = f"{names[col]}：" + "、".join(parts)
    return statement, "、".join(parts), names[col], qualified


def one_per_body_year(
    answered: list[tuple[Report, list[Finding]]],
) -> list[tuple[Report, list[Finding]]]:
    """The first answered report of each body and year: a body's two documents of one year
    (its 部门决算说明 and its 整体支出绩效自评报告) are one side of a comparison, never two (a
    report whose county or department is unknown stays a side of its own)."""
    seen: set[object] = set()
    out = []
    for report, findings in answered:
        key = side_key(report)  # a project's report is a side of its own
        if key in seen:
            continue
        seen.add(key)
        out.append((report, findings))
    return out


_COUNTED_PROJECTS = re.compile(r"(?:几|多少)个?(?:重点)?(?:项目|专项|工程)")
"""A count of projects: answered by the numbered list a heading opens, even when a project's
own sentence (with a count of something else, "检测3,260份") ranked first."""

_CALCULATED = re.compile(r"= (-?\d+(?:\.\d+)?%)")


def _with_share(head: str, calcs: list[str], question: str, language: str) -> str:
    """The lead opened by the share asked for when only a calculation gives it ("某局：公务接待费
    3.10万元；…" → "某局：占比33.12%（计算）；公务接待费 3.10万元；…"): the direct answer first."""
    if language != "zh" or not head or "%" in head or not derived.asks_share(question):
        return head
    got = next((_CALCULATED.search(c) for c in calcs if c.startswith("占比：")), None)
    if got is None or "：" not in head:
        return head
    whose, figures = head.split("：", 1)
    return f"{whose}：占比{got.group(1)}（计算）；{figures}"
