def subarray_sum_count(nums: list[int], k: int) -> int:
    # A slice sums to k exactly when prefix[j] - prefix[i] == k; count the
    # earlier prefix sums with a dictionary.
    seen = {0: 1}
    get = seen.get
    prefix = 0
    total = 0
    for x in nums:
        prefix += x
        total += get(prefix - k, 0)
        seen[prefix] = get(prefix, 0) + 1
    return total
