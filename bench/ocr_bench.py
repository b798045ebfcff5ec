"""OCR throughput: read an N-page scan (pages of a scanned PDF repeated) and print the time.

usage: python bench/ocr_bench.py SCANNED.pdf [PAGES=20]

Prints the engine load time, seconds per page (render + OCR + layout) and the whole load;
nothing is embedded or stored. The machine's load average is printed too, since OCR time
scales with free cores.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    import pypdfium2

    from index.loaders import load_file
    from index.loaders.ocr import SCALE, _engine

    source = Path(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    original = pypdfium2.PdfDocument(str(source))
    scan = pypdfium2.PdfDocument.new()
    for n in range(pages):
        scan.import_pages(original, [n % len(original)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"scan{pages}.pdf"
        scan.save(str(path))
        started = time.perf_counter()
        _engine()
        loaded = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        doc = load_file(path)
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"render scale {SCALE} ({SCALE * 72:.0f} dpi), cores {os.cpu_count()}")
    print(f"engine load {loaded:.1f} s")
    print(f"{pages} pages in {total:.1f} s = {total / pages:.1f} s/page; {len(doc.ocr)} OCR lines")
    print(f"CPU time {cpu:.1f} s = {cpu / pages:.1f} s/page (all threads)")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
