"""The version of the rules that turn a file into normalised text, sections and chunks.

A report stored by older rules keeps the text, section paths and chunks those rules made;
``LAYOUT_VERSION`` is stored per report in the catalogue (like ``FACTS_VERSION`` for the fact
table) so that ``ingest`` reads such a file again instead of skipping it as unchanged,
``check`` names it (``stale-layout``) and ``check --repair`` re-reads it. Raise the number
whenever a loader, the normaliser, the section builder or the chunker changes what it makes
of a file that is already indexed.

History: 1 — everything before versions were kept; 2 — PDF paragraphs rejoined at the text
column's own left edge and over page breaks, unruled PDF tables, merged HTML/Word cells on
the table grid with two-row headers read as one, HTML titles named by class, Markdown inline
markup dropped, headings marked by Word styles / <h2>… / "##" open sections without a number,
plain text hard-wrapped at a fixed width rejoined; 3 — plain-text tables flattened to one
bare cell per line after their caption rebuilt; 4 — the entries of a 目录 (table of
contents) are not sections, so the body's parts no longer nest under its last entry; 5 —
plain-text tables lined up with spaces (a fixed-width 收支决算总表) read as tables; 6 — a
space-aligned table under a caption line that carries its unit ("…决算表    单位：万元") and a
side-by-side row whose left side has ended, padded by characters rather than display width.
also a form's leading label–value rows ("项目名称 | X", "主管部门 | X | 实施单位 |
Y") read as text lines, so the header row below them heads the form's figures (the unit its
label cell writes, "项目资金（万元）", made the table's "单位：万元" caption); 7 — a report's
county read whole when its name is long (围场满族蒙古族自治县, not 场满族蒙古族自治县) and a
party-committee body kept with its level (宁远县委党校 → 宁远县 + 县委党校); 8 — a table header
that a PDF text layer wrote as a line of words apart by spaces above its rows ("指标 目标值 完成
值 分值 得分", a page break may fall between) made the table's header row.
"""

from __future__ import annotations

LAYOUT_VERSION = 8
