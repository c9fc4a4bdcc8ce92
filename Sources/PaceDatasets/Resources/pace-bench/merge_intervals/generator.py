import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return ([[4, 9]],)
        if cid == 2:
            return ([[1, 3], [3, 5], [7, 7], [5, 6]],)      # touching chain
        if cid == 3:
            return ([[2, 20], [5, 6], [0, 1], [8, 30]],)   # nested
        intervals = []
        for _ in range(size):
            a = random.randint(0, 20)
            intervals.append([a, a + random.randint(0, 4)])
        return (intervals,)
    # Larger levels: starts are even and ends are odd, so no two intervals
    # ever touch exactly; most intervals stay separate so the output is long.
    intervals = []
    for _ in range(size):
        a = 2 * random.randint(0, 6 * size)
        length = 2 * random.randint(0, 3) + 1
        if random.random() < 0.02:
            length = 2 * random.randint(10, 80) + 1
        intervals.append([a, a + length])
    return (intervals,)
