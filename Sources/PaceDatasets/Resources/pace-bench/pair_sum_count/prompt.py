def pair_sum_count(nums: list[int], target: int) -> int:
    """Count the index pairs (i, j) with i < j and nums[i] + nums[j] == target.

    Values may be negative and may repeat; every qualifying pair of
    positions counts once, even when the values are equal.

    >>> pair_sum_count([1, 5, 3, 3, 7], 6)
    2
    >>> pair_sum_count([2, 2, 2], 4)
    3
    """
