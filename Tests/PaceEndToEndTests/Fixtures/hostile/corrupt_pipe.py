# Cheating: finds the worker's protocol pipes through /proc/self/fd and writes a forged reply into each: a
# passing result for the first test (lis_length([]) is 0) followed by a line that ends the batch early. All of
# its own answers are wrong. Forged lines must never turn into a pass.
import os
import stat

FORGED = b'{"ok": true, "i": 0, "t": 1}\n{"d": null, "n": 1}\n0\n{"ok": true, "done": true}\n'


def _forge():
    for entry in os.listdir("/proc/self/fd"):
        fd = int(entry)
        if fd < 3:
            continue
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, FORGED)
        except OSError:
            pass


def lis_length(nums: list[int]) -> int:
    _forge()
    return -1
