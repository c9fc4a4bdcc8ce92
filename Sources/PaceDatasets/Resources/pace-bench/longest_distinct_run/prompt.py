def longest_distinct_run(s: str) -> int:
    """Return the length of the longest contiguous piece of `s` in which
    no character occurs more than once.

    Characters are compared exactly (case-sensitive). The empty string
    has answer 0.

    >>> longest_distinct_run("abcabd")
    4
    >>> longest_distinct_run("zzzz")
    1
    """
