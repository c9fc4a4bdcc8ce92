# Time: an endless loop that swallows every exception, KeyboardInterrupt and SystemExit included, so no
# Python-level interruption can end it. Only the hard deadline can.
def lis_length(nums: list[int]) -> int:
    best = 0
    while True:
        try:
            best = max(best, len(nums))
        except BaseException:  # noqa: B036
            pass
