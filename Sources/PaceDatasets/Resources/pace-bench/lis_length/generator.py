import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return ([42],)
        if cid == 2:
            return ([5, 5, 5, 5],)
        if cid == 3:
            return ([9, 7, 5, 3, 1, 0],)
        if cid == 4:
            return ([1, 2, 2, 3, 3, 4],)
        return ([random.randint(0, 6) for _ in range(size)],)
    if cid == 0:
        # mostly increasing with noise: long answer
        return ([i // 2 + random.randint(-20, 20) for i in range(size)],)
    return ([random.randint(-size, size) for _ in range(size)],)
