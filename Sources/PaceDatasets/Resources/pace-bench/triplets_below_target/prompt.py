def triplets_below_target(nums: list[int], target: int) -> int:
    """Count the index triples (i, j, k) with i < j < k and
    nums[i] + nums[j] + nums[k] < target (strictly less).

    >>> triplets_below_target([3, -1, 0, 2], 2)
    1
    >>> triplets_below_target([3, -1, 0, 2], 5)
    3
    >>> triplets_below_target([1, 1], 10)
    0
    """
