"""Run a QA file through an ask function and summarise how the answers score.

The runner knows nothing about the assistant: ``ask(item)`` returns the answer dict (the caller
decides how to handle ``question`` vs ``turns``) and ``retrieve(item, k)`` the top-k passages.
Scoring rules: :mod:`evaluation.rules`.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from evaluation.rules import ItemScore, evidence_in_passages, score_item

KIND_ORDER = ("fact", "table", "locate", "compare", "multiturn", "unanswerable", "trap")


@dataclass(frozen=True)
class KindStats:
    """Pass counts for one kind of question."""

    n: int
    passed: int

    @property
    def rate(self) -> float:
        return self.passed / self.n if self.n else 0.0


@dataclass
class EvalReport:
    """Per-item scores and the aggregates the project is judged by."""

    scores: list[ItemScore]
    by_kind: dict[str, KindStats]
    pass_rate: float
    evidence_items: int
    evidence_hits: int
    evidence_share: float | None
    k: int
    recall_items: int
    recall_hits: int
    unsupported: dict[str, list[str]]
    latencies_ms: list[float]
    retrieval_hits: dict[str, bool] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    """LLM mode: how many answers needed no repair, a regeneration, or a repair."""

    @property
    def evidence_hit_rate(self) -> float | None:
        """Share of answerable items whose answer cites some gold evidence (None when none)."""
        return self.evidence_hits / self.evidence_items if self.evidence_items else None

    @property
    def core_rate(self) -> float:
        """Asked-for figure and half of the gold figures (the scorer's "core")."""
        return sum(s.core for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def recall_at_k(self) -> float | None:
        """Share of items with evidence whose top-k passages hold it (None without retrieval)."""
        return self.recall_hits / self.recall_items if self.recall_items else None

    @property
    def unsupported_count(self) -> int:
        return sum(len(figures) for figures in self.unsupported.values())

    @property
    def latency_p50(self) -> float | None:
        return percentile(self.latencies_ms, 50)

    @property
    def latency_p95(self) -> float | None:
        return percentile(self.latencies_ms, 95)


def load_items(path: Path) -> list[dict]:
    """The QA items of a JSON-lines file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile with linear interpolation between ranks (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _ask_timed(ask: Callable[[dict], dict], item: dict) -> tuple[dict, float, str]:
    """Call ``ask`` and time it; an exception becomes an empty answer and an error note."""
    start = time.perf_counter()
    try:
        answer, error = ask(item), ""
    except Exception as exc:  # one broken item must not stop the run
        answer, error = {"answer": "", "refused": False}, f"ask raised {type(exc).__name__}: {exc}"
    return answer, (time.perf_counter() - start) * 1000, error


def run_eval(
    items: list[dict],
    ask: Callable[[dict], dict],
    retrieve: Callable[[dict, int], list[dict]] | None,
    k: int = 5,
) -> EvalReport:
    """Ask every item, score the answers and, given ``retrieve``, measure recall@k."""
    scores: list[ItemScore] = []
    latencies: list[float] = []
    retrieval: dict[str, bool] = {}
    repairs: dict[str, int] = {}
    for item in items:
        answer, ms, error = _ask_timed(ask, item)
        latencies.append(ms)
        repair = (answer.get("meta") or {}).get("repair")
        if repair:
            repairs[repair] = repairs.get(repair, 0) + 1
        score = score_item(item, answer)
        if error:
            score = replace(
                score, passed=False, reason="; ".join(filter(None, [error, score.reason]))
            )
        scores.append(score)
        evidence = item.get("evidence") or []
        if retrieve is not None and evidence:
            retrieval[score.id] = evidence_in_passages(retrieve(item, k)[:k], evidence)
    return replace(_summarise(scores, latencies, retrieval, k), repairs=repairs)


def _summarise(
    scores: list[ItemScore], latencies: list[float], retrieval: dict[str, bool], k: int
) -> EvalReport:
    """Aggregate per-item scores into an ``EvalReport``."""
    kinds = sorted({s.kind for s in scores}, key=_kind_key)
    by_kind = {
        kind: KindStats(
            sum(1 for s in scores if s.kind == kind),
            sum(1 for s in scores if s.kind == kind and s.passed),
        )
        for kind in kinds
    }
    with_evidence = [s for s in scores if s.evidence is not None]
    shares = [s.evidence for s in with_evidence if s.evidence is not None]
    return EvalReport(
        scores=scores,
        by_kind=by_kind,
        pass_rate=sum(s.passed for s in scores) / len(scores) if scores else 0.0,
        evidence_items=len(with_evidence),
        evidence_hits=sum(1 for s in with_evidence if s.evidence_hit),
        evidence_share=sum(shares) / len(shares) if shares else None,
        k=k,
        recall_items=len(retrieval),
        recall_hits=sum(retrieval.values()),
        unsupported={s.id: list(s.unsupported) for s in scores if s.unsupported},
        latencies_ms=latencies,
        retrieval_hits=retrieval,
    )


def _kind_key(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def _pct(rate: float | None, hits: int, n: int) -> str:
    return "n/a" if rate is None else f"{rate:.1%} ({hits}/{n})"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """A compact text summary: pass table by kind, evidence, recall@k, support, latency."""
    lines = [f"{'kind':<14}{'n':>5}{'passed':>8}{'rate':>9}"]
    for kind, stats in report.by_kind.items():
        lines.append(f"{kind:<14}{stats.n:>5}{stats.passed:>8}{stats.rate:>9.1%}")
    total, passed = len(report.scores), sum(s.passed for s in report.scores)
    lines.append(f"{'all (strict)':<14}{total:>5}{passed:>8}{report.pass_rate:>9.1%}")
    core = sum(s.core for s in report.scores)
    lines.append(f"{'all (core)':<14}{total:>5}{core:>8}{report.core_rate:>9.1%}")
    hits = _pct(report.evidence_hit_rate, report.evidence_hits, report.evidence_items)
    share = "n/a" if report.evidence_share is None else f"{report.evidence_share:.1%}"
    lines.append(f"evidence hit: {hits}; mean share of gold evidence cited: {share}")
    recall = _pct(report.recall_at_k, report.recall_hits, report.recall_items)
    lines.append(f"recall@{report.k}: {recall}")
    figures = "; ".join(f"{i}: {'、'.join(f)}" for i, f in report.unsupported.items())
    lines.append(
        f"unsupported money: {report.unsupported_count}" + (f" ({figures})" if figures else "")
    )
    lines.append(f"latency: p50 {_ms(report.latency_p50)}, p95 {_ms(report.latency_p95)}")
    if report.repairs:
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(report.repairs.items()))
        lines.append(f"LLM answers: {counts}")
    if verbose:
        failed = [s for s in report.scores if not s.passed]
        lines.append(f"failed: {len(failed)}")
        lines.extend(f"  {s.id:<12} {s.kind:<13} {s.reason}" for s in failed)
    return "\n".join(lines)


def report_json(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON-ready data, for machine comparison between runs."""
    return {
        "pass_rate": report.pass_rate,
        "core_rate": report.core_rate,
        "evidence_share": report.evidence_share,
        "repairs": report.repairs,
        "by_kind": {kind: {**asdict(s), "rate": s.rate} for kind, s in report.by_kind.items()},
        "evidence_hit_rate": report.evidence_hit_rate,
        "evidence_items": report.evidence_items,
        "k": report.k,
        "recall_at_k": report.recall_at_k,
        "recall_items": report.recall_items,
        "unsupported_count": report.unsupported_count,
        "unsupported": report.unsupported,
        "latency_ms": {"p50": report.latency_p50, "p95": report.latency_p95},
        "latencies_ms": report.latencies_ms,
        "retrieval_hits": report.retrieval_hits,
        "items": [asdict(s) for s in report.scores],
    }
