import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return ([-4],)
        if cid == 2:
            return ([7, 7, 7, 7],)
        if cid == 3:
            return ([1, 2, 3, 4, 5, 6],)
        return ([random.randint(-5, 5) for _ in range(size)],)
    if cid == 0:
        return ([random.randint(0, 20) for _ in range(size)],)   # many ties
    return ([random.randint(-10**6, 10**6) for _ in range(size)],)
