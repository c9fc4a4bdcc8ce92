import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([], 0)
        if cid == 1:
            return ([1, 2], 100)
        if cid == 2:
            return ([1, 1, 1], 3)          # sum equal to target does not count
        if cid == 3:
            return ([1, 1, 1], 4)
        nums = [random.randint(-5, 5) for _ in range(size)]
        return (nums, random.randint(-6, 6))
    nums = [random.randint(-1000, 1000) for _ in range(size)]
    return (nums, random.randint(-500, 500))
