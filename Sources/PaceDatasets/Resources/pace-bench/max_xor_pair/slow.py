def max_xor_pair(nums: list[int]) -> int:
    # All pairs: O(n^2).
    best = 0
    for i in range(len(nums)):
        x = nums[i]
        for y in nums[i + 1:]:
            if x ^ y > best:
                best = x ^ y
    return best
