"""Keeping the catalogue (SQLite) and the chunk store (Chroma) in step across crashes.

Two stores cannot share a transaction, so every report write is journalled: a ``pending`` row
is recorded in the catalogue before the first write and cleared after the last. Writers hold an
exclusive lock on ``write.lock`` in the data dir (released by the kernel when a process dies),
so a journal row found while holding the lock belongs to a dead writer and is completed or
rolled back (:func:`recover`). :func:`check` compares the two stores and the derived indexes;
:func:`repair` makes them agree again.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from index.catalog import Catalog
from index.facts import FACTS_VERSION
from index.layout import LAYOUT_VERSION
from index.vectorstore import ChunkStore

CRASH_ENV = "REPORT_ASSISTANT_CRASH_AT"
"""Test-only: the name of a write boundary at which the process kills itself (SIGKILL)."""

CRASH_POINTS = (
    "ingest:begun",
    "ingest:store-cleared",
    "ingest:chunks-added",
    "ingest:row-written",
    "ingest:old-chunks-deleted",
    "ingest:old-row-deleted",
    "rebuild:store-reset",
    "remove:chunks-deleted",
)


def crash_point(name: str) -> None:
    """Stop dead at write boundary ``name`` when the crash-test variable names it; else no-op."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def write_lock(data_dir: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the data dir's writer lock; with ``wait=False`` yields False when it is taken."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "write.lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(catalog: Catalog, store: ChunkStore) -> list[str]:
    """Complete or roll back every journalled write (call with the writer lock held).

    An ingest whose new row and chunks are complete is finished (the versions it replaces are
    deleted); otherwise it is rolled back (its partial chunks and row deleted; the versions it
    was replacing are only deleted after the new one is complete, so they are still there).
    An interrupted remove or rebuild is completed."""
    done: list[str] = []
    for journal_id, op, report_id, replaces in catalog.pending():
        if op == "rebuild":
            store.reset()
            catalog.clear()
            done.append("重建已完成 / rebuild completed")
        elif op == "remove" and report_id:
            store.delete_report(report_id)
            catalog.delete(report_id)
            done.append(f"{report_id}: 删除已完成 / remove completed")
        elif op == "ingest" and report_id:
            row = catalog.get(report_id)
            if row is not None and len(store.ids_for_report(report_id)) == row.chunk_count:
                for old in replaces:
                    if old != report_id:
                        store.delete_report(old)
                        catalog.delete(old)
                done.append(f"{report_id}: 入库已完成 / ingest completed")
            else:
                store.delete_report(report_id)
                catalog.delete(report_id)
                done.append(f"{report_id}: 未完成的入库已回滚 / unfinished ingest rolled back")
        catalog.finish(journal_id)
    return done


def recover_if_idle(catalog: Catalog, store: ChunkStore) -> list[str]:
    """Recover on open, unless another process is writing right now (then it is alive)."""
    if not catalog.path.exists() or not catalog.pending():
        return []
    with write_lock(catalog.path.parent, wait=False) as held:
        return recover(catalog, store) if held else []


@dataclass(frozen=True)
class Problem:
    """One disagreement: what kind, which report, and a sentence for the user."""

    kind: str
    report_id: str
    detail: str


@dataclass(frozen=True)
class Consistency:
    """What `check` found; ``clean`` when nothing disagrees."""

    reports: int
    chunks: int
    facts: int
    problems: tuple[Problem, ...] = ()
    repaired: tuple[str, ...] = field(default=())

    @property
    def clean(self) -> bool:
        return not self.problems


def check(catalog: Catalog, store: ChunkStore, lexical_dir: Path | None = None) -> Consistency:
    """Compare catalogue rows, chunks, facts and the saved lexical index; change nothing."""
    problems: list[Problem] = []
    for _, op, report_id, _ in catalog.pending():
        problems.append(Problem("pending", report_id or "", f"未完成的写入 / interrupted {op}"))
    rows = {r.id: r for r in catalog.all()}
    counts = store.chunk_counts()
    for rid, report in rows.items():
        have = counts.get(rid, 0)
        if have != report.chunk_count:
            problems.append(
                Problem(
                    "row-without-chunks" if have == 0 else "chunk-count",
                    rid,
                    f"{report.file}: 目录记 {report.chunk_count} 段，向量库有 {have} 段 / "
                    f"catalogue says {report.chunk_count} chunks, the store holds {have}",
                )
            )
    for rid, have in sorted(counts.items()):
        if rid not in rows:
            problems.append(
                Problem("chunks-without-row", rid, f"{have} 段无目录记录 / chunks with no row")
            )
    fact_counts = catalog.fact_report_ids()
    for rid, n in sorted(fact_counts.items()):
        if rid not in rows:
            problems.append(
                Problem("orphan-facts", rid, f"{n} 项数字无目录记录 / facts with no report")
            )
    for fact in catalog.facts(report_ids=list(rows)) if rows else []:
        text = rows[fact.report_id].text
        if not (0 <= fact.start < fact.end <= len(text)) or (
            fact.source == "text" and fact.value_text not in text[fact.start : fact.end]
        ):
            problems.append(
                Problem(
                    "fact-span",
                    fact.report_id,
                    f"数字 {fact.value_text} 的位置与原文不符 / fact span does not hold it",
                )
            )
    versions = catalog.facts_versions()
    for rid in sorted(r for r in rows if versions.get(r, FACTS_VERSION) < FACTS_VERSION):
        problems.append(
            Problem(
                "stale-facts",
                rid,
                f"{rows[rid].file}: 数字表由旧版规则提取，重新导入即更新 / facts were read by "
                "older rules; ingest again (or check --repair) to read them again",
            )
        )
    layouts = catalog.layout_versions()
    for rid in sorted(r for r in rows if layouts.get(r, LAYOUT_VERSION) < LAYOUT_VERSION):
        problems.append(
            Problem(
                "stale-layout",
                rid,
                f"{rows[rid].file}: 正文与分段由旧版读取规则生成，重新导入即更新 / text and "
                "chunks were made by older reading rules; ingest again (or check --repair) to "
                "read the file again",
            )
        )
    if lexical_dir is not None:
        stale = _lexical_problem(store, lexical_dir)
        if stale:
            problems.append(Problem("lexical", "", stale))
    return Consistency(
        reports=len(rows),
        chunks=sum(counts.values()),
        facts=sum(fact_counts.values()),
        problems=tuple(problems),
    )


def _lexical_problem(store: ChunkStore, folder: Path) -> str | None:
    """A saved BM25 index whose chunks are not the store's (none saved yet is fine)."""
    from index.lexical import _MANIFEST, fingerprint

    manifest = folder / "current" / _MANIFEST
    if not manifest.exists():
        return None
    try:
        saved = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError):
        return "关键词索引无法读取 / the lexical index cannot be read"
    if saved != fingerprint(store.chunks()):
        return "关键词索引与向量库不一致 / the lexical index is out of step with the store"
    return None


def repair(
    catalog: Catalog, store: ChunkStore, lexical_dir: Path | None = None
) -> tuple[list[str], list[tuple[str, dict[str, object]]]]:
    """Make the stores agree: finish journalled writes, drop chunks and facts with no report,
    drop reports whose chunks or facts are broken. Returns what was done and the (source
    file, overrides) of dropped reports whose file is still there, to be ingested again."""
    done = recover(catalog, store)
    again: list[tuple[str, dict[str, object]]] = []
    found = check(catalog, store, lexical_dir)
    broken = {
        p.report_id for p in found.problems if p.kind in ("row-without-chunks", "chunk-count")
    }
    broken |= {p.report_id for p in found.problems if p.kind == "fact-span"}
    for rid in sorted(broken):
        report = catalog.get(rid)
        store.delete_report(rid)
        catalog.delete(rid)
        done.append(f"{rid}: 已删除不完整的报告 / removed an incomplete report")
        if report is not None and Path(report.path).is_file():
            again.append((report.path, dict(report.overrides)))
    for problem in found.problems:
        stale = problem.kind in ("stale-facts", "stale-layout")
        report = catalog.get(problem.report_id) if stale else None
        if report is not None and Path(report.path).is_file():
            entry = (report.path, dict(report.overrides))
            if entry not in again:  # both versions old: read once
                again.append(entry)  # replaced when ingested
        if problem.kind == "chunks-without-row":
            store.delete_report(problem.report_id)
            done.append(f"{problem.report_id}: 已删除无目录记录的段落 / removed stray chunks")
        elif problem.kind == "orphan-facts":
            catalog.delete_facts(problem.report_id)
            done.append(f"{problem.report_id}: 已删除无报告的数字 / removed stray facts")
        elif problem.kind == "lexical" and lexical_dir is not None:
            from index.lexical import LexicalIndex

            LexicalIndex.load_or_build(lexical_dir, store)
            done.append("关键词索引已重建 / lexical index rebuilt")
    return done, again
