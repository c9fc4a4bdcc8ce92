def count_primes(n: int) -> int:
    # Bug: no guard for small n; for n <= 0 the sieve has fewer than two
    # cells and `sieve[1] = 0` raises IndexError.
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    p = 2
    while p * p <= n:
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, n + 1, p)))
        p += 1
    return sum(sieve)
