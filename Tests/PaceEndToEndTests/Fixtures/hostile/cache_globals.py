# Cheating: memoises answers across repetitions in module globals: a dict, functools.lru_cache and a function
# attribute. Every repetition gets fresh globals, so an answer computed earlier must never be found again; if one
# is, the sample fails loudly. Only inputs of 50+ elements count (the timed levels).
import functools

_answers = {}


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


@functools.lru_cache(maxsize=None)
def _cached(key):
    return _fenwick(list(key))


def count_inversions(nums: list[int]) -> int:
    key = tuple(nums)
    if len(key) < 50:
        return _fenwick(nums)
    seen = getattr(count_inversions, "seen", set())
    if key in _answers or key in seen or _cached.cache_info().currsize:
        raise RuntimeError("pace-hostile LEAK: an answer from an earlier repetition survived in globals")
    count_inversions.seen = seen | {key}
    _answers[key] = _cached(key)
    return _answers[key]
