# Cheating: memoises answers across repetitions in the interpreter itself (an attribute of the builtins module),
# which fresh globals alone would not reset. Finding an earlier answer fails the sample loudly. Only inputs of 50+
# elements count (the timed levels).
import builtins


def _fenwick(nums):
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
    return total


def count_inversions(nums: list[int]) -> int:
    if len(nums) < 50:
        return _fenwick(nums)
    cache = builtins.__dict__.setdefault("_pace_hostile_cache", {})
    key = tuple(nums)
    if key in cache:
        raise RuntimeError("pace-hostile LEAK: an answer from an earlier repetition survived in builtins")
    cache[key] = _fenwick(nums)
    return cache[key]
