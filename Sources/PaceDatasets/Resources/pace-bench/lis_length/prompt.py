def lis_length(nums: list[int]) -> int:
    """Return the length of the longest strictly increasing subsequence of
    `nums`. A subsequence keeps the original order but may skip elements;
    "strictly" means equal values cannot both be used. An empty list
    gives 0.

    >>> lis_length([4, 1, 3, 2, 5, 3, 6])
    4
    >>> lis_length([7, 7, 7])
    1
    """
