#!/usr/bin/env python3
"""flips.py OLD NEW [SETS] — items that changed pass/fail between two tags. Held-out sets
(listed in HELD) print counts only."""
import sys, json, os


def main() -> None:
    HELD = set(open('/work/evalsplit/HELD').read().split()) if os.path.exists('/work/evalsplit/HELD') else set()
    old, new = sys.argv[1], sys.argv[2]
    sets = sys.argv[3].split(',') if len(sys.argv) > 3 else ['dev', 'dev2t', 'blind'] + sorted(d for d in os.listdir('/work/evalsplit') if d.startswith('hold') and os.path.isdir('/work/evalsplit/'+d))
    def fails(tag, s):
        p = f'/work/evout/{tag}-{s}.details.txt'
        return {l.split()[1] for l in open(p) if l.startswith('FAIL')} if os.path.exists(p) else None
    for s in sets:
        a, b = fails(old, s), fails(new, s)
        if a is None or b is None:
            continue
        fixed, broke = sorted(a - b), sorted(b - a)
        if s in HELD or s == 'blind':
            print(f'{s}: fixed {len(fixed)} broke {len(broke)}')
        else:
            print(f'{s}: fixed {fixed} broke {broke}')


if __name__ == "__main__":
    main()
