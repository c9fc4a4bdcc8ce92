MOD = 1_000_000_007


def coin_combinations(coins: list[int], amount: int) -> int:
    # For each coin, try every possible count of it explicitly:
    # O(len(coins) * amount * amount / coin) instead of O(len(coins) * amount).
    ways = [0] * (amount + 1)
    ways[0] = 1
    for c in coins:
        new = [0] * (amount + 1)
        for a in range(amount + 1):
            total = 0
            rest = a
            while rest >= 0:
                total += ways[rest]
                rest -= c
            new[a] = total % MOD
        ways = new
    return ways[amount]
