# Cheating: an O(n^2) solution that slows every public clock down a thousandfold at import (time.perf_counter,
# perf_counter_ns, monotonic, monotonic_ns, time, time_ns, process_time, process_time_ns) so that it would look
# fast. The worker's clocks are bound before the sample loads: the score must be the slow solution's.
import time

_clocks = {name: getattr(time, name) for name in (
    "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time", "time_ns", "process_time",
    "process_time_ns")}
_start = {name: clock() for name, clock in _clocks.items()}


def _slowed(name):
    clock, start = _clocks[name], _start[name]
    if name.endswith("_ns"):
        return lambda: start + (clock() - start) // 1000
    return lambda: start + (clock() - start) / 1000


for _name in _clocks:
    setattr(time, _name, _slowed(_name))


def count_inversions(nums: list[int]) -> int:
    total = 0
    for i, x in enumerate(nums):
        for y in nums[i + 1:]:
            if x > y:
                total += 1
    return total
