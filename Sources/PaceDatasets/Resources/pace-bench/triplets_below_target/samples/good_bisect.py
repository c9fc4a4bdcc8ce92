from bisect import bisect_left


def triplets_below_target(nums: list[int], target: int) -> int:
    a = sorted(nums)
    n = len(a)
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            # third element must be at index > j and < target - a[i] - a[j]
            k = bisect_left(a, target - a[i] - a[j], j + 1)
            total += k - (j + 1)
    return total
