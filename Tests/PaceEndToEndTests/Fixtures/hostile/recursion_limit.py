# Side effect: after computing each answer, lowers the recursion limit as far as Python allows, so whatever
# runs next in the interpreter (the worker encoding and sending the answer) has almost no stack left. The worker
# must restore its limit before doing anything itself.
import sys
from bisect import bisect_left


def _squeeze():
    for limit in range(1, 200):
        try:
            sys.setrecursionlimit(limit)
            return
        except RecursionError:
            continue


def lis_length(nums: list[int]) -> int:
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    _squeeze()
    return len(tails)
