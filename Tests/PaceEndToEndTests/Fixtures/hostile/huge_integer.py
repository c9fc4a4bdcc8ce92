# Resource: computes 10**10**8 (a 41 MB integer, minutes of CPU) "to have a big enough sentinel". The
# per-test deadline must stop it.
def count_primes(n: int) -> int:
    sentinel = 10 ** 10 ** 8
    if n < 2:
        return 0
    return sum(1 for k in range(2, n + 1) if all(k % d for d in range(2, int(k ** 0.5) + 1))) % sentinel
