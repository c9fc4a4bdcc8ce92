MOD = 1_000_000_007


def coin_combinations(coins: list[int], amount: int) -> int:
    # ways[a] = collections using the coins processed so far that sum to a.
    ways = [0] * (amount + 1)
    ways[0] = 1
    for c in coins:
        if c > amount:
            continue
        for a in range(c, amount + 1):
            ways[a] = (ways[a] + ways[a - c]) % MOD
    return ways[amount]
