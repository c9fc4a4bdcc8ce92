from collections import Counter


def pair_sum_count(nums: list[int], target: int) -> int:
    counts = Counter(nums)
    total = 0
    for value, c in counts.items():
        other = target - value
        if other == value:
            total += c * (c - 1) // 2
        elif value < other:
            total += c * counts.get(other, 0)
    return total
