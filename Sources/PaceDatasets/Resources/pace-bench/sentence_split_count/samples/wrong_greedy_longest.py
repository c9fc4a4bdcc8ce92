def sentence_split_count(text: str, words: list[str]) -> int:
    # Bug: greedily takes the longest matching word at each step, so it can
    # only ever find one split (and may miss existing ones entirely).
    vocab = sorted(words, key=len, reverse=True)
    i = 0
    while i < len(text):
        for w in vocab:
            if text.startswith(w, i):
                i += len(w)
                break
        else:
            return 0
    return 1
