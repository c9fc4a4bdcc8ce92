import heapq


def running_median(nums: list[int]) -> list[int]:
    # low is a max-heap (stored negated) holding the smaller half, high a
    # min-heap with the larger half; len(low) == len(high) or one more.
    low = []
    high = []
    out = []
    for x in nums:
        if low and x > -low[0]:
            heapq.heappush(high, x)
        else:
            heapq.heappush(low, -x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    return out
