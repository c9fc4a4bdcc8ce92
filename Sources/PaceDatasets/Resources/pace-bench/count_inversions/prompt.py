def count_inversions(nums: list[int]) -> int:
    """Return the number of index pairs (i, j) with i < j and
    nums[i] > nums[j]. Equal values never form such a pair.

    >>> count_inversions([3, 1, 2])
    2
    >>> count_inversions([2, 2, 1])
    2
    """
