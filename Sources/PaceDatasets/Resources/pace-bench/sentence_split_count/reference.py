MOD = 1_000_000_007


def sentence_split_count(text: str, words: list[str]) -> int:
    # ways[i] = number of ways to split text[:i]. Only the lengths that
    # occur in the dictionary need to be tried: O(len(text) * #lengths).
    vocab = set(words)
    lengths = sorted({len(w) for w in vocab})
    n = len(text)
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(1, n + 1):
        total = 0
        for L in lengths:
            if L > i:
                break
            if ways[i - L] and text[i - L:i] in vocab:
                total += ways[i - L]
        ways[i] = total % MOD
    return ways[n]
