def pair_sum_count(nums: list[int], target: int) -> int:
    # Bug: adds the current element to the table before looking up its
    # complement, so x pairs with itself whenever 2 * x == target.
    seen = {}
    total = 0
    for x in nums:
        seen[x] = seen.get(x, 0) + 1
        total += seen.get(target - x, 0)
    return total
