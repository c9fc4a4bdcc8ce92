def longest_distinct_run(s: str) -> int:
    best = 0
    for i in range(len(s)):
        for j in range(i + 1, len(s) + 1):
            piece = s[i:j]
            if len(set(piece)) == len(piece):
                best = max(best, len(piece))
    return best
