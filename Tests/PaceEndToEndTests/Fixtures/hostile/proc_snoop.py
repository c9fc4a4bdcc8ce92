# Escape: looks through /proc for the rest of the machine: Pace's own process (its command line names the output
# directory), any process whose environment holds the secret the test gave Pace, and the count of visible
# processes. Seeing anything outside its own PID namespace fails the sample loudly.
import os

MOD = 1_000_000_007


def _peek():
    pids = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    for pid in pids:
        for name in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{name}", "rb") as handle:
                    text = handle.read().replace(b"\0", b" ")
            except OSError:
                continue
            if b"PACE_HOSTILE_SECRET" in text or b"@@OUTPUT@@" in text:
                return f"/proc/{pid}/{name}: {text[:60]!r}"
    if len(pids) > 64:
        return f"{len(pids)} processes visible in /proc"
    return None


def coin_combinations(coins: list[int], amount: int) -> int:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: {leak}")
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] = (ways[a] + ways[a - c]) % MOD
    return ways[amount]
