# Side effect: turns the garbage collector off (and freezes everything it has) at import and after every call,
# and sets its threshold so it would never run. The reference's timing must not change, and the sample gains
# nothing over the same code with the collector on.
import gc

gc.disable()
gc.freeze()
gc.set_threshold(0)


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
    gc.disable()
    gc.set_threshold(0)
    return total
