import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return ([12345],)
        if cid == 2:
            return ([7, 7, 7],)
        if cid == 3:
            return ([0, 1023],)
        return ([random.randint(0, 1000) for _ in range(size)],)
    # Full 31-bit values on the larger levels.
    return ([random.randint(0, 2**31 - 1) for _ in range(size)],)
