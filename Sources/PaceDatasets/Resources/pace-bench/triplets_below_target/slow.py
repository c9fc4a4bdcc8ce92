from itertools import combinations


def triplets_below_target(nums: list[int], target: int) -> int:
    # Tries every triple: O(n^3).
    return sum(1 for a, b, c in combinations(nums, 3) if a + b + c < target)
