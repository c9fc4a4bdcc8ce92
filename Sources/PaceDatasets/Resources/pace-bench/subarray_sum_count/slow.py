def subarray_sum_count(nums: list[int], k: int) -> int:
    # Quadratic: build the prefix sums, then for every start look for
    # matching prefix sums to its right with a full scan.
    prefix = [0]
    for x in nums:
        prefix.append(prefix[-1] + x)
    total = 0
    for i in range(len(nums)):
        total += prefix[i + 1:].count(prefix[i] + k)
    return total
