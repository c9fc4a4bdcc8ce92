# Escape: reads the dataset Pace is using (the expected outputs in tests.json) and the samples file. If either
# is readable the sample fails loudly with what it saw; hidden, it answers honestly.
import os


def _peek():
    for path in ("@@DATASET@@/pair_sum_count/tests.json", "@@SAMPLES@@"):
        try:
            with open(path) as handle:
                return f"{path}: {handle.read(60)!r}"
        except OSError:
            pass
    try:
        names = os.listdir("@@DATASET@@")
    except OSError:
        return None
    return f"listed @@DATASET@@: {sorted(names)[:4]}" if names else None


def pair_sum_count(nums: list[int], target: int) -> int:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: {leak}")
    seen = {}
    total = 0
    for x in nums:
        total += seen.get(target - x, 0)
        seen[x] = seen.get(x, 0) + 1
    return total
