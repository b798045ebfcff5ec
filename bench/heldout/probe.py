#!/usr/bin/env python3
"""probe.py DATA_DIR 'turn1' ['turn2' ...] — one conversation, offline answers printed.
Run from the repo whose code is to be probed (cwd first on sys.path)."""
import sys
sys.path.insert(0, '.')
from assistant.factory import build_service
from assistant.settings import load_settings
from assistant.conversation import Conversation
svc = build_service(load_settings(data_dir=sys.argv[1]))
conv = Conversation()
for t in sys.argv[2:]:
    a = svc.ask(t, conv, use_llm=False)
    print('Q:', t); print('A:', a.answer[:1500]); print('refused', a.refused, 'warnings', a.warnings[:2] if a.warnings else []); print('-'*60)
