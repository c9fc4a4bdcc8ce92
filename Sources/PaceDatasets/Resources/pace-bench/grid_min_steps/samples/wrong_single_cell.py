from collections import deque


def grid_min_steps(grid: list[str]) -> int:
    # Bug: the goal is only recognised when it is pushed as a neighbour,
    # so a 1x1 grid (start == goal) answers -1 instead of 0.
    if not grid or not grid[0]:
        return -1
    rows, cols = len(grid), len(grid[0])
    if grid[0][0] == "#" or grid[-1][-1] == "#":
        return -1
    seen = [[False] * cols for _ in range(rows)]
    seen[0][0] = True
    queue = deque([(0, 0, 0)])
    while queue:
        r, c, d = queue.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." \
                    and not seen[nr][nc]:
                if (nr, nc) == (rows - 1, cols - 1):
                    return d + 1
                seen[nr][nc] = True
                queue.append((nr, nc, d + 1))
    return -1
