import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([], 5)
        if cid == 1:
            return ([3], 6)
        if cid == 2:
            return ([2, 2, 2, 2, 2], 4)
        if cid == 3:
            return ([-3, 0, 3, 6, -6, 0, 0], 0)
        spread = random.randint(2, 6)
        nums = [random.randint(-spread, spread) for _ in range(size)]
        return (nums, random.randint(-spread, spread))
    spread = max(8, size // 4)
    nums = [random.randint(-spread, spread) for _ in range(size)]
    target = random.randint(-spread // 2, spread // 2)
    return (nums, target)
