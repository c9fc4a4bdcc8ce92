MOD = 1_000_000_007


def sentence_split_count(text: str, words: list[str]) -> int:
    # Same table, but every position is compared against every dictionary
    # entry: O(len(text) * len(words) * word length).
    n = len(text)
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(n):
        if not ways[i]:
            continue
        for w in words:
            if text.startswith(w, i):
                j = i + len(w)
                ways[j] = (ways[j] + ways[i]) % MOD
    return ways[n]
