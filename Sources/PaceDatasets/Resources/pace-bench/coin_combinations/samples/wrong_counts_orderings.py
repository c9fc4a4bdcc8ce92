def coin_combinations(coins: list[int], amount: int) -> int:
    # Bug: loops over amounts on the outside, which counts ordered
    # sequences of coins (1+2 and 2+1 twice) instead of collections.
    mod = 10**9 + 7
    dp = [1] + [0] * amount
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total:
                dp[total] = (dp[total] + dp[total - coin]) % mod
    return dp[amount]
