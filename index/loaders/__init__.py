"""Read a report file into blocks (paragraphs and tables in reading order), by file type.

Every failure a user can cause ends in ``LoadError(file, reason)`` with one clear sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.errors import LoadError
from index.loaders.doc import DEBIAN_PACKAGE, ConversionFailed, NoConverter, doc_blocks
from index.loaders.docx import docx_blocks
from index.loaders.html import html_blocks, html_meta
from index.loaders.pdf import NoTextLayer, pdf_content
from index.loaders.sheet import xls_blocks, xlsx_blocks
from index.loaders.text import PAGE_BREAK, UndecodableText, decode_text, text_blocks
from index.models import Block, LoadedDocument, OcrLine

__all__ = ["DEFAULT_MAX_BYTES", "PAGE_BREAK", "SUPPORTED_SUFFIXES", "load_file"]

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".xlsx", ".xlsm", ".xls"}
)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_FORMATS = {
    ".txt": "txt", ".md": "md", ".docx": "docx", ".doc": "doc", ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
}  # fmt: skip
_HINTS = {
    ".wps": "WPS 格式不受支持，请另存为 .docx / WPS files are not supported, save as .docx",
    ".et": "WPS 表格不受支持，请另存为 .xlsx / WPS spreadsheets are not supported, save as .xlsx",
}
_NO_TEXT_LAYER = (
    "PDF 没有文字层，OCR 也未识别出任何文字（空白页或图片？）/ the PDF has no text layer and "
    "OCR found no text in it (blank pages or pictures?)"
)
_NO_CONVERTER = (
    f"旧版 Word（.doc）需要 LibreOffice 转换：请安装 Debian 软件包 {DEBIAN_PACKAGE}"
    f"（apt-get install {DEBIAN_PACKAGE}），或另存为 .docx / .doc needs LibreOffice: install "
    f"the Debian package {DEBIAN_PACKAGE} or save the file as .docx"
)
_CONVERSION_FAILED = (
    "LibreOffice 无法转换该 .doc 文件（已损坏或不是 Word 文件）/ LibreOffice could not convert "
    "the .doc (corrupt or not a Word file)"
)
_NOT_TEXT = (
    "不是文本文件（二进制内容或无法识别的编码）/ not a text file (binary data or unknown encoding)"
)
_ENCRYPTED = "PDF 已加密，需要密码才能打开 / the PDF is encrypted and needs a password"
_CORRUPT = {
    "docx": "Word 文件已损坏或不是有效的 .docx / the file is corrupt or not a real .docx",
    "pdf": "PDF 文件已损坏或无法解析 / the PDF is corrupt or cannot be parsed",
    "html": "无法识别或解析该网页文件 / the HTML file cannot be decoded or parsed",
    "xlsx": "Excel 文件已损坏或不是有效的 .xlsx / the file is corrupt or not a real .xlsx",
    "xls": "Excel 文件已损坏或不是有效的 .xls / the file is corrupt or not a real .xls",
}


def load_file(
    path: Path | str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> LoadedDocument:
    """Load a report (.txt/.md/.docx/.doc/.pdf/.html/.xlsx/.xlsm/.xls) into blocks, or raise
    LoadError saying why not. ``progress(done, total)`` hears about OCR'd PDF pages."""
    path = Path(path)
    fmt = _format(path)
    data = _read(path, max_bytes)
    try:
        blocks, encoding, ocr, pages = _parse(fmt, data, progress)
    except LoadError:
        raise
    except Exception as exc:  # a parser rejecting a bad file: one sentence, never a traceback
        raise LoadError(path.name, _failure_reason(exc, fmt)) from exc
    if not any(_has_text(block) for block in blocks):
        raise LoadError(path.name, "文档中没有任何文字 / the document contains no text")
    return LoadedDocument(
        file=path.name,
        format=fmt,
        blocks=tuple(blocks),
        encoding=encoding,
        ocr=tuple(ocr),
        pages=pages,
        meta=tuple(_meta(fmt, data)),
    )


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
        limit = f"{size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB"
        raise LoadError(path.name, f"文件过大 / the file is too large ({limit})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(path.name, f"无法读取文件 / cannot read the file: {exc.strerror}") from exc


def _parse(
    fmt: str, data: bytes, progress: Callable[[int, int], None] | None
) -> tuple[list[Block], str | None, list[OcrLine], int]:
    """Dispatch to the loader for ``fmt``: blocks, the text encoding, OCR lines, page count."""
    if fmt in ("txt", "md"):
        text, encoding = decode_text(data)
        return text_blocks(text, markdown=fmt == "md"), encoding, [], 0
    if fmt == "html":
        blocks, encoding = html_blocks(data)
        return blocks, encoding, [], 0
    if fmt == "docx":
        return docx_blocks(data), None, [], 0
    if fmt == "doc":
        return doc_blocks(data), None, [], 0
    if fmt == "xlsx":
        return xlsx_blocks(data), None, [], 0
    if fmt == "xls":
        return xls_blocks(data), None, [], 0
    content = pdf_content(data, progress)
    return content.blocks, None, content.ocr, content.pages


def _meta(fmt: str, data: bytes) -> list[tuple[str, str]]:
    """Metadata that may name the report; never fails the load."""
    if fmt != "html":
        return []
    try:
        return html_meta(data)
    except Exception:  # metadata is a hint only
        return []


def _failure_reason(exc: Exception, fmt: str) -> str:
    """The user-facing sentence for a file the parser could not read."""
    if isinstance(exc, UndecodableText):
        return _NOT_TEXT if fmt != "html" else _CORRUPT["html"]
    if isinstance(exc, NoTextLayer):
        return _NO_TEXT_LAYER
    if isinstance(exc, NoConverter):
        return _NO_CONVERTER
    if isinstance(exc, ConversionFailed):
        return _CONVERSION_FAILED
    if fmt == "pdf" and "Password" in repr(exc):
        return _ENCRYPTED
    return f"{_CORRUPT.get(fmt, _NOT_TEXT)} ({type(exc).__name__})"


def _has_text(block: Block) -> bool:
    if block.kind == "table":
        return any(cell.strip() for row in block.rows for cell in row)
    return bool(block.text.strip())
