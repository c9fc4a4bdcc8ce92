from collections import Counter


def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    freq = Counter(words)
    ranked = sorted(freq, key=lambda w: (-freq[w], w))
    return ranked[:k]
