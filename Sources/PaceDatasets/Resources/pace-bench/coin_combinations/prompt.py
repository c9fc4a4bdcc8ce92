def coin_combinations(coins: list[int], amount: int) -> int:
    """`coins` lists distinct positive denominations, each available in
    unlimited supply. Return the number of different collections of coins
    (order does not matter) whose values add up to exactly `amount`,
    modulo 1_000_000_007. Paying 0 has exactly one way (no coins).

    >>> coin_combinations([1, 2, 5], 5)
    4
    >>> coin_combinations([4], 6)
    0
    """
