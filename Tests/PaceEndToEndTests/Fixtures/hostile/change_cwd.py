# Side effect: changes the working directory at import and in every call (to /, then /proc), and tries to remove
# its own directory on the way. Pace and the worker must not depend on the sample's idea of the current directory.
import os

_home = os.getcwd()
os.chdir("/")


def subarray_sum_count(nums: list[int], k: int) -> int:
    os.chdir("/proc")
    try:
        os.rmdir(_home)
    except OSError:
        pass
    seen = {0: 1}
    prefix = total = 0
    for x in nums:
        prefix += x
        total += seen.get(prefix - k, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    return total
