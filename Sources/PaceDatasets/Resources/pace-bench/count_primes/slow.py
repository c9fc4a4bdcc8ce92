def count_primes(n: int) -> int:
    # Trial division of every candidate by the primes found so far, up to
    # its square root: roughly O(n * sqrt(n) / log n).
    primes = []
    for k in range(2, n + 1):
        is_prime = True
        for p in primes:
            if p * p > k:
                break
            if k % p == 0:
                is_prime = False
                break
        if is_prime:
            primes.append(k)
    return len(primes)
