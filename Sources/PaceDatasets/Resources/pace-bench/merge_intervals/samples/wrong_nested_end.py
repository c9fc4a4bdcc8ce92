def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    # Bug: overwrites the end instead of taking the maximum, so an interval
    # nested inside the previous one shrinks the merged interval.
    result = []
    for s, e in sorted(intervals):
        if result and s <= result[-1][1]:
            result[-1][1] = e
        else:
            result.append([s, e])
    return result
