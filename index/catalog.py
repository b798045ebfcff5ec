"""The report catalogue: one SQLite row per report with its identity and normalised text.

Chroma holds the chunks; this file holds what a chunk's ``start``/``end`` index into (the
normalised text) and what `reports` / `show` print. Both live under the data directory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from index.facts import FACTS_VERSION
from index.layout import LAYOUT_VERSION
from index.models import FactRecord, OcrLine, Report, ReportIdentity

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    file TEXT NOT NULL,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    encoding TEXT,
    county TEXT,
    department TEXT,
    year INTEGER,
    doc_type TEXT,
    title TEXT,
    overrides TEXT NOT NULL DEFAULT '{}',
    chunk_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_source ON reports(source);
CREATE TABLE IF NOT EXISTS facts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    qualifier TEXT,
    value_text TEXT NOT NULL,
    unit TEXT NOT NULL,
    value TEXT NOT NULL,
    value_yuan TEXT,
    year INTEGER,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    source TEXT NOT NULL,
    conflict INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);
CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL,
    report_id TEXT,
    replaces TEXT NOT NULL DEFAULT '[]',
    started_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ocr_lines (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    x0 REAL NOT NULL,
    top REAL NOT NULL,
    x1 REAL NOT NULL,
    bottom REAL NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ocr_lines_report ON ocr_lines(report_id, start);
"""
_ADDED_COLUMNS = (
    ("reports", "identity_sources", "TEXT NOT NULL DEFAULT '{}'"),
    ("reports", "facts_version", "INTEGER NOT NULL DEFAULT 1"),
    ("reports", "layout_version", "INTEGER NOT NULL DEFAULT 1"),
)
"""Columns added after the first release: created in an existing catalogue on open."""
_OCR_COLUMNS = "report_id, page, x0, top, x1, bottom, text, confidence, start, end"
_FACT_COLUMNS = (
    "report_id, metric, qualifier, value_text, unit, value, value_yuan, year, start, end, "
    "source, conflict"
)
_COLUMNS = (
    "id, source, file, format, content_hash, encoding, county, department, year, doc_type, "
    "title, overrides, chunk_count, text, identity_sources"
)


class Catalog:
    """SQLite-backed list of indexed reports; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._schema_on: tuple[int, int] | None = None  # (device, inode) the schema was set on

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        try:
            # schema and migrations once per database file, not on every call (a question
            # over many reports opens the catalogue dozens of times)
            file = self.path.stat()
            if self._schema_on != (file.st_dev, file.st_ino):
                conn.executescript(_SCHEMA)
                _migrate(conn)
                self._schema_on = (file.st_dev, file.st_ino)
            with conn:
                yield conn
        finally:
            conn.close()

    def version(self) -> tuple[int, int]:
        """A cheap change signal for caches: the database file's mtime and size."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def put(
        self,
        report: Report,
        facts: Sequence[FactRecord] = (),
        ocr: Sequence[OcrLine] = (),
        facts_version: int = FACTS_VERSION,
        layout_version: int = LAYOUT_VERSION,
    ) -> None:
        """Insert or replace one report row, its facts and its OCR lines, in one transaction.

        ``facts_version`` is the version of the rules the facts were read by and
        ``layout_version`` that of the rules the text and chunks were made by (rows written
        before versions were kept read as 1)."""
        ident = report.identity
        with self._connect() as conn:
            conn.execute("DELETE FROM facts WHERE report_id = ?", (report.id,))
            conn.executemany(
                f"INSERT INTO facts ({_FACT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [_fact_row(f) for f in facts],
            )
            conn.execute("DELETE FROM ocr_lines WHERE report_id = ?", (report.id,))
            conn.executemany(
                f"INSERT INTO ocr_lines ({_OCR_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(report.id, *_ocr_row(o)) for o in ocr],
            )
            conn.execute(
                f"INSERT OR REPLACE INTO reports ({_COLUMNS}, ingested_at, facts_version, "
                "layout_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    report.id,
                    report.path,
                    report.file,
                    report.format,
                    report.content_hash,
                    report.encoding,
                    ident.county,
                    ident.department,
                    ident.year,
                    ident.doc_type,
                    ident.title,
                    json.dumps(report.overrides, ensure_ascii=False, sort_keys=True),
                    report.chunk_count,
                    report.text,
                    json.dumps(dict(ident.sources), ensure_ascii=False),
                    datetime.now(UTC).isoformat(),
                    facts_version,
                    layout_version,
                ),
            )

    def facts_versions(self) -> dict[str, int]:
        """The version of the fact rules each report's facts were read by."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, facts_version FROM reports").fetchall()
        return {rid: int(version) for rid, version in rows}

    def facts_stale(self, report_id: str) -> bool:
        """The report's facts were read by older rules than the current ``FACTS_VERSION``."""
        return self.facts_versions().get(report_id, FACTS_VERSION) < FACTS_VERSION

    def layout_versions(self) -> dict[str, int]:
        """The version of the reading rules (loaders, normaliser, sections, chunker) each
        report's text and chunks were made by."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, layout_version FROM reports").fetchall()
        return {rid: int(version) for rid, version in rows}

    def layout_stale(self, report_id: str) -> bool:
        """The report was read by older rules than the current ``LAYOUT_VERSION``."""
        return self.layout_versions().get(report_id, LAYOUT_VERSION) < LAYOUT_VERSION

    def get(self, report_id: str) -> Report | None:
        with self._connect() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (report_id,)
            ).fetchone()
        return _row_to_report(row) if row else None

    def by_source(self, source: str) -> list[Report]:
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM reports WHERE source = ?", (source,)
            ).fetchall()
        return [_row_to_report(row) for row in rows]

    def find(self, prefix: str) -> list[Report]:
        """Reports whose id starts with ``prefix`` (users may type a short id)."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM reports WHERE id LIKE ? ORDER BY id",
                (prefix.replace("%", "").replace("_", "") + "%",),
            ).fetchall()
        return [_row_to_report(row) for row in rows]

    def all(self) -> list[Report]:
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM reports ORDER BY county, department, year, file"
            ).fetchall()
        return [_row_to_report(row) for row in rows]

    def ocr_lines(
        self, report_id: str, start: int | None = None, end: int | None = None
    ) -> list[OcrLine]:
        """A report's OCR lines in reading order; with ``start``/``end`` only those whose
        located span overlaps ``[start, end)`` of the normalised text (a citation's span)."""
        sql = f"SELECT {_OCR_COLUMNS} FROM ocr_lines WHERE report_id = ?"
        params: list[object] = [report_id]
        if start is not None and end is not None:
            sql += " AND start >= 0 AND start < ? AND end > ?"
            params += [end, start]
        with self._connect() as conn:
            rows = conn.execute(sql + " ORDER BY rowid", params).fetchall()
        return [OcrLine(*row[1:]) for row in rows]

    def ocr_summary(self, low: float) -> dict[str, tuple[tuple[int, ...], int, int]]:
        """Per report with OCR lines: (pages read by OCR, line count, lines below ``low``)."""
        sql = (
            "SELECT report_id, group_concat(DISTINCT page), count(*), "
            "sum(confidence < ?) FROM ocr_lines GROUP BY report_id"
        )
        with self._connect() as conn:
            rows = conn.execute(sql, (low,)).fetchall()
        return {
            rid: (tuple(sorted({int(p) for p in str(pages).split(",")})), int(n), int(doubt or 0))
            for rid, pages, n, doubt in rows
        }

    def delete(self, report_id: str) -> bool:
        with self._connect() as conn:
            conn.execute("DELETE FROM facts WHERE report_id = ?", (report_id,))
            conn.execute("DELETE FROM ocr_lines WHERE report_id = ?", (report_id,))
            cursor = conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
        return cursor.rowcount > 0

    def clear(self) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM facts")
            conn.execute("DELETE FROM ocr_lines")
            conn.execute("DELETE FROM reports")

    # -- the write journal: a row per report write in progress (see index.consistency) --------

    def begin(self, op: str, report_id: str | None, replaces: Sequence[str] = ()) -> int:
        """Record a write before its first step; returns the journal id to finish it with."""
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO pending (op, report_id, replaces, started_at) VALUES (?,?,?,?)",
                (op, report_id, json.dumps(list(replaces)), datetime.now(UTC).isoformat()),
            )
        return int(cursor.lastrowid or 0)

    def finish(self, journal_id: int) -> None:
        """Clear a write's journal row after its last step."""
        with self._connect() as conn:
            conn.execute("DELETE FROM pending WHERE id = ?", (journal_id,))

    def pending(self) -> list[tuple[int, str, str | None, list[str]]]:
        """Writes begun and never finished: (journal id, op, report id, ids it replaces)."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, op, report_id, replaces FROM pending ORDER BY id"
            ).fetchall()
        return [(int(i), op, rid, json.loads(rep)) for i, op, rid, rep in rows]

    def fact_report_ids(self) -> dict[str, int]:
        """How many facts each report id has (ids without a report row included)."""
        with self._connect() as conn:
            rows = conn.execute("SELECT report_id, COUNT(*) FROM facts GROUP BY report_id")
            return {rid: int(n) for rid, n in rows.fetchall()}

    def delete_facts(self, report_id: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM facts WHERE report_id = ?", (report_id,))

    def facts(
        self,
        metric: str | None = None,
        report_ids: Sequence[str] | None = None,
    ) -> list[FactRecord]:
        """Stored facts, optionally of one metric and/or some reports, in report order."""
        clauses, params = [], []
        if metric is not None:
            clauses.append("metric = ?")
            params.append(metric)
        if report_ids is not None:
            clauses.append(f"report_id IN ({','.join('?' * len(report_ids))})")
            params.extend(report_ids)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_FACT_COLUMNS} FROM facts {where} ORDER BY report_id, start", params
            ).fetchall()
        return [_row_to_fact(row) for row in rows]


def _migrate(conn: sqlite3.Connection) -> None:
    """Add columns a catalogue written by an older version lacks (its rows keep defaults)."""
    for table, column, decl in _ADDED_COLUMNS:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            try:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
            except sqlite3.OperationalError as exc:  # another thread or process added it first
                if "duplicate column" not in str(exc):
                    raise


def _ocr_row(line: OcrLine) -> tuple:
    geometry = (line.page, line.x0, line.top, line.x1, line.bottom)
    return (*geometry, line.text, line.confidence, line.start, line.end)


def _fact_row(fact: FactRecord) -> tuple:
    return (
        fact.report_id,
        fact.metric,
        fact.qualifier,
        fact.value_text,
        fact.unit,
        fact.value,
        fact.value_yuan,
        fact.year,
        fact.start,
        fact.end,
        fact.source,
        int(fact.conflict),
    )


def _row_to_fact(row: tuple) -> FactRecord:
    (rid, metric, qualifier, text, unit, value, yuan, year, start, end, source, conflict) = row
    return FactRecord(
        report_id=rid,
        metric=metric,
        qualifier=qualifier,
        value_text=text,
        unit=unit,
        value=value,
        value_yuan=yuan,
        year=year,
        start=start,
        end=end,
        source=source,
        conflict=bool(conflict),
    )


def _row_to_report(row: tuple) -> Report:
    (
        rid,
        source,
        file,
        fmt,
        chash,
        enc,
        county,
        dept,
        year,
        dtype,
        title,
        overrides,
        count,
        text,
        sources,
    ) = row
    return Report(
        id=rid,
        file=file,
        path=source,
        format=fmt,
        content_hash=chash,
        identity=ReportIdentity(
            county=county,
            department=dept,
            year=year,
            doc_type=dtype,
            title=title,
            sources=tuple(json.loads(sources or "{}").items()),
        ),
        text=text,
        encoding=enc,
        chunk_count=count,
        overrides=json.loads(overrides or "{}"),
    )
