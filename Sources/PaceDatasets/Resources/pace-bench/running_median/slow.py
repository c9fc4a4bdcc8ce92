def running_median(nums: list[int]) -> list[int]:
    # Sorts every prefix from scratch: O(n^2 log n).
    out = []
    for i in range(len(nums)):
        prefix = sorted(nums[:i + 1])
        out.append(prefix[i // 2])
    return out
