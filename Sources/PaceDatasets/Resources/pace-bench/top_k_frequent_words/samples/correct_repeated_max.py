from collections import Counter


def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    # Picks the best remaining word k times with a linear scan:
    # O(k * distinct) after counting.
    freq = Counter(words)
    result = []
    for _ in range(min(k, len(freq))):
        best = None
        for w, c in freq.items():
            if best is None or c > freq[best] or (c == freq[best] and w < best):
                best = w
        result.append(best)
        del freq[best]
    return result
