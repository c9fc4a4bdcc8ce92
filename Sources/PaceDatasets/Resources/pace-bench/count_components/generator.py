import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return (0, [])
        if cid == 1:
            return (1, [])
        if cid == 2:
            return (1, [[0, 0]])
        if cid == 3:
            return (4, [[0, 1], [1, 0], [0, 1], [2, 2]])
        n = size
        m = random.randint(0, n)
        return (n, [[random.randrange(n), random.randrange(n)] for _ in range(m)])
    # A few long chains (to make traversals deep) plus random extra edges.
    n = size
    order = list(range(n))
    random.shuffle(order)
    edges = []
    for i in range(n - 1):
        if random.random() < 0.998:
            edges.append([order[i], order[i + 1]])
    for _ in range(n // 100):
        edges.append([random.randrange(n), random.randrange(n)])
    random.shuffle(edges)
    return (n, edges)
