def sentence_split_count(text: str, words: list[str]) -> int:
    # Plain recursion without memoisation: every split is enumerated one
    # by one, so the running time grows with the (exponential) answer.
    n = len(text)

    def count_from(i):
        if i == n:
            return 1
        total = 0
        for w in words:
            if text.startswith(w, i):
                total += count_from(i + len(w))
        return total

    return count_from(0) % 1_000_000_007
