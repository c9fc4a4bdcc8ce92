# Escape: leaves the process group twice over: a child that calls setsid() and forks again, and a grandchild
# that execs a marked `sleep` in its own session, so a kill of Pace's process group cannot reach it. Nothing may
# survive the sample. Runs once per process.
import os
import sys


def _escape():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.setpgid(0, 0)
            os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600", "pace-hostile-setsid"])
        os._exit(0)


def longest_distinct_run(s: str) -> int:
    if not getattr(sys, "_pace_hostile_escaped", False):
        sys._pace_hostile_escaped = True
        _escape()
    last = {}
    start = best = 0
    for i, ch in enumerate(s):
        if last.get(ch, -1) >= start:
            start = last[ch] + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best
