#!/usr/bin/env python3
"""probe.py DATA_DIR 'turn1' ['turn2' ...] — one conversation, offline answers printed.
Run from the folder of the code to probe (it is put first on sys.path)."""

import sys


def main() -> None:
    sys.path.insert(0, ".")
    from assistant.conversation import Conversation
    from assistant.factory import build_service
    from assistant.settings import load_settings

    service = build_service(load_settings(data_dir=sys.argv[1]))
    conversation = Conversation()
    for turn in sys.argv[2:]:
        answer = service.ask(turn, conversation, use_llm=False)
        print("Q:", turn)
        print("A:", answer.answer[:1500])
        print("refused", answer.refused, "warnings", list(answer.warnings[:2]))
        print("-" * 60)


if __name__ == "__main__":
    main()
