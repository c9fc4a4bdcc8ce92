from bisect import bisect_left


def lis_length(nums: list[int]) -> int:
    # tails[k] = smallest possible last value of an increasing
    # subsequence of length k + 1 seen so far (patience sorting).
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
