def max_xor_pair(nums: list[int]) -> int:
    # Bug: only examines the low 16 bits, which is enough for the small
    # examples but not for values up to 2**31.
    if len(nums) < 2:
        return 0
    best = 0
    mask = 0
    for bit in range(15, -1, -1):
        mask |= 1 << bit
        prefixes = {x & mask for x in nums}
        want = best | (1 << bit)
        if any(p ^ want in prefixes for p in prefixes):
            best = want
    return best
