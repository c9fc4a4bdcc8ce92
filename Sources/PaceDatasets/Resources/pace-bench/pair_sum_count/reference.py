def pair_sum_count(nums: list[int], target: int) -> int:
    # One pass: every earlier occurrence of the complement forms a pair.
    seen = {}
    total = 0
    get = seen.get
    for x in nums:
        total += get(target - x, 0)
        seen[x] = get(x, 0) + 1
    return total
