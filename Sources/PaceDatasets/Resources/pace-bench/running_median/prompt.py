def running_median(nums: list[int]) -> list[int]:
    """For every prefix nums[:i + 1], report its lower median: the element
    at index (len - 1) // 2 when the prefix is sorted. For an even-length
    prefix that is the smaller of the two middle values. Return the list of
    these medians (empty input gives an empty list).

    >>> running_median([5, 2, 8, 1])
    [5, 2, 5, 2]
    >>> running_median([3, 3, 1])
    [3, 3, 3]
    """
