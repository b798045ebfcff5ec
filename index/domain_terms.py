"""Budget-report vocabulary for search: terms for jieba, synonym groups for query expansion.

The entries live in ``index/vocabulary.toml`` (read on first use, never at import); this module
derives what tokenisation and query expansion need from them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from index import vocabulary


def __getattr__(name: str) -> object:
    """DOMAIN_TERMS, SYNONYM_GROUPS and QUERY_STOPWORDS, read from the vocabulary on first use."""
    if name == "DOMAIN_TERMS":
        return vocabulary.domain_terms()
    if name == "SYNONYM_GROUPS":
        return vocabulary.synonym_groups()
    if name == "QUERY_STOPWORDS":
        return vocabulary.stopwords()
    raise AttributeError(name)


def query_stopwords() -> frozenset[str]:
    """Words of a question that never narrow a search (多少, 哪个, 的 …)."""
    return vocabulary.stopwords()


_PUNCT_IN_TERM = re.compile(r"[“”‘’\"'「」『』（）()]")


def squash(term: str) -> str:
    """A term without the quotes and brackets jieba cannot keep inside one word."""
    return _PUNCT_IN_TERM.sub("", unicodedata.normalize("NFKC", term))


@functools.cache
def canonical_forms() -> dict[str, str]:
    """Punctuated spellings (NFKC) → their squashed form, longest first."""
    spelled = {
        unicodedata.normalize("NFKC", t)
        for t in (*vocabulary.domain_terms(), *(m for g in vocabulary.synonym_groups() for m in g))
    }
    pairs = {s: squash(s) for s in spelled if squash(s) != s}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@functools.cache
def jieba_words() -> tuple[str, ...]:
    """Every term and government-body name or short form (squashed, deduplicated) to add to
    jieba's dictionary."""
    from index.departments import vocabulary_forms

    words = dict.fromkeys(squash(t) for t in (*vocabulary.domain_terms(), *vocabulary_forms()))
    return tuple(w for w in words if len(w) > 1)


@functools.cache
def synonym_index() -> dict[str, tuple[str, ...]]:
    """Squashed term → the other (squashed) members of every group it belongs to."""
    index: dict[str, dict[str, None]] = {}
    from index.departments import body_groups

    for group in (*vocabulary.synonym_groups(), *body_groups()):
        members = list(dict.fromkeys(squash(m) for m in group))
        for member in members:
            others = index.setdefault(member, {})
            others.update(dict.fromkeys(m for m in members if m != member))
    return {term: tuple(others) for term, others in index.items()}


def expand_terms(tokens: list[str]) -> list[str]:
    """The tokens followed by their synonyms (deduplicated, order kept)."""
    synonyms = synonym_index()
    out = dict.fromkeys(tokens)
    for token in tokens:
        out.update(dict.fromkeys(synonyms.get(squash(token), ())))
    return list(out)
