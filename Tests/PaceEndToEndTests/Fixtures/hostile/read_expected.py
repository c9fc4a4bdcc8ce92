# Cheating: looks for the expected answers where Pace keeps them: its cache directory (generated tests with the
# reference's answers) under $PACE_CACHE_DIR and ~/.cache/pace. Finding any fails the sample loudly; hidden,
# it answers honestly.
import os


def _peek():
    for root in ("@@CACHE@@", "@@HOME@@/.cache/pace"):
        for directory, _, files in os.walk(root):
            for name in files:
                try:
                    with open(os.path.join(directory, name)) as handle:
                        return f"{os.path.join(directory, name)}: {handle.read(40)!r}"
                except OSError:
                    pass
    return None


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
