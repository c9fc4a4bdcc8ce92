# The honest control: the Fenwick-tree solution with no payload. The corpus test runs it inside the corpus and
# alone; both runs must agree.
def count_inversions(nums: list[int]) -> int:
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
