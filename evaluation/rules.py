"""How one answer scores against one QA item (the rules of the development set's scorer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.figures import Figure, bare_numbers, caption_scale, figures, matches, normalise

REFUSAL = re.compile(
    r"未(找到|检索到|提及|给出|披露|提供|包含|载明|涉及|说明)|没有(找到|提到|提及|给出|相关|.*数据|"
    r".*信息|.*记载)|无法(回答|确定|找到|从)|不包含|找不到|查无|not (found|mentioned|available|"
    r"provided)|cannot find|can't find|does not (mention|contain)|no (data|information)",
    re.I,
)
FLAG = re.compile(
    r"不一致|推算|不等于|不能当作|并非|标注为|年份|错乱|编号有|矛盾|两处|另一处|口径|出入|对不上|"
    r"差异|笔误|有误|存疑|两个数|不同的数|分别写|inconsisten|discrepan|conflict|mismatch",
    re.I,
)
_LEAF_NUMBERING = re.compile(
    r"^[（(][^）)]*[）)]|^[一二三四五六七八九十]+、|^\d+[、.]|（未编号[^）]*）"
)


@dataclass(frozen=True)
class ItemScore:
    """How one item scored: strict pass, core pass, evidence share, unsupported money."""

    id: str
    kind: str
    passed: bool
    core: bool
    numbers_found: int
    numbers_total: int
    evidence: float | None
    """Share of the gold evidence texts some cited passage holds (None: unanswerable)."""
    refused: bool
    unsupported: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def evidence_hit(self) -> bool | None:
        return None if self.evidence is None else self.evidence > 0


def gold_figures(item: dict[str, Any]) -> list[tuple[str, Figure]]:
    """The figures an item requires (``numbers`` then ``numbers_derived``), as read."""
    out = []
    for written in [*(item.get("numbers") or []), *(item.get("numbers_derived") or [])]:
        found = figures(written)
        if found:
            out.append((written, found[0]))
    return out


def gold_hits(item: dict[str, Any], answer_text: str) -> list[bool]:
    shown, bare = figures(answer_text), bare_numbers(answer_text)
    return [
        matches(gold, shown) or (gold.kind == "plain" and matches(gold, bare))
        for _, gold in gold_figures(item)
    ]


def evidence_share(item: dict[str, Any], citations: list[dict[str, Any]]) -> float:
    """Share of the gold evidence texts contained in some cited passage (compared normalised)."""
    gold = item.get("evidence") or []
    if not gold:
        return 1.0
    cited = [normalise(c.get("text", "")) for c in citations]
    hits = sum(1 for e in gold if any(normalise(e.get("text", "")) in c for c in cited))
    return hits / len(gold)


def unsupported_money(answer_text: str, citations: list[dict[str, Any]], question: str) -> list:
    """Money amounts in the answer that no cited passage states (after unit normalisation),
    nor a sum or difference of two cited amounts, nor the question itself."""
    cited: list[Figure] = []
    for citation in citations:
        text = citation.get("text", "")
        found = figures(text)
        cited += found
        scale = caption_scale(text)
        if scale:
            cited += [Figure(f.value * scale, "money", f.place * scale) for f in found
                      if f.kind == "plain"]  # fmt: skip
    money = [f for f in cited if f.kind in ("money", "plain")]
    cited += [
        Figure(value, "money", max(a.place, b.place))
        for a in money
        for b in money
        for value in (abs(a.value - b.value), a.value + b.value)
    ]
    asked = [f.value for f in figures(question)]
    bad = []
    for fig in figures(answer_text):
        if fig.kind != "money" or fig.value == 0:
            continue
        ok = any(
            abs(fig.value - c.value) <= max(0.5 * fig.place, 0.5 * c.place, 1e-6)
            for c in cited
            if c.kind in ("money", "plain")
        )
        if not (ok or any(abs(fig.value - q) < 1e-6 for q in asked)):
            bad.append(fig.value)
    return bad


def _locate_ok(item: dict[str, Any], text: str, citations: list[dict[str, Any]]) -> bool:
    paths = item.get("section_path") or []
    paths = [paths] if isinstance(paths, str) else paths
    shown = normalise(text + " ".join(c.get("section", "") for c in citations))
    for path in paths:
        leaf = re.split(r"\s*[>›]\s*", path)[-1]
        leaf = _LEAF_NUMBERING.sub("", leaf).strip('“”" ')
        if leaf and normalise(leaf)[:12] in shown:
            return True
    return evidence_share(item, citations) >= 0.5


def score_item(item: dict[str, Any], answer: dict[str, Any]) -> ItemScore:
    """Score one answer (the JSON answer contract) against one QA item."""
    kind = str(item.get("kind", ""))
    text = answer.get("answer", "") or ""
    citations = answer.get("citations") or []
    refused = bool(answer.get("refused")) or bool(REFUSAL.search(text))
    hits = gold_hits(item, text)
    numeric = all(hits)
    reasons = []
    if kind == "unanswerable":
        passed = refused
        reasons += [] if passed else ["did not refuse"]
    elif kind == "trap":
        tags = item.get("tags") or []
        flagged = (
            bool(FLAG.search(text)) or bool(answer.get("warnings")) or ("unit_conversion" in tags)
        )
        passed = numeric and flagged
        if "2021" in "".join(tags) or "year_mismatch" in tags:
            passed = passed and "2021" in text
        reasons += [] if flagged else ["disagreement not flagged"]
    elif kind == "locate":
        passed = _locate_ok(item, text, citations)
        reasons += [] if passed else ["neither the section nor the evidence is cited"]
    else:
        passed = numeric and not (answer.get("refused") and hits)
        reasons += ["refused"] if answer.get("refused") and hits else []
    missing = [w for (w, _), hit in zip(gold_figures(item), hits, strict=True) if not hit]
    if missing and kind != "locate":
        reasons.insert(0, "missing " + "、".join(missing))
    core_rule = not hits or (hits[0] and sum(hits) * 2 >= len(hits))
    if kind in ("fact", "table", "compare", "multiturn"):
        core = passed or (core_rule and not answer.get("refused"))
    else:
        core = passed
    unsupported = unsupported_money(text, citations, item.get("question", ""))
    return ItemScore(
        id=str(item.get("id", "")),
        kind=kind,
        passed=passed,
        core=core,
        numbers_found=sum(hits),
        numbers_total=len(hits),
        evidence=None if kind == "unanswerable" else evidence_share(item, citations),
        refused=refused,
        unsupported=[_money(v) for v in unsupported],
        reason="; ".join(reasons) if not passed else "",
    )


def _money(value: float) -> str:
    return f"{value:.2f}元"


def evidence_in_passages(passages: list[dict[str, Any]], evidence: list[dict[str, Any]]) -> bool:
    """Some passage of the gold file holds some gold evidence text (recall@k of retrieval;
    stricter than the answers' evidence rule, which ignores the file)."""
    gold = [(Path(e.get("file") or "").name, normalise(e.get("text", ""))) for e in evidence]
    for passage in passages:
        name, text = Path(passage.get("file") or "").name, normalise(passage.get("text", ""))
        if any(
            g_text and g_text in text and (not g_name or g_name == name) for g_name, g_text in gold
        ):
            return True
    return False


def unsupported_in(answer: dict[str, Any], question: str = "") -> list:
    """Unsupported money amounts (in 元) of an answer dict: :func:`unsupported_money` on its
    text and citations."""
    return unsupported_money(answer.get("answer") or "", answer.get("citations") or [], question)
