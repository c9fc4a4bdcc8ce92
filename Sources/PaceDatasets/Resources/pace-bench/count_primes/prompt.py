def count_primes(n: int) -> int:
    """Return how many prime numbers p satisfy 2 <= p <= n. The answer is
    0 for every n < 2.

    >>> count_primes(10)
    4
    >>> count_primes(13)
    6
    """
