def coin_combinations(coins: list[int], amount: int) -> int:
    # Bug: forgets the modulus. Small amounts are right; once the count
    # passes 1_000_000_007 the (huge) exact count is returned instead.
    dp = [1] + [0] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            dp[total] += dp[total - coin]
    return dp[amount]
