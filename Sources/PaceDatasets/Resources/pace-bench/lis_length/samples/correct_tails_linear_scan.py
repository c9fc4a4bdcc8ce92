def lis_length(nums: list[int]) -> int:
    # Same idea as patience sorting, but finds the pile with a linear scan
    # instead of binary search: O(n * answer).
    tails = []
    for x in nums:
        for i, t in enumerate(tails):
            if t >= x:
                tails[i] = x
                break
        else:
            tails.append(x)
    return len(tails)
