import heapq
from collections import Counter


def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    counts = Counter(words)
    # nsmallest on (-count, word) keeps only k candidates: O(u log k).
    best = heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in best]
