# Resource: lifts the recursion limit and recurses without end through a C call (map), so the C stack overflows:
# a segfault, not a RecursionError. The worker dies; the verdict must be crashed and nothing else may break.
import sys


def count_components(n: int, edges: list[list[int]]) -> int:
    sys.setrecursionlimit(1_000_000_000)

    def dive(depth):
        return sum(map(dive, [depth + 1]))

    return dive(0)
