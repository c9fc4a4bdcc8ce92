import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([1, 2, 5], 0)
        if cid == 1:
            return ([3], 7)
        if cid == 2:
            return ([7], 7)
        if cid == 3:
            return ([10, 20], 5)
        k = random.randint(1, 5)
        coins = random.sample(range(1, 10), k)
        return (coins, random.randint(0, size))
    # Around ten mid-sized coins: the number of ways is far beyond the
    # modulus on the larger levels.
    k = random.randint(8, 11)
    coins = random.sample(range(5, 40), k)
    return (coins, size - random.randint(0, 9))
