"""BM25 over jieba tokens of the chunks in Chroma: exact figures and terms dense search misses.

The index is derived from the chunk store and can always be rebuilt from it; on disk it is
keyed by a fingerprint of the store's chunk ids and metadata (and of the tokenizer vocabulary),
so a changed collection is noticed and the index rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import bm25s
import numpy as np

from index.domain_terms import canonical_forms, expand_terms, jieba_words, query_stopwords
from index.vectorstore import ChunkStore, StoredChunk

FORMAT_VERSION = 2
EXPANSION_WEIGHT = 0.5
"""Weight of synonym-expansion tokens relative to the query's own tokens."""
USE_HMM = True
"""Let jieba guess unknown words (HMM); off, unknown runs split into single characters."""

_QUOTES = re.compile(r"[“”‘’\"'「」『』]")
_PERCENT = re.compile(r"^[\d.]+%$")
_MANIFEST = "manifest.json"
_BM25_DIR = "bm25"


class _DomainTokenizer:
    """A private jieba tokenizer with the domain terms added (search-mode cutting)."""

    def __init__(self) -> None:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.initialize()
        words = list(dict.fromkeys(w.lower() for w in jieba_words()))
        parts = {w: [p for p in tk.lcut(w, HMM=False) if p != w] for w in words}
        for word in {*words, *jieba_words()}:
            tk.add_word(word)
        for word in words:
            parts[word] += [other for other in words if other != word and other in word]
        self._parts = {w: tuple(dict.fromkeys(ps)) for w, ps in parts.items()}
        self._jieba = tk

    def tokenize(self, text: str) -> list[str]:
        """Search-mode tokens: long terms and their parts, lower-cased, no punctuation."""
        out: list[str] = []
        for raw in self._jieba.cut(_normalise(text), HMM=USE_HMM):
            word = raw.strip()
            if any(ch.isalnum() for ch in word):
                out.extend(self._with_parts(word))
        return out

    def words(self, text: str) -> list[str]:
        """Precise-mode jieba words (case and punctuation kept, punctuated terms squashed)."""
        return self._jieba.lcut(_squash_terms(unicodedata.normalize("NFKC", text)), HMM=USE_HMM)

    def _with_parts(self, word: str) -> list[str]:
        """The word's dictionary 2- and 3-grams and domain sub-terms, then the word itself."""
        freq = self._jieba.FREQ
        grams = [word[i : i + n] for n in (2, 3) if len(word) > n for i in range(len(word) - n + 1)]
        subs = [g for g in grams if freq.get(g)] + list(self._parts.get(word, ()))
        if _PERCENT.match(word):
            subs.append(word[:-1])
        return [*dict.fromkeys(s for s in subs if s != word), word]


def _normalise(text: str) -> str:
    """NFKC, lower-case, punctuated terms squashed (“三公”经费 → 三公经费), quotes dropped."""
    return _QUOTES.sub("", _squash_terms(unicodedata.normalize("NFKC", text).lower()))


def _squash_terms(text: str) -> str:
    """Punctuated spellings of terms replaced by their squashed form."""
    for spelled, squashed in canonical_forms().items():
        text = text.replace(spelled, squashed)
    return text


_LOCK = threading.Lock()
_TOKENIZER: _DomainTokenizer | None = None


def _tokenizer() -> _DomainTokenizer:
    """The shared domain tokenizer, initialised on first use (once)."""
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            _TOKENIZER = _DomainTokenizer()
        return _TOKENIZER


def tokenize(text: str) -> list[str]:
    """Index tokens of ``text`` (what documents and queries are matched on)."""
    return _tokenizer().tokenize(text)


def words(text: str) -> list[str]:
    """Jieba words of ``text`` with the domain terms whole (precise mode, nothing dropped)."""
    return _tokenizer().words(text)


def query_tokens(query: str, expand: bool = True) -> tuple[list[str], list[str]]:
    """(the query's own tokens without question words, extra tokens from synonyms)."""
    own = [t for t in dict.fromkeys(tokenize(query)) if t not in query_stopwords()]
    if not expand:
        return own, []
    extra: dict[str, None] = {}
    for term in expand_terms(own)[len(own) :]:
        extra.update(dict.fromkeys(t for t in tokenize(term) if t not in own))
    return own, list(extra)


def _phrase_key(text: str) -> str:
    return re.sub(r"\s+", "", _QUOTES.sub("", unicodedata.normalize("NFKC", text))).lower()


def indexed_text(chunk: StoredChunk) -> str:
    """What BM25 sees: who/when/section then the passage, as dense search embeds it."""
    meta = chunk.metadata
    year = meta.get("year")
    who = f"{meta.get('county') or ''}{meta.get('department') or ''}{f'{year}年度' if year else ''}"
    return f"{who} {meta.get('section') or ''}\n{chunk.text}".strip()


def fingerprint(chunks: Iterable[StoredChunk]) -> str:
    """sha256 of the sorted chunk ids and metadata, the format and the vocabulary.

    Ids hash the text; metadata is included because re-ingesting the same bytes with other
    identity overrides keeps every id but changes county/department/year."""
    digest = hashlib.sha256(f"v{FORMAT_VERSION}\n".encode())
    digest.update("\n".join(jieba_words()).encode())
    rows = sorted((c.id, json.dumps(c.metadata, sort_keys=True)) for c in chunks)
    for chunk_id, meta in rows:
        digest.update(f"\n{chunk_id}\t{meta}".encode())
    return digest.hexdigest()


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda value, arg: value == arg,
    "$ne": lambda value, arg: value != arg,
    "$in": lambda value, arg: value in arg,
    "$nin": lambda value, arg: value not in arg,
}


def matches(metadata: dict[str, Any], where: dict[str, Any] | None) -> bool:
    """Chroma-style metadata filter: equality, $eq/$ne/$in/$nin, $and/$or."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            ok = all(matches(metadata, clause) for clause in cond)
        elif key == "$or":
            ok = any(matches(metadata, clause) for clause in cond)
        elif key.startswith("$"):
            raise ValueError(f"unsupported where operator {key!r}")
        elif isinstance(cond, dict):
            if not set(cond) <= set(_OPERATORS):
                raise ValueError(f"unsupported where condition {cond!r}")
            ok = all(_OPERATORS[op](metadata.get(key), arg) for op, arg in cond.items())
        else:
            ok = metadata.get(key) == cond
        if not ok:
            return False
    return True


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class LexicalIndex:
    """BM25 (bm25s) over the chunks of one store, with their text and metadata."""

    def __init__(
        self,
        chunks: list[StoredChunk],
        bm25: bm25s.BM25 | None,
        fingerprint: str,
        source: Literal["built", "loaded"] = "built",
    ) -> None:
        self.chunks = chunks
        self.fingerprint = fingerprint
        self.source = source
        self._bm25 = bm25
        self._by_id = {c.id: c for c in chunks}
        self._postings: dict[str, dict[Any, np.ndarray]] = {}
        self._lock = threading.Lock()
        self._joined: str | None = None

    def __len__(self) -> int:
        return len(self.chunks)

    def chunk(self, chunk_id: str) -> StoredChunk:
        """The indexed chunk (text and metadata) with this id."""
        return self._by_id[chunk_id]

    @classmethod
    def build(cls, chunks: list[StoredChunk], fp: str | None = None) -> LexicalIndex:
        """Tokenise every chunk and index it."""
        chunks = [StoredChunk(c.id, c.text, dict(c.metadata)) for c in chunks]
        bm25 = None
        if chunks:
            bm25 = bm25s.BM25()
            bm25.index([tokenize(indexed_text(c)) for c in chunks], show_progress=False)
        return cls(chunks, bm25, fp or fingerprint(chunks))

    def scores(self, query: str, expand: bool = True) -> np.ndarray:
        """BM25 score of every chunk (own tokens + EXPANSION_WEIGHT × synonym tokens)."""
        total = np.zeros(len(self.chunks), dtype=np.float32)
        if self._bm25 is None:
            return total
        own, extra = query_tokens(query, expand)
        for tokens, weight in ((own, 1.0), (extra, EXPANSION_WEIGHT)):
            ids = self._bm25.get_tokens_ids(tokens)
            if ids:
                total += weight * self._bm25.get_scores_from_ids(ids)
        return total

    def contains(self, phrase: str) -> bool:
        """The phrase occurs as written (whitespace and quotes ignored) in some indexed chunk:
        stricter than :meth:`knows`, for checking a composed term such as 临时救助."""
        key = _phrase_key(phrase)
        if not key:
            return False
        with self._lock:
            if self._joined is None:
                self._joined = "\n".join(_phrase_key(c.text) for c in self.chunks)
        return key in self._joined

    def knows(self, text: str) -> bool:
        """Every token of ``text`` occurs somewhere in the indexed chunks."""
        tokens = [t for t in tokenize(text) if t.strip()]
        if self._bm25 is None or not tokens:
            return False
        vocab = self._bm25.vocab_dict
        return all(t in vocab for t in tokens)

    def search(
        self, query: str, k: int, where: dict[str, Any] | None = None, *, expand: bool = True
    ) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) with score > 0 among chunks matching ``where``."""
        scores = self.scores(query, expand)
        hit = scores > 0
        if where is not None:
            hit &= self.mask(where)
        keep = list(np.flatnonzero(hit))
        keep.sort(key=lambda i: (-scores[i], i))
        return [(self.chunks[i].id, float(scores[i])) for i in keep[:k]]

    def report_chunks(self, report_id: str) -> list[StoredChunk]:
        """One report's chunks in order, from memory (the index holds every chunk's text)."""
        ids = np.flatnonzero(self._equal("report_id", [report_id]))
        return [self.chunks[i] for i in ids]

    def mask(self, where: dict[str, Any]) -> np.ndarray:
        """Which chunks match a Chroma-style ``where`` (same meaning as :func:`matches`), from
        per-field postings built on first use: a filter costs array operations, not a Python
        test per chunk, which matters once an index holds tens of thousands of chunks."""
        out = np.ones(len(self.chunks), dtype=bool)
        for key, cond in where.items():
            if key == "$and":
                part = np.ones(len(self.chunks), dtype=bool)
                for clause in cond:
                    part &= self.mask(clause)
            elif key == "$or":
                part = np.zeros(len(self.chunks), dtype=bool)
                for clause in cond:
                    part |= self.mask(clause)
            elif key.startswith("$"):
                raise ValueError(f"unsupported where operator {key!r}")
            elif isinstance(cond, dict):
                if not set(cond) <= set(_OPERATORS):
                    raise ValueError(f"unsupported where condition {cond!r}")
                part = np.ones(len(self.chunks), dtype=bool)
                for op, arg in cond.items():
                    values = [arg] if op in ("$eq", "$ne") else list(arg)
                    one_of = self._equal(key, values)
                    part &= ~one_of if op in ("$ne", "$nin") else one_of
            else:
                part = self._equal(key, [cond])
            out &= part
        return out

    def _equal(self, key: str, values: list[Any]) -> np.ndarray:
        with self._lock:
            postings = self._postings.get(key)
            if postings is None:
                grouped: dict[Any, list[int]] = {}
                for i, chunk in enumerate(self.chunks):
                    grouped.setdefault(chunk.metadata.get(key), []).append(i)
                postings = {
                    value: np.asarray(ids, dtype=np.int64) for value, ids in grouped.items()
                }
                self._postings[key] = postings
        hit = np.zeros(len(self.chunks), dtype=bool)
        for value in values:
            ids = postings.get(value) if _hashable(value) else None
            if ids is not None:
                hit[ids] = True
        return hit

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (replaced whole, via a temp dir and a rename)."""
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        if self._bm25 is not None:
            self._bm25.save(str(tmp / _BM25_DIR), show_progress=False)
        manifest = {
            "format": FORMAT_VERSION,
            "fingerprint": self.fingerprint,
            "chunks": [{"id": c.id, "text": c.text, "metadata": c.metadata} for c in self.chunks],
        }
        (tmp / _MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        current = folder / "current"
        old = folder / f".old-{tmp.name}"
        if current.exists():
            current.rename(old)
        tmp.rename(current)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by :meth:`save` (raises OSError/ValueError when unusable)."""
        current = folder / "current"
        manifest = json.loads((current / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError("lexical index written by another format version")
        chunks = [StoredChunk(c["id"], c["text"], c["metadata"]) for c in manifest["chunks"]]
        bm25 = None
        if chunks:
            bm25 = bm25s.BM25.load(str(current / _BM25_DIR), show_progress=False)
            if bm25.scores["num_docs"] != len(chunks):
                raise ValueError("lexical index and its manifest disagree")
        return cls(chunks, bm25, manifest["fingerprint"], source="loaded")

    @classmethod
    def load_or_build(cls, folder: Path, store: ChunkStore) -> LexicalIndex:
        """The saved index if it matches the store's chunks, else a rebuilt (and saved) one."""
        chunks = store.chunks()
        fp = fingerprint(chunks)
        try:
            saved = cls.load(folder)
            if saved.fingerprint == fp:
                return saved
        except (OSError, ValueError, KeyError, TypeError):
            pass
        index = cls.build(chunks, fp)
        index.save(folder)
        return index
