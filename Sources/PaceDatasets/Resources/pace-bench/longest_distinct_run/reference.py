def longest_distinct_run(s: str) -> int:
    # Sliding window; `last` remembers where each character was seen last.
    last = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        prev = last.get(ch, -1)
        if prev >= start:
            start = prev + 1
        last[ch] = i
        if i - start + 1 > best:
            best = i - start + 1
    return best
