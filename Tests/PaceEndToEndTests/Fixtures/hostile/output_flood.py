# Resource: floods stdout and stderr: a 300 MB print, 200 MiB straight into fd 1 and fd 2. Capture must stay
# capped and drained (no hang, no memory blow-up in Pace). Runs once per process.
import os
import sys

MOD = 1_000_000_007


def _flood():
    print("pace-hostile-flood " * 16_000_000)
    chunk = b"pace-hostile-flood\n" * 55_000
    for _ in range(100):
        os.write(1, chunk)
        os.write(2, chunk)


def sentence_split_count(text: str, words: list[str]) -> int:
    if not getattr(sys, "_pace_hostile_flooded", False):
        sys._pace_hostile_flooded = True
        _flood()
    vocab = set(words)
    lengths = sorted({len(w) for w in vocab})
    n = len(text)
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        total = 0
        for length in lengths:
            if length > i:
                break
            if ways[i - length] and text[i - length:i] in vocab:
                total += ways[i - length]
        ways[i] = total % MOD
    return ways[n]
