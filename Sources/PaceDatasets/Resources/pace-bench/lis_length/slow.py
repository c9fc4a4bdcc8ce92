def lis_length(nums: list[int]) -> int:
    # Classic O(n^2) dynamic programme: best[i] = longest increasing
    # subsequence that ends exactly at position i.
    best = []
    for i, x in enumerate(nums):
        longest = 0
        for j in range(i):
            if nums[j] < x and best[j] > longest:
                longest = best[j]
        best.append(longest + 1)
    return max(best, default=0)
