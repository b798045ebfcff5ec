"""LLM mode: fluent answers from an OpenAI-compatible chat model, exactly as truthful.

An LCEL chain condenses a follow-up into a standalone question, retrieves with the same hybrid
retriever and fact table, prompts with numbered sources fitted to a token budget, and parses the
[n] markers back to sources. Every figure is then verified; a failing answer is regenerated
once with its problems stated, then repaired (unsupported sentences removed and reported) with
the offline answer shown beside it. Any model failure falls back to the offline answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda

import prompts
from assistant.answer import Answer, Citation, Fact, Passage
from assistant.compare import metric_in
from assistant.offline import who
from assistant.understanding import Query
from assistant.verify import problems_prompt, repair, verify
from index.models import FactRecord, Report
from index.tokens import count_tokens

Retrieve = Callable[[str, Sequence[str], int], list[Passage]]
FindPassage = Callable[[str, int, int], Passage | None]
FactsOf = Callable[[str, Sequence[str]], list[FactRecord]]
_MARKER = re.compile(r"\[(\d+)\]")
PER_REPORT = 6


@dataclass(frozen=True)
class Context:
    """What the model is given: the standalone question, numbered sources and fact lines."""

    query: Query
    targets: tuple[Report, ...]
    question: str
    sources: tuple[Passage, ...]
    facts: tuple[tuple[FactRecord, int], ...]
    dropped: int


class LLMAnswerer:
    """Answers with a chat model; the offline answer is the fallback and the cross-check."""

    def __init__(
        self,
        model: BaseChatModel,
        retrieve: Retrieve,
        find: FindPassage,
        facts: FactsOf,
        context_tokens: int,
        *,
        per_report: int = PER_REPORT,
    ) -> None:
        self._per_report = per_report
        self._model = model
        self._retrieve = retrieve
        self._find = find
        self._facts = facts
        self._budget = context_tokens
        self.prepare = RunnableLambda(self._condense) | RunnableLambda(self._gather)
        self.generate = RunnableLambda(self._messages) | model | StrOutputParser()

    # -- chain steps --------------------------------------------------------------------------

    def _condense(self, state: dict[str, Any]) -> dict[str, Any]:
        """A standalone question for a follow-up (the slots already carried by the service)."""
        history: list[str] = state["history"]
        if not history:
            return {**state, "standalone": state["question"]}
        query: Query = state["query"]
        slots = "；".join(
            x
            for x in (
                "县区：" + "、".join(query.counties) if query.counties else "",
                "部门：" + "、".join(query.departments) if query.departments else "",
                "年度：" + "、".join(map(str, query.years)) if query.years else "",
                f"指标：{query.context} {query.topic}".strip() if query.topic else "",
            )
            if x
        )
        text = prompts.render(
            "condense",
            history="\n".join(f"用户：{h}" for h in history),
            slots=slots or "无",
            question=state["question"],
        )
        standalone = str(self._model.invoke([HumanMessage(text)]).content).strip()
        return {**state, "standalone": standalone or state["question"]}

    def _gather(self, state: dict[str, Any]) -> Context:
        """Numbered sources (per report, best first) and fact lines, fitted to the budget."""
        query: Query = state["query"]
        targets: Sequence[Report] = state["targets"]
        search = " ".join(x for x in (query.context, query.topic, state["standalone"]) if x)
        ranked = [p for r in targets for p in self._retrieve(search, [r.id], self._per_report)]
        metric = metric_in(query.topic)
        facts = self._facts(metric.name, [r.id for r in targets]) if metric else []
        for fact in facts:  # the passages holding the facts are sources too
            passage = self._find(fact.report_id, fact.start, fact.end)
            if passage is not None:
                ranked.append(replace(passage, score=max((p.score for p in ranked), default=1)))
        unique = list({p.chunk_id: p for p in sorted(ranked, key=lambda p: p.score)}.values())
        unique.sort(key=lambda p: -p.score)
        kept, dropped = _fit(unique, self._budget)
        numbered = {p.chunk_id: n for n, p in enumerate(kept, 1)}
        fact_lines = []
        for fact in facts:
            holder = self._find(fact.report_id, fact.start, fact.end)
            if holder is not None and holder.chunk_id in numbered:
                fact_lines.append((fact, numbered[holder.chunk_id]))
        return Context(
            query, tuple(targets), state["standalone"], tuple(kept), tuple(fact_lines), dropped
        )

    def _messages(self, ctx: Context, problems: str = "", previous: str = "") -> list[BaseMessage]:
        reports = {r.id: r for r in ctx.targets}
        sources = "\n\n".join(
            f"[{n}] {who(reports[p.report_id]) if p.report_id in reports else p.file} · "
            f"{p.section}\n{p.text}"
            for n, p in enumerate(ctx.sources, 1)
        )
        facts = (
            "\n".join(
                f"· {f.metric}{f.qualifier or ''}：{f.value_text}（{f.unit}）[{n}]"
                for f, n in ctx.facts
            )
            or "（无）"
        )
        scope = "、".join(who(r) for r in ctx.targets)
        human = prompts.render(
            "answer", question=ctx.question, scope=scope, facts=facts, sources=sources or "（无）"
        )
        messages: list[BaseMessage] = [SystemMessage(prompts.render("system")), HumanMessage(human)]
        if problems:
            messages += [
                AIMessage(previous),
                HumanMessage(prompts.render("repair", problems=problems)),
            ]
        return messages

    # -- public -------------------------------------------------------------------------------

    def context(self, query: Query, targets: Sequence[Report], history: list[str]) -> Context:
        return self.prepare.invoke(
            {"query": query, "targets": tuple(targets), "question": query.text, "history": history}
        )

    def stream(self, ctx: Context) -> Iterator[str]:
        """Tokens of the first draft as the model writes them."""
        yield from self.generate.stream(ctx)

    def finish(self, ctx: Context, draft: str, offline: Answer) -> Answer:
        """Verify the draft; regenerate once; then repair and show the offline answer beside."""
        if not draft.strip():
            raise EmptyAnswer("the model returned an empty answer")
        sources = [(n, p.text) for n, p in enumerate(ctx.sources, 1)]
        facts = [_as_fact(f, n) for f, n in ctx.facts]
        check = verify(draft, sources, facts, ctx.question)
        repairs = "none"
        warnings: list[str] = []
        if not check.ok:
            repairs = "regenerated"
            messages = self._messages(ctx, problems_prompt(check), previous=draft)
            draft = str(self._model.invoke(messages).content)
            check = verify(draft, sources, facts, ctx.question)
        fixed = repair(draft, check)
        text = fixed.text
        warnings += fixed.warnings
        if not check.ok:
            repairs = "repaired"
            if check.unsupported or not text.strip():  # figures were removed: show the quotes
                text = _beside(text, offline)
        answer = _answer(ctx, text, offline, warnings, ctx.dropped)
        return replace(answer, meta={**answer.meta, "repair": repairs, "mode": "llm"})


class EmptyAnswer(RuntimeError):
    """The model answered with nothing usable."""


def _fit(passages: list[Passage], budget: int) -> tuple[list[Passage], int]:
    """Keep the best passages whose text fits the token budget; count the dropped ones."""
    kept, used = [], 0
    for passage in passages:
        tokens = count_tokens(passage.text) + 20
        if used + tokens <= budget:
            kept.append(passage)
            used += tokens
    return kept, len(passages) - len(kept)


def _as_fact(fact: FactRecord, n: int) -> Fact:
    return Fact(
        metric=fact.metric,
        value=fact.value_text,
        unit=fact.unit,
        value_yuan=float(fact.value_yuan) if fact.value_yuan else None,
        citation=n,
        qualifier=fact.qualifier,
        year=fact.year,
    )


def _beside(text: str, offline: Answer) -> str:
    """The repaired model text with the offline (quoting) answer after it, clearly labelled."""
    head = text.strip() or "（大模型的回答未通过数字核对，已全部删除。）"
    return f"{head}\n\n【离线核对答案，逐字引用原文】\n{offline.answer}"


def _answer(ctx: Context, text: str, offline: Answer, warnings: list[str], dropped: int) -> Answer:
    """Citations = the sources the text cites (numbered as the model saw them) plus, when the
    offline answer is shown, its own citations renumbered after them."""
    cited = sorted({int(n) for n in _MARKER.findall(text) if 0 < int(n) <= len(ctx.sources)})
    citations = [ctx.sources[n - 1].cite(n) for n in cited]
    if "【离线核对答案" in text and offline.citations:
        text, extra = _renumber(text, offline, len(ctx.sources))
        citations += extra
    if dropped:
        warnings.append(f"上下文超出预算，{dropped} 段得分较低的来源未提供给大模型。")
    facts = [_as_fact(f, n) for f, n in ctx.facts if f.value_text in text]
    return Answer(
        ctx.query.text,
        text,
        False,
        tuple(citations),
        tuple(facts),
        tuple(dict.fromkeys((*warnings, *offline.warnings))),
    )


def _renumber(text: str, offline: Answer, base: int) -> tuple[str, list[Citation]]:
    """Shift the offline answer's markers past the model's sources so every [n] is unique."""
    head, _, tail = text.partition("【离线核对答案")
    mapping = {c.n: base + i for i, c in enumerate(offline.citations, 1)}
    tail = _MARKER.sub(lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", tail)
    extra = [replace(c, n=mapping[c.n]) for c in offline.citations]
    return f"{head}【离线核对答案{tail}", extra
