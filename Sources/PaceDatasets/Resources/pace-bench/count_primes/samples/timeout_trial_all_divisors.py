def count_primes(n: int) -> int:
    # Checks every possible divisor below k: O(n^2) for the primes.
    count = 0
    for k in range(2, n + 1):
        if all(k % d for d in range(2, k)):
            count += 1
    return count
