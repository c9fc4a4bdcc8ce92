# Time: ignores every catchable signal (SIGTERM, SIGINT, SIGALRM, SIGHUP, SIGXCPU, ...) and blocks them too,
# then loops. A polite termination would never land; the deadline must SIGKILL.
import signal


def running_median(nums: list[int]) -> list[int]:
    for number in range(1, signal.NSIG):
        if number in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            signal.signal(number, signal.SIG_IGN)
        except (OSError, ValueError, RuntimeError):
            pass
    signal.pthread_sigmask(signal.SIG_BLOCK, set(range(1, signal.NSIG)) - {signal.SIGKILL, signal.SIGSTOP})
    signal.alarm(0)
    spin = 0
    while True:
        spin += 1
