def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    """Return the k words that occur most often in `words`, most frequent
    first. Words with the same count are ordered alphabetically (plain
    string comparison). If there are fewer than k distinct words, return
    all of them in that order. k is never negative.

    >>> top_k_frequent_words(["pear", "fig", "pear", "kiwi", "fig", "plum"], 3)
    ['fig', 'pear', 'kiwi']
    >>> top_k_frequent_words(["a", "b"], 0)
    []
    """
