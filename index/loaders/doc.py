"""Old Word (.doc) files: converted to .docx by LibreOffice headless, then read as .docx.

LibreOffice is a Debian package (``libreoffice-writer``), not a Python dependency, and setup
does not install it; without it a .doc gets one clear error naming the package.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from index.loaders.docx import docx_blocks
from index.models import Block

DEBIAN_PACKAGE = "libreoffice-writer"
_TIMEOUT_S = 180


class NoConverter(RuntimeError):
    """LibreOffice (soffice / libreoffice) is not on PATH."""


class ConversionFailed(RuntimeError):
    """LibreOffice ran but produced no .docx (a corrupt or unreadable .doc)."""


def converter() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_blocks(data: bytes) -> list[Block]:
    """Blocks of a .doc file, through a temporary .docx made by LibreOffice."""
    command = converter()
    if command is None:
        raise NoConverter("LibreOffice not found")
    with tempfile.TemporaryDirectory(prefix="report-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "report.doc"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()  # own profile: parallel runs do not collide
        try:
            subprocess.run(
                [
                    command,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=False,
                capture_output=True,
                timeout=_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed("LibreOffice timed out") from exc
        target = folder / "report.docx"
        if not target.is_file() or target.stat().st_size == 0:
            raise ConversionFailed("LibreOffice produced no .docx")
        return docx_blocks(target.read_bytes())
