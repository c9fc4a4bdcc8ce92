# Time: returns the right answer but leaves a non-daemon thread sleeping for ten minutes (and a daemon one), once
# per process. Nothing may wait for them: the sample's evaluation takes no longer than an honest one.
import sys
import threading
import time

MOD = 1_000_000_007


def coin_combinations(coins: list[int], amount: int) -> int:
    if not getattr(sys, "_pace_hostile_sleepers", False):
        sys._pace_hostile_sleepers = True
        for daemon in (False, True):
            threading.Thread(target=time.sleep, args=(600,), daemon=daemon).start()
    ways = [0] * (amount + 1)
    ways[0] = 1
    for c in coins:
        if c > amount:
            continue
        for a in range(c, amount + 1):
            ways[a] = (ways[a] + ways[a - c]) % MOD
    return ways[amount]
