"""Checks and storage of uploaded report files (web app and HTTP API alike)."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

ALLOWED_SUFFIXES = (
    ".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".xlsx", ".xlsm", ".xls",
)  # fmt: skip
_SAFE_NAME = re.compile(r"[^\w\-.()（）]+")


def sanitize_filename(name: str, fallback: str = "report") -> str:
    """A safe file name: no folders, only letters, digits, CJK and - _ . ( ) （ ）."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = _SAFE_NAME.sub("", suffix).strip(".").lower()[:10]
    stem = re.sub(r"_+", "_", _SAFE_NAME.sub("_", stem)).strip("._- ")[:100] or fallback
    return f"{stem}.{suffix}" if suffix else stem


def upload_problem(name: str, size: int, max_mb: float) -> str | None:
    """Why an uploaded file is refused (type or size), or None when it is acceptable."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix not in ALLOWED_SUFFIXES:
        allowed = " ".join(ALLOWED_SUFFIXES)
        return f"{name}：不支持的文件类型 {suffix or '（无扩展名）'}，只接受 {allowed}"
    if size > max_mb * 1024 * 1024:
        return f"{name}：文件过大（{size / 1024 / 1024:.1f} MB），上限 {max_mb:g} MB"
    if size == 0:
        return f"{name}：文件为空"
    return None


def store_upload(source: Path, folder: Path, name: str | None = None) -> Path:
    """Copy an upload into ``folder`` under a sanitised name; the same bytes reuse their copy."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = sanitize_filename(name or source.name)
    stem, dot, suffix = safe.rpartition(".")
    if not dot:
        stem, suffix = safe, ""
    target = folder / safe
    n = 1
    while target.exists():
        if filecmp.cmp(source, target, shallow=False):
            return target
        target = folder / (f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}")
        n += 1
    shutil.copyfile(source, target)
    return target


def discard(path: Path) -> None:
    """Delete a front end's temporary copy of an upload (and its folder when left empty)."""
    try:
        path.unlink(missing_ok=True)
        path.parent.rmdir()  # Gradio keeps each upload in a folder of its own
    except OSError:
        pass
