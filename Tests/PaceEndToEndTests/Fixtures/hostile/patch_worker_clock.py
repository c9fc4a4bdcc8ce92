# Cheating: the same O(n^2) solution, but it patches the clock the *worker* bound for itself, reaching it
# through sys.modules["__main__"] (the worker runs as __main__ in the same interpreter). Its calls still end at the
# limit (the worker's interval timer counts real time), but every call that finishes within it measures 0. Stopping
# this needs the measurement outside the sample's interpreter: a known gap.
import sys

_worker = sys.modules.get("__main__")
for _name in ("_perf", "_cpu"):
    if hasattr(_worker, _name):
        setattr(_worker, _name, lambda: 0)


def count_inversions(nums: list[int]) -> int:
    total = 0
    for i, x in enumerate(nums):
        for y in nums[i + 1:]:
            if x > y:
                total += 1
    return total
