def subarray_sum_count(nums: list[int], k: int) -> int:
    """Return how many non-empty contiguous slices nums[i:j] (i < j) have
    a sum of exactly k. The numbers may be negative or zero.

    >>> subarray_sum_count([1, 2, 3, -2, 2], 3)
    4
    >>> subarray_sum_count([0, 0], 0)
    3
    """
