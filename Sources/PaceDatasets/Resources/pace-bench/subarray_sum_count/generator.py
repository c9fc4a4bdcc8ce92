import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([], 0)
        if cid == 1:
            return ([5], 5)
        if cid == 2:
            return ([0, 0, 0, 0], 0)
        if cid == 3:
            return ([3, -3, 3, -3, 3], 0)
        return ([random.randint(-3, 3) for _ in range(size)], random.randint(-3, 3))
    nums = [random.randint(-10, 10) for _ in range(size)]
    return (nums, random.randint(-15, 15))
