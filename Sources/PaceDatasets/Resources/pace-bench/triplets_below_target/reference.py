def triplets_below_target(nums: list[int], target: int) -> int:
    # Sort, fix the smallest element, then sweep two pointers: O(n^2).
    a = sorted(nums)
    n = len(a)
    count = 0
    for i in range(n - 2):
        lo, hi = i + 1, n - 1
        limit = target - a[i]
        while lo < hi:
            if a[lo] + a[hi] < limit:
                # every index in (lo, hi] pairs with lo
                count += hi - lo
                lo += 1
            else:
                hi -= 1
    return count
