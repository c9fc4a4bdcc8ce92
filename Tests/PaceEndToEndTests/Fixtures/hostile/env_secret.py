# Escape: looks for secrets in its own environment (os.environ and /proc/self/environ): the test starts Pace with
# PACE_HOSTILE_SECRET set, and an environment built from an allow-list must not pass it on.
import os


def _peek():
    if any("PACE_HOSTILE" in name for name in os.environ):
        return "os.environ"
    try:
        with open("/proc/self/environ", "rb") as handle:
            if b"PACE_HOSTILE_SECRET" in handle.read():
                return "/proc/self/environ"
    except OSError:
        pass
    return None


def running_median(nums: list[int]) -> list[int]:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: the secret is in {leak}")
    import heapq
    low, high, out = [], [], []
    for x in nums:
        if low and x > -low[0]:
            heapq.heappush(high, x)
        else:
            heapq.heappush(low, -x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    return out
