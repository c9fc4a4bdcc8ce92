import random


def _maze(rows: int, cols: int, wall_rate: float) -> list[str]:
    cells = [["#" if random.random() < wall_rate else "." for _ in range(cols)]
             for _ in range(rows)]
    cells[0][0] = "."
    cells[rows - 1][cols - 1] = "."
    return ["".join(row) for row in cells]


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([],)
        if cid == 1:
            return (["."],)
        if cid == 2:
            return (["#"],)
        if cid == 3:
            return ([".....#", "####.#", "......"],)
        if cid == 4:
            return ([".#", "#."],)
        rows = random.randint(1, size)
        cols = random.randint(1, size)
        return (_maze(rows, cols, 0.25),)
    # Rooms separated by walls that each have a single gap, alternating
    # between the right and the left part, plus random walls inside the
    # rooms, so the shortest path zig-zags through the whole grid.  The
    # outer columns, the top row of every room and the column through each
    # gap stay open, which keeps the goal reachable (except for cid 3).
    rows, cols = size, size
    cells = [["#" if random.random() < 0.2 else "." for _ in range(cols)]
             for _ in range(rows)]
    for r in range(rows):
        cells[r][0] = "."
        cells[r][cols - 1] = "."
        if r % 8 == 0:
            cells[r] = ["."] * cols
    for k, r in enumerate(range(7, rows - 1, 8)):
        if k % 2 == 0:
            gap = random.randint(cols * 2 // 3, cols - 1)
        else:
            gap = random.randint(0, cols // 3)
        for rr in range(r - 7, min(r + 9, rows)):
            cells[rr][gap] = "."
        cells[r] = ["." if c == gap else "#" for c in range(cols)]
    if cid == 3:
        # the goal is walled in: the search has to exhaust the grid
        cells[rows - 2][cols - 1] = "#"
        cells[rows - 1][cols - 2] = "#"
    return (["".join(row) for row in cells],)
