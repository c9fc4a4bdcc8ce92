def sentence_split_count(text: str, words: list[str]) -> int:
    mod = 10**9 + 7
    vocab = set(words)
    longest = max((len(w) for w in vocab), default=0)
    n = len(text)
    dp = [1] + [0] * n
    for end in range(1, n + 1):
        acc = 0
        for start in range(max(0, end - longest), end):
            if dp[start] and text[start:end] in vocab:
                acc += dp[start]
        dp[end] = acc % mod
    return dp[n]
