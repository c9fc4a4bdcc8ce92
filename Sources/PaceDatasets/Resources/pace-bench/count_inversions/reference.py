def count_inversions(nums: list[int]) -> int:
    # Fenwick (binary indexed) tree over value ranks. Scanning from the
    # right, each element adds the number of strictly smaller values
    # already seen: O(n log n).
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
