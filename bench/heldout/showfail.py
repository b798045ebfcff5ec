#!/usr/bin/env python3
"""showfail.py TAG SET ID... — question, gold numbers and our answer (refuses blind and held-out sets)."""
import sys, json, os


def main() -> None:
    HELD = set(open('/work/evalsplit/HELD').read().split()) if os.path.exists('/work/evalsplit/HELD') else set()
    tag, s, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    if s in HELD or s == 'blind':
        sys.exit(f'{s} is held out')
    gold = {'dev': '/work/shared/eval/dev_qa.jsonl', 'dev2t': '/work/evalsplit/dev2t.jsonl'}.get(s, f'/work/evalsplit/{s}/gold.jsonl')
    G = {json.loads(l)['id']: json.loads(l) for l in open(gold) if l.strip()}
    A = {json.loads(l)['id']: json.loads(l) for l in open(f'/work/evout/{tag}-{s}.jsonl') if l.strip()}
    for i in ids:
        g, a = G[i], A.get(i, {})
        print('=' * 80); print(i, g['kind'], g.get('turns') or g['question'])
        print('GOLD:', g['answer'], '| numbers', g.get('numbers'), g.get('numbers_derived'))
        print('OURS:', a.get('answer', '')[:900]); print('cites:', [ (c.get('file'), c.get('text','')[:80]) for c in a.get('citations', [])[:3]])


if __name__ == "__main__":
    main()
