import bisect


def running_median(nums: list[int]) -> list[int]:
    window = []
    result = []
    for x in nums:
        bisect.insort(window, x)
        result.append(window[(len(window) - 1) // 2])
    return result
