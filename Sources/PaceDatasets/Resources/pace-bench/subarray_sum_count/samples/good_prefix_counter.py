from collections import defaultdict


def subarray_sum_count(nums: list[int], k: int) -> int:
    counts = defaultdict(int)
    counts[0] = 1
    running = 0
    answer = 0
    for value in nums:
        running += value
        answer += counts[running - k]
        counts[running] += 1
    return answer
