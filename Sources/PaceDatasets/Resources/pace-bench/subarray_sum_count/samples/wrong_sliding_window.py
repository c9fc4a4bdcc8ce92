def subarray_sum_count(nums: list[int], k: int) -> int:
    # Bug: a shrinking window only works for positive numbers; zeros and
    # negative values make it miss slices.
    left = 0
    window = 0
    count = 0
    for right, x in enumerate(nums):
        window += x
        while window > k and left <= right:
            window -= nums[left]
            left += 1
        if window == k and left <= right:
            count += 1
    return count
