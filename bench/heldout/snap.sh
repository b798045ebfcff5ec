#!/bin/bash
# snap.sh NAME — /work/wt-NAME: HEAD of /work/main plus its uncommitted changes
N=$1; W=/work/wt-$N
cd /work/main
[ -d $W ] && git worktree remove --force $W
git worktree add -q --detach $W HEAD
for f in $(git diff --name-only HEAD) $(git ls-files --others --exclude-standard); do mkdir -p $W/$(dirname $f); cp $f $W/$f; done
echo $W
