def grid_min_steps(grid: list[str]) -> int:
    """`grid` is a rectangle of equal-length strings made of '.' (open)
    and '#' (wall). A move goes from an open cell to an open cell directly
    above, below, left or right of it.

    Return the fewest moves needed to go from the top-left cell to the
    bottom-right cell, or -1 when that is impossible (including when the
    grid is empty or either corner is a wall). A 1x1 open grid needs 0
    moves.

    >>> grid_min_steps(["..#", "#..", "#.."])
    4
    >>> grid_min_steps([".#", "#."])
    -1
    """
