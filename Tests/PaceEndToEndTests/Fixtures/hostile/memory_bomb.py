# Resource: grabs memory until something stops it: 256 MiB it really touches, then 64 MiB blocks (zero pages, so
# the bomb is quick) without end. The MemoryError is left to propagate: the verdict must be out_of_memory, and the
# host must not notice.
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    hog = [bytearray(64 << 20) for _ in range(4)]
    while True:
        hog.append(bytes(64 << 20))
        if len(hog) > 1024:
            raise RuntimeError("pace-hostile LEAK: 64 GiB allocated without a MemoryError")
