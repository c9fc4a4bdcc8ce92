# Side effect: destroys its input: appends a sentinel, sorts and reverses the list in place after computing
# the answer. The next repetition (and the judge) must still see the original input; a sentinel on entry means
# a mutation leaked, and the sample fails loudly.
SENTINEL = -987_654_321_123


def count_inversions(nums: list[int]) -> int:
    if SENTINEL in nums:
        raise RuntimeError("pace-hostile LEAK: the input still carries an earlier call's mutation")
    order = sorted(set(nums))
    rank = {v: i + 1 for i, v in enumerate(order)}
    size = len(order)
    tree = [0] * (size + 1)
    total = 0
    for v in reversed(nums):
        r = rank[v]
        i = r - 1
        while i:
            total += tree[i]
            i &= i - 1
        while r <= size:
            tree[r] += 1
            r += r & -r
    nums.append(SENTINEL)
    nums.sort()
    nums.reverse()
    return total
