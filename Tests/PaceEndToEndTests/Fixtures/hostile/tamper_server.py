# Escape: on a correctness run samples are forked from a fork server, PID 1 of the sandbox, running as the same user.
# A sample that could trace it or write its memory would forge every later sample's results; one that could signal
# it would end them. Tries all three (only where it is not PID 1 itself). Once per process.
import ctypes
import os
import signal
import sys


def _tamper():
    if os.getpid() == 1:
        return
    got = []
    try:
        with open("/proc/1/mem", "r+b"):
            got.append("opened /proc/1/mem for writing")
    except OSError:
        pass
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.ptrace(16, 1, None, None) == 0:  # PTRACE_ATTACH
        got.append("attached to PID 1 with ptrace")
        libc.ptrace(17, 1, None, None)  # PTRACE_DETACH
    if got:
        raise RuntimeError("pace-hostile LEAK: " + ", ".join(got))
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGSEGV):
        try:
            os.kill(1, number)
        except OSError:
            pass


def lis_length(nums: list[int]) -> int:
    if not getattr(sys, "_pace_hostile_tamper", False):
        sys._pace_hostile_tamper = True
        _tamper()
    tails = []
    for x in nums:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
        else:
            tails[lo] = x
    return len(tails)
