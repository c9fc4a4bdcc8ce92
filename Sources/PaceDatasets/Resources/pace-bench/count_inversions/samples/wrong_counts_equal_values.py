def count_inversions(nums: list[int]) -> int:
    # Bug: takes from the right run on ties (<= instead of <), so pairs of
    # equal values are counted as inversions.
    def sort_count(a):
        if len(a) <= 1:
            return a, 0
        mid = len(a) // 2
        left, x = sort_count(a[:mid])
        right, y = sort_count(a[mid:])
        merged, count = [], x + y
        i = j = 0
        while i < len(left) and j < len(right):
            if right[j] <= left[i]:
                merged.append(right[j])
                count += len(left) - i
                j += 1
            else:
                merged.append(left[i])
                i += 1
        merged.extend(left[i:])
        merged.extend(right[j:])
        return merged, count

    return sort_count(list(nums))[1]
