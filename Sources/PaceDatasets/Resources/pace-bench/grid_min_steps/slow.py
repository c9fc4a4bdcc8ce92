def grid_min_steps(grid: list[str]) -> int:
    # Grows the reached region one distance at a time, but finds the
    # current frontier by rescanning the whole grid each round:
    # O(rows * cols * answer) instead of O(rows * cols).
    if not grid or not grid[0]:
        return -1
    rows, cols = len(grid), len(grid[0])
    if grid[0][0] != "." or grid[rows - 1][cols - 1] != ".":
        return -1
    dist = [[-1] * cols for _ in range(rows)]
    dist[0][0] = 0
    d = 0
    while True:
        if dist[rows - 1][cols - 1] >= 0:
            return dist[rows - 1][cols - 1]
        grew = False
        for r in range(rows):
            for c in range(cols):
                if dist[r][c] != d:
                    continue
                for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." \
                            and dist[nr][nc] < 0:
                        dist[nr][nc] = d + 1
                        grew = True
        if not grew:
            return -1
        d += 1
