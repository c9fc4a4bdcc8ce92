# Escape: plants a marker file everywhere it might be able to write outside its own directory: /tmp, the
# directory above its own, $HOME, the dataset, the fixtures, the output and cache directories, /etc. Any
# success fails the sample loudly (and the host check finds the marker).
import os

PLACES = ("/tmp", "..", "/var/tmp", "/dev/shm", "@@HOME@@", "@@DATASET@@", "@@FIXTURES@@", "@@OUTPUT@@",
          "@@CACHE@@", "/etc", "/usr/local")


def _plant():
    for place in PLACES:
        path = os.path.join(place, "pace-hostile-write-outside")
        try:
            with open(path, "w") as handle:
                handle.write("pace-hostile")
            return path
        except OSError:
            pass
    return None


def lis_length(nums: list[int]) -> int:
    planted = _plant()
    if planted:
        raise RuntimeError(f"pace-hostile LEAK: wrote {planted}")
    from bisect import bisect_left
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
