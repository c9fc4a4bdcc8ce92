# Escape: connects to a listener the test opened on the host's 127.0.0.1 (and to ::1, and to common local
# ports), and tries to listen itself. A connection that succeeds fails the sample loudly.
import socket
import sys

TARGETS = (("127.0.0.1", @@PORT@@), ("::1", @@PORT@@), ("127.0.0.1", 22), ("127.0.0.1", 80), ("127.0.0.1", 8080))


def _reach():
    for host, port in TARGETS:
        try:
            with socket.create_connection((host, port), timeout=1):
                return f"{host}:{port}"
        except OSError:
            pass
    return None


def _listen():
    try:
        server = socket.socket()
        server.bind(("0.0.0.0", @@PORT@@ + 1))
        server.listen()
        sys._pace_hostile_server = server  # keep it open as long as the process lives
    except OSError:
        pass


def count_primes(n: int) -> int:
    if not hasattr(sys, "_pace_hostile_server"):
        sys._pace_hostile_server = None
        _listen()
    reached = _reach()
    if reached:
        raise RuntimeError(f"pace-hostile LEAK: connected to {reached}")
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
