def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    # Counts every distinct word with a full scan of the list:
    # O(n * distinct) instead of O(n).
    distinct = sorted(set(words))
    counted = [(-words.count(w), w) for w in distinct]
    counted.sort()
    return [w for _, w in counted[:k]]
