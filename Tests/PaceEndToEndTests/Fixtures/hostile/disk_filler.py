# Resource: fills the disk: one file as large as it can (100 MiB wanted), then the same outside its directory.
# The file-size limit (64 MiB) must cut the first, the read-only filesystem the rest. Runs once per process.
import os
import sys

CHUNK = b"\0" * (1 << 20)


def _fill(path, mib):
    written = 0
    try:
        with open(path, "wb") as handle:
            for _ in range(mib):
                handle.write(CHUNK)
                handle.flush()
                written += 1
    except OSError:
        pass
    return written


def _payload():
    if _fill("pace-hostile-disk-filler", 100) >= 100:
        raise RuntimeError("pace-hostile LEAK: wrote 100 MiB into one file")
    for place in ("/tmp", "/var/tmp", "/dev/shm", "@@HOME@@"):
        if _fill(os.path.join(place, "pace-hostile-disk-filler"), 1):
            raise RuntimeError(f"pace-hostile LEAK: wrote into {place}")


def top_k_frequent_words(words: list[str], k: int) -> list[str]:
    if not getattr(sys, "_pace_hostile_filled", False):
        sys._pace_hostile_filled = True
        _payload()
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:k]
