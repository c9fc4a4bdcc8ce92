# Escape: reads the run's output directory (run.json, results.jsonl with other samples' verdicts). Readable
# means a leak and a loud failure; hidden, it answers honestly.
import os


def _peek():
    for name in ("results.jsonl", "run.json", "summary.json"):
        try:
            with open(os.path.join("@@OUTPUT@@", name)) as handle:
                return f"{name}: {handle.read(60)!r}"
        except OSError:
            pass
    try:
        names = os.listdir("@@OUTPUT@@")
    except OSError:
        return None
    return f"listed @@OUTPUT@@: {sorted(names)}" if names else None


def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: {leak}")
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
