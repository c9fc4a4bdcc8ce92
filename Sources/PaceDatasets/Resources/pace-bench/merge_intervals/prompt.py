def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    """Merge closed intervals [start, end] (start <= end) that overlap or
    touch, and return the result as a list of [start, end] pairs sorted by
    start.

    Two intervals touch when one ends exactly where the other begins, so
    [1, 3] and [3, 6] merge into [1, 6], while [1, 3] and [4, 6] stay
    apart. The input may be in any order and may be empty.

    >>> merge_intervals([[5, 8], [1, 3], [2, 4]])
    [[1, 4], [5, 8]]
    >>> merge_intervals([[1, 3], [3, 6]])
    [[1, 6]]
    """
