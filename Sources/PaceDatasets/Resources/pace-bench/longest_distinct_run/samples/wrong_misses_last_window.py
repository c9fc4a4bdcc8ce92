def longest_distinct_run(s: str) -> int:
    # Bug: the window length is only recorded when a repeat closes it, so a
    # longest stretch that runs to the end of the string is never counted.
    last = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            best = max(best, i - start)
            start = last[ch] + 1
        last[ch] = i
    return best
