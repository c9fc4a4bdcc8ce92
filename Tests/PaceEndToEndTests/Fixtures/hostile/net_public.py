# Escape: phones home: DNS for a public name, TCP to public resolvers, a UDP datagram. Any of them working fails
# the sample loudly. Runs once per process.
import socket
import sys


def _reach():
    try:
        socket.getaddrinfo("example.com", 443)
        return "resolved example.com"
    except OSError:
        pass
    for address in (("1.1.1.1", 53), ("8.8.8.8", 443), ("2606:4700:4700::1111", 53)):
        try:
            with socket.create_connection(address, timeout=2):
                return f"connected to {address}"
        except OSError:
            pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.sendto(b"pace-hostile", ("9.9.9.9", 53))
            return "sent a UDP datagram to 9.9.9.9"
    except OSError:
        pass
    return None


def max_xor_pair(nums: list[int]) -> int:
    if not getattr(sys, "_pace_hostile_phoned", False):
        sys._pace_hostile_phoned = True
        reached = _reach()
        if reached:
            raise RuntimeError(f"pace-hostile LEAK: {reached}")
    best = 0
    mask = 0
    for bit in range(30, -1, -1):
        mask |= 1 << bit
        prefixes = {x & mask for x in nums}
        want = best | (1 << bit)
        if any(p ^ want in prefixes for p in prefixes):
            best = want
    return best if len(nums) > 1 else 0
