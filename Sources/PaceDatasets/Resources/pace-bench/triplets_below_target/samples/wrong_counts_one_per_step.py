def triplets_below_target(nums: list[int], target: int) -> int:
    # Bug: when the pair (lo, hi) fits it only counts that single triple,
    # forgetting all the triples (lo, x) with lo < x < hi.
    a = sorted(nums)
    n = len(a)
    count = 0
    for i in range(n - 2):
        lo, hi = i + 1, n - 1
        while lo < hi:
            if a[i] + a[lo] + a[hi] < target:
                count += 1
                lo += 1
            else:
                hi -= 1
    return count
