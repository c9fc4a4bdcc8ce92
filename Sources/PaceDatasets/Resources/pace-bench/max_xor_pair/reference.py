def max_xor_pair(nums: list[int]) -> int:
    if len(nums) < 2:
        return 0
    # Decide the answer bit by bit from the top: a candidate with the next
    # bit set is achievable iff two prefixes XOR to it.
    best = 0
    mask = 0
    for bit in range(30, -1, -1):
        mask |= 1 << bit
        prefixes = {x & mask for x in nums}
        want = best | (1 << bit)
        for p in prefixes:
            if p ^ want in prefixes:
                best = want
                break
    return best
