def count_inversions(nums: list[int]) -> int:
    # Every pair: O(n^2).
    total = 0
    for i, x in enumerate(nums):
        for y in nums[i + 1:]:
            if x > y:
                total += 1
    return total
