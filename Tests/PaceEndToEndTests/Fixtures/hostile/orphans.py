# Resource: leaves children behind after returning: an unreaped zombie, a `sleep` whose argv carries a marker,
# and an orphan from a double fork. None may outlive the sample. Runs once per process.
import os
import subprocess
import sys


def _leave_children():
    if os.fork() == 0:
        os._exit(0)  # never reaped: a zombie
    subprocess.Popen(["/bin/sh", "-c", "sleep 600", "pace-hostile-orphans"])
    if os.fork() == 0:
        if os.fork() == 0:
            os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600", "pace-hostile-orphans-grandchild"])
        os._exit(0)


def subarray_sum_count(nums: list[int], k: int) -> int:
    if not getattr(sys, "_pace_hostile_children", False):
        sys._pace_hostile_children = True
        _leave_children()
    seen = {0: 1}
    prefix = total = 0
    for x in nums:
        prefix += x
        total += seen.get(prefix - k, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    return total
