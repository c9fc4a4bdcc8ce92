import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return ([8],)
        if cid == 2:
            return ([4, 4, 4, 4],)
        if cid == 3:
            return ([6, 5, 4, 3, 2, 1],)
        # small value range: plenty of equal values
        return ([random.randint(0, 4) for _ in range(size)],)
    if cid == 0:
        # nearly sorted
        nums = list(range(size))
        for _ in range(size // 10):
            i, j = random.randrange(size), random.randrange(size)
            nums[i], nums[j] = nums[j], nums[i]
        return (nums,)
    return ([random.randint(-10**9, 10**9) for _ in range(size)],)
