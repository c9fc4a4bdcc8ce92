import bisect


def lis_length(nums: list[int]) -> int:
    piles = []
    for value in nums:
        pos = bisect.bisect_left(piles, value)
        if pos < len(piles):
            piles[pos] = value
        else:
            piles.append(value)
    return len(piles)
