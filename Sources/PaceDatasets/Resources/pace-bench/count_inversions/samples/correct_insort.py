import bisect


def count_inversions(nums: list[int]) -> int:
    # Keeps the elements seen so far in a sorted list. insort shifts the
    # list on every insert, so this is O(n^2) element moves, but the moves
    # are done by memmove and stay cheap for moderate n.
    seen = []
    total = 0
    for x in nums:
        pos = bisect.bisect_right(seen, x)
        total += len(seen) - pos
        seen.insert(pos, x)
    return total
