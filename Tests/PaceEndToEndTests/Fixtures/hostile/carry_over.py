# Side effect across samples: looks for what an earlier sample left in its sandbox, then leaves the same for a later
# one: a file in its working directory, a process in a new session whose argv carries the marker, a System V shared
# memory segment, an extended attribute on the working directory. Run several copies one after another on one thread
# (on a correctness run Pace forks every sample from one fork server per thread): none may find anything. Checks and
# leaves once per process.
import ctypes
import os
import subprocess
import sys

MARKER = "pace-hostile-carry"
KEY = 0x7ACE


def _leftovers():
    found = []
    if os.path.exists(MARKER):
        found.append("a file in the working directory")
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    if MARKER.encode() in handle.read():
                        found.append(f"process {pid}")
            except OSError:
                pass
    try:
        if ctypes.CDLL(None, use_errno=True).shmget(KEY, 0, 0) >= 0:
            found.append("a shared memory segment")
    except (OSError, AttributeError):
        pass
    try:
        os.getxattr(".", "user." + MARKER)
        found.append("an extended attribute")
    except OSError:
        pass
    return found


def _leave():
    with open(MARKER, "w") as handle:
        handle.write("left by an earlier sample")
    subprocess.Popen(["/bin/sh", "-c", "sleep 600", MARKER], start_new_session=True)
    try:
        ctypes.CDLL(None, use_errno=True).shmget(KEY, 4096, 0o1000 | 0o600)  # IPC_CREAT
    except (OSError, AttributeError):
        pass
    try:
        os.setxattr(".", "user." + MARKER, b"1")
    except OSError:
        pass


def count_primes(n: int) -> int:
    if not getattr(sys, "_pace_hostile_carry", False):
        sys._pace_hostile_carry = True
        found = _leftovers()
        if found:
            raise RuntimeError("pace-hostile LEAK: an earlier sample left " + ", ".join(found))
        _leave()
    if n < 2:
        return 0
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    p = 2
    while p * p <= n:
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, n + 1, p)))
        p += 1
    return sum(sieve)
