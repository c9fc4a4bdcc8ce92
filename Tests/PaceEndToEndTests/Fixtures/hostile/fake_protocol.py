# Cheating: returns wrong answers (n + 1) while printing the worker's protocol lines for a clean pass on
# stdout, sys.__stdout__ and fd 1 before every answer. The protocol runs on private descriptors: the lines go
# to the captured output and the wrong answers fail.
import os
import sys

FAKE = '{"ok": true, "i": 0, "t": 1}\n{"d": null, "n": 1}\n0\n{"ok": true, "done": true}\n{"ready": true}\n'


def count_primes(n: int) -> int:
    print(FAKE, end="", flush=True)
    sys.__stdout__.write(FAKE)
    sys.__stdout__.flush()
    os.write(1, FAKE.encode())
    return n + 1
