# Time: validates the text with a regular expression that backtracks catastrophically, (a+)+$ on 'aaa...ab':
# the loop runs inside the C regex engine, which never checks for signals. The deadline must still stop it.
import re

MOD = 1_000_000_007
_CHECK = re.compile(r"^([a-z]+)+$")


def sentence_split_count(text: str, words: list[str]) -> int:
    _CHECK.match("a" * 64 + "!")
    vocab = set(words)
    n = len(text)
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        ways[i] = sum(ways[i - len(w)] for w in vocab if len(w) <= i and text[i - len(w):i] == w) % MOD
    return ways[n]
