def sentence_split_count(text: str, words: list[str]) -> int:
    """Count the ways to write `text` as a concatenation of entries of
    `words` (each entry may be used any number of times), modulo
    1_000_000_007. Two ways differ when they cut the text at different
    places. `words` contains distinct non-empty strings. An empty text
    can be written in exactly one way.

    >>> sentence_split_count("abab", ["a", "b", "ab"])
    4
    >>> sentence_split_count("abc", ["ab", "bc"])
    0
    """
