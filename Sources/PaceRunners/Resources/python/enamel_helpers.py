# Copyright 2026 The Pace authors. Licensed under Apache-2.0.
"""Helpers that ENAMEL's input generators call, written for Pace.

They consume the shared `random` stream in exactly the order ENAMEL's own helpers do (same calls, same
short-circuits), so that a given seed yields the same inputs as the `enam` library.
"""
import random
import string  # noqa: F401  (ENAMEL's generators may use it)


def rand_parens(size, valid=True, par="()", sep=""):
    """A random bracket string of about `size` characters; balanced unless `valid` is False.

    Balanced: the size is rounded up to even; at each position an opening bracket is forced at depth 0, otherwise
    one coin flip (only drawn while there is still room to close) decides between opening and closing. Top-level
    groups are joined with `sep`, or returned as a list when `sep` is None. Unbalanced: two balanced halves around
    a reversed pair.
    """
    if not valid:
        assert sep == ""
        half = (size + 1) // 2 - 1
        left = rand_parens(half, True, par)
        return left + par[1] + par[0] + rand_parens(half, True, par)
    size += size % 2
    groups, depth = [], 0
    for position in range(size):
        if depth == 0 or (depth < size - position and random.randint(0, 1)):
            if depth == 0:
                groups.append([])
            groups[-1].append(par[0])
            depth += 1
        else:
            groups[-1].append(par[1])
            depth -= 1
    joined = ["".join(group) for group in groups]
    return joined if sep is None else sep.join(joined)


def miller_rabin(n, k=5):
    """Probabilistic primality test with `k` random witnesses in [2, n-2]."""
    if n in (2, 3):
        return True
    if n == 1 or n % 2 == 0:
        return False
    rounds, odd = 0, n - 1
    while odd % 2 == 0:
        rounds += 1
        odd //= 2
    for _ in range(k):
        x = pow(random.randint(2, n - 2), odd, n)
        if x in (1, n - 1):
            continue
        for _ in range(rounds - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def rand_probably_prime(lb, ub=None):
    """A random probable prime in [lb/2, lb] (one argument) or [lb, max(2*lb, ub, 3)] (two)."""
    if ub is None:
        lb = max(lb, 3)
        lb, ub = lb // 2, lb
    else:
        lb = max(lb, 0)
        ub = max(lb * 2, ub, 3)
    while True:
        candidate = random.randint(lb, ub)
        if miller_rabin(candidate):
            return candidate


def rand_primality(size, lid, cid):
    """A number whose primality is the question: fixed hard cases on level 0, then primes, prime squares and
    semiprimes near `size`."""
    size = max(size, 4)
    fixed = {0: 2 * 3 * 5 * 7 * 11 * 13 + 1, 1: 561, 2: 2, 3: 125}
    if lid == 0 and cid in fixed:
        return fixed[cid]
    if cid % 3 == 0:
        return rand_probably_prime(size)
    root = int(size ** 0.5 + 1)
    if cid % 3 == 1:
        return rand_probably_prime(root) ** 2
    return rand_probably_prime(root) * rand_probably_prime(root)
