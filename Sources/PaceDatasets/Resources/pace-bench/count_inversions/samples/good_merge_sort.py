def count_inversions(nums: list[int]) -> int:
    # Bottom-up merge sort that counts, during each merge, how many
    # elements of the left run are larger than the element taken from the
    # right run: O(n log n), no recursion.
    a = list(nums)
    n = len(a)
    buf = [0] * n
    inversions = 0
    width = 1
    while width < n:
        for lo in range(0, n - width, 2 * width):
            mid = lo + width
            hi = min(lo + 2 * width, n)
            i, j, k = lo, mid, lo
            while i < mid and j < hi:
                if a[j] < a[i]:
                    buf[k] = a[j]
                    inversions += mid - i
                    j += 1
                else:
                    buf[k] = a[i]
                    i += 1
                k += 1
            while i < mid:
                buf[k] = a[i]
                i += 1
                k += 1
            while j < hi:
                buf[k] = a[j]
                j += 1
                k += 1
            a[lo:hi] = buf[lo:hi]
        width *= 2
    return inversions
