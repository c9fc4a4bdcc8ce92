def max_xor_pair(nums: list[int]) -> int:
    """Return the largest value of nums[i] ^ nums[j] (bitwise XOR) over
    all pairs of different positions i != j. All numbers are in the range
    0 <= x < 2**31. Return 0 when the list has fewer than two elements.

    >>> max_xor_pair([3, 10, 5, 25, 2, 8])
    28
    >>> max_xor_pair([6, 6])
    0
    """
