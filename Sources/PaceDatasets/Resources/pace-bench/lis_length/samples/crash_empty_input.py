from bisect import bisect_left


def lis_length(nums: list[int]) -> int:
    # Bug: seeds the table with nums[0], which raises IndexError for [].
    tails = [nums[0]]
    for x in nums[1:]:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
