def pair_sum_count(nums: list[int], target: int) -> int:
    # Quadratic: for each position, count matching partners to its right.
    total = 0
    for i, x in enumerate(nums):
        total += nums[i + 1:].count(target - x)
    return total
