def longest_distinct_run(s: str) -> int:
    # For every start, extend to the right until a character repeats:
    # O(n * answer) instead of O(n).
    best = 0
    n = len(s)
    for i in range(n):
        seen = set()
        j = i
        while j < n and s[j] not in seen:
            seen.add(s[j])
            j += 1
        if j - i > best:
            best = j - i
    return best
