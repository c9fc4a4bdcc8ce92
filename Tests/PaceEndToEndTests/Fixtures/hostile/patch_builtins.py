# Cheating: replaces builtins the harness might rely on (type, isinstance, len, hex, repr, all, sorted, abs,
# zip) with liars, keeping the originals for itself. The answer is right; the harness must still encode and
# report it faithfully instead of breaking (a harness error) or being fooled.
import builtins

_sorted, _len, _max, _type = sorted, len, max, type

builtins.type = lambda *args: list if _len(args) == 1 else _type(*args)
builtins.isinstance = lambda obj, kinds: True
builtins.len = lambda obj: 0
builtins.hex = lambda value: "0x0"
builtins.repr = lambda obj: "[[0, 0]]"
builtins.all = lambda items: True
builtins.sorted = lambda items, **kwargs: []
builtins.abs = lambda value: 0
builtins.zip = lambda *items: iter(())


def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    merged = []
    for start, end in _sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = _max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
