# Escape: uses ctypes to call the kernel directly, each attempt in a child of its own so the worker is left alone:
# a new user and mount namespace with / remounted read-write and a marker written to /tmp; joining the host's
# network namespace through /proc/1/ns/net; chroot and mknod (both need capabilities that were dropped); loading
# a kernel module. Any of them succeeding fails the sample loudly.
import ctypes
import os
import stat
import sys

CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_REMOUNT, MS_BIND = 32, 4096


def _remount(libc):
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        return False
    libc.mount(b"none", b"/", None, MS_REMOUNT | MS_BIND, None)
    libc.mount(b"none", b"/tmp", None, MS_REMOUNT | MS_BIND, None)
    try:
        with open("/tmp/pace-hostile-ctypes", "w") as handle:
            handle.write("pace-hostile")
        return True
    except OSError:
        return False


def _join_host_network(libc):
    try:
        return libc.setns(os.open("/proc/1/ns/net", os.O_RDONLY), 0) == 0 and os.getpid() != 1
    except OSError:
        return False


ATTEMPTS = {
    "remount / read-write in a new user namespace": _remount,
    "setns into PID 1's network namespace": _join_host_network,
    "chroot": lambda libc: libc.chroot(b"/") == 0,
    "mknod a block device": lambda libc: libc.mknod(b"pace-hostile-dev", stat.S_IFBLK | 0o600, os.makedev(8, 0)) == 0,
    "init_module": lambda libc: libc.syscall(175, None, 0, b"") == 0,
}


def _attempt(action):
    pid = os.fork()
    if pid == 0:
        try:
            worked = action(ctypes.CDLL(None, use_errno=True))
        except BaseException:  # noqa: B036
            worked = False
        os._exit(1 if worked else 0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 1


def triplets_below_target(nums: list[int], target: int) -> int:
    if not getattr(sys, "_pace_hostile_probed", False):
        sys._pace_hostile_probed = True
        for name, action in ATTEMPTS.items():
            if _attempt(action):
                raise RuntimeError(f"pace-hostile LEAK: {name} succeeded")
    a = sorted(nums)
    n = len(a)
    count = 0
    for i in range(n - 2):
        lo, hi = i + 1, n - 1
        while lo < hi:
            if a[i] + a[lo] + a[hi] < target:
                count += hi - lo
                lo += 1
            else:
                hi -= 1
    return count
