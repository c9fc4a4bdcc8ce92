import bisect


def running_median(nums: list[int]) -> list[int]:
    # Bug: uses len // 2, which is the upper middle for even lengths.
    window = []
    result = []
    for x in nums:
        bisect.insort(window, x)
        result.append(window[len(window) // 2])
    return result
