# Resource: starts threads until it cannot, and leaves them all blocked forever. Threads count against the
# process limit; more of them than the limit means it did not hold.
import threading

_forever = threading.Event()
_started = []


def _bomb():
    for _ in range(10_000):
        thread = threading.Thread(target=_forever.wait, daemon=True)
        try:
            thread.start()
        except RuntimeError:
            break
        _started.append(thread)
    return len(_started)


def pair_sum_count(nums: list[int], target: int) -> int:
    if not _started:
        made = _bomb()
        if made > 64:
            raise RuntimeError(f"pace-hostile LEAK: {made} threads at once, above the limit")
    seen = {}
    total = 0
    for x in nums:
        total += seen.get(target - x, 0)
        seen[x] = seen.get(x, 0) + 1
    return total
