def coin_combinations(coins: list[int], amount: int) -> int:
    mod = 10**9 + 7
    dp = [1] + [0] * amount
    for coin in sorted(coins):
        for total in range(coin, amount + 1):
            dp[total] = (dp[total] + dp[total - coin]) % mod
    return dp[amount]
