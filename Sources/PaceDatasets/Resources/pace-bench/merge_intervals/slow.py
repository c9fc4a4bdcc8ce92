def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    # Insert the intervals one at a time into an unsorted list of disjoint
    # intervals, scanning the whole list each time: O(n * m).
    merged = []
    for start, end in intervals:
        kept = []
        for ms, me in merged:
            if me < start or ms > end:
                kept.append([ms, me])
            else:
                if ms < start:
                    start = ms
                if me > end:
                    end = me
        kept.append([start, end])
        merged = kept
    merged.sort()
    return merged
