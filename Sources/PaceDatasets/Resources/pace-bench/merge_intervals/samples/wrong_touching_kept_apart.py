def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    # Bug: strict comparison, so intervals that only touch are not merged.
    result = []
    for s, e in sorted(intervals):
        if result and s < result[-1][1]:
            result[-1][1] = max(result[-1][1], e)
        else:
            result.append([s, e])
    return result
