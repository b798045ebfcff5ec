"""Read a report file into blocks (paragraphs and tables in reading order), by file type.

Every failure a user can cause ends in ``LoadError(file, reason)`` with one clear sentence.
"""

from __future__ import annotations

from pathlib import Path

from index.errors import LoadError
from index.loaders.docx import docx_blocks
from index.loaders.html import html_blocks
from index.loaders.pdf import GarbledText, NoTextLayer, pdf_blocks
from index.loaders.text import PAGE_BREAK, UndecodableText, decode_text, text_blocks
from index.models import Block, LoadedDocument

__all__ = ["DEFAULT_MAX_BYTES", "PAGE_BREAK", "SUPPORTED_SUFFIXES", "load_file"]

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".docx", ".pdf", ".html", ".htm"})
DEFAULT_MAX_BYTES = 50_000_000
"""50 MB; sizes are MB of 10⁶ bytes in settings and messages alike."""

_FORMATS = {
    ".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
}  # fmt: skip
_HINTS = {
    ".doc": "不支持旧版 Word 格式，请另存为 .docx / .doc is not supported, save it as .docx",
    ".wps": "WPS 格式不受支持，请另存为 .docx / WPS files are not supported, save as .docx",
    ".xls": "不支持电子表格 / spreadsheets are not supported",
    ".xlsx": "不支持电子表格 / spreadsheets are not supported",
}
_NO_TEXT_LAYER = (
    "PDF 没有文字层（可能是扫描件），暂不支持 OCR / the PDF has no text layer (a scan?); "
    "OCR is not supported"
)
_NOT_TEXT = (
    "不是文本文件（二进制内容或无法识别的编码）/ not a text file (binary data or unknown encoding)"
)
_GARBLED = (
    "PDF 的文字无法解码（已加密或字体缺少编码表），请提供未加密、可复制文字的 PDF / the PDF's "
    "text cannot be decoded (encrypted, or fonts without a Unicode map): give an unencrypted PDF "
    "whose text can be copied"
)
_ENCRYPTED = "PDF 已加密，需要密码才能打开 / the PDF is encrypted and needs a password"
_CORRUPT = {
    "docx": "Word 文件已损坏或不是有效的 .docx / the file is corrupt or not a real .docx",
    "pdf": "PDF 文件已损坏或无法解析 / the PDF is corrupt or cannot be parsed",
    "html": "无法识别或解析该网页文件 / the HTML file cannot be decoded or parsed",
}


def load_file(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Load a .txt/.md/.docx/.pdf/.html report into blocks, or raise LoadError saying why not."""
    path = Path(path)
    fmt = _format(path)
    data = _read(path, max_bytes)
    try:
        blocks, encoding = _parse(fmt, data)
    except LoadError:
        raise
    except Exception as exc:  # a parser rejecting a bad file: one sentence, never a traceback
        raise LoadError(path.name, _failure_reason(exc, fmt)) from exc
    if not any(_has_text(block) for block in blocks):
        raise LoadError(path.name, "文档中没有任何文字 / the document contains no text")
    return LoadedDocument(file=path.name, format=fmt, blocks=tuple(blocks), encoding=encoding)


def _format(path: Path) -> str:
    """The format name for a supported suffix (any letter case)."""
    suffix = path.suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    allowed = " ".join(sorted(SUPPORTED_SUFFIXES))
    hint = _HINTS.get(
        suffix, f"不支持的文件类型 {suffix or '（无扩展名）'} / unsupported file type"
    )
    raise LoadError(path.name, f"{hint} (supported: {allowed})")


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes after the checks that need no parsing: exists, size, not empty."""
    if not path.is_file():
        reason = (
            "不是普通文件 / not a regular file" if path.exists() else "文件不存在 / no such file"
        )
        raise LoadError(path.name, reason)
    size = path.stat().st_size
    if size == 0:
        raise LoadError(path.name, "文件为空 / the file is empty")
    if size > max_bytes:
        limit = f"{size / 1e6:.1f} MB > {max_bytes / 1e6:g} MB"
        raise LoadError(path.name, f"文件过大 / the file is too large ({limit})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(path.name, f"无法读取文件 / cannot read the file: {exc.strerror}") from exc


def _parse(fmt: str, data: bytes) -> tuple[list[Block], str | None]:
    """Dispatch to the loader for ``fmt``; text formats also report their encoding."""
    if fmt in ("txt", "md"):
        text, encoding = decode_text(data)
        return text_blocks(text, markdown=fmt == "md"), encoding
    if fmt == "html":
        return html_blocks(data)
    if fmt == "docx":
        return docx_blocks(data), None
    return pdf_blocks(data), None


def _failure_reason(exc: Exception, fmt: str) -> str:
    """The user-facing sentence for a file the parser could not read."""
    if isinstance(exc, UndecodableText):
        return _NOT_TEXT if fmt != "html" else _CORRUPT["html"]
    if isinstance(exc, NoTextLayer):
        return _NO_TEXT_LAYER
    if isinstance(exc, GarbledText):
        return _GARBLED
    if fmt == "pdf" and "Password" in repr(exc):
        return _ENCRYPTED
    return f"{_CORRUPT.get(fmt, _NOT_TEXT)} ({type(exc).__name__})"


def _has_text(block: Block) -> bool:
    if block.kind == "table":
        return any(cell.strip() for row in block.rows for cell in row)
    return bool(block.text.strip())
