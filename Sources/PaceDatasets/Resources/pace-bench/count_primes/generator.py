import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        edge = [0, 1, 2, 3, 4, -7]
        if cid < len(edge):
            return (edge[cid],)
        return (random.randint(5, size),)
    # Near the level size; cid 0 is exactly a prime square.
    if cid == 0:
        p = int(size ** 0.5)
        while any(p % d == 0 for d in range(2, int(p ** 0.5) + 1)):
            p -= 1
        return (p * p,)
    return (size - random.randint(0, size // 20),)
