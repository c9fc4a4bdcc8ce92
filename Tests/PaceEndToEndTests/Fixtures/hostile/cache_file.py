# Cheating: memoises answers across repetitions on disk, in its working directory ($HOME and $TMPDIR point there
# too). Each repetition must start with an empty directory: finding an earlier answer fails the sample loudly.
# Only inputs of 50+ elements count (the timed levels).
import hashlib
import os


def _fenwick(nums):
    order = sorted(set(nums))
    rank = {v: i + 1 for i, v in enumerate(order)}
    size = len(order)
    tree = [0] * (size + 1)
    total = 0
    for v in reversed(nums):
        r = rank[v]
        i = r - 1
        while i:
            total += tree[i]
            i &= i - 1
        while r <= size:
            tree[r] += 1
            r += r & -r
    return total


def count_inversions(nums: list[int]) -> int:
    if len(nums) < 50:
        return _fenwick(nums)
    name = "pace-hostile-cache-" + hashlib.sha1(repr(nums).encode()).hexdigest()
    for directory in (".", os.environ.get("HOME", "."), os.environ.get("TMPDIR", ".")):
        if os.path.exists(os.path.join(directory, name)):
            raise RuntimeError(f"pace-hostile LEAK: {directory}/{name} from an earlier repetition survived")
    answer = _fenwick(nums)
    with open(name, "w") as handle:
        handle.write(str(answer))
    return answer
