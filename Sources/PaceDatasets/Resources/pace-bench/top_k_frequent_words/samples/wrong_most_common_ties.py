from collections import Counter


def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    # Bug: Counter.most_common breaks ties by first appearance, not
    # alphabetically.
    return [w for w, _ in Counter(words).most_common(k)]
