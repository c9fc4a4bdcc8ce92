from collections import deque


def grid_min_steps(grid: list[str]) -> int:
    if not grid or not grid[0]:
        return -1
    rows, cols = len(grid), len(grid[0])
    if grid[0][0] != "." or grid[rows - 1][cols - 1] != ".":
        return -1
    goal = rows * cols - 1
    # Flattened breadth-first search; dist == -1 means "not reached yet".
    open_cell = [ch == "." for row in grid for ch in row]
    dist = [-1] * (rows * cols)
    dist[0] = 0
    queue = deque([0])
    while queue:
        cur = queue.popleft()
        if cur == goal:
            return dist[cur]
        d = dist[cur] + 1
        r, c = divmod(cur, cols)
        if r > 0:
            nxt = cur - cols
            if open_cell[nxt] and dist[nxt] < 0:
                dist[nxt] = d
                queue.append(nxt)
        if r + 1 < rows:
            nxt = cur + cols
            if open_cell[nxt] and dist[nxt] < 0:
                dist[nxt] = d
                queue.append(nxt)
        if c > 0:
            nxt = cur - 1
            if open_cell[nxt] and dist[nxt] < 0:
                dist[nxt] = d
                queue.append(nxt)
        if c + 1 < cols:
            nxt = cur + 1
            if open_cell[nxt] and dist[nxt] < 0:
                dist[nxt] = d
                queue.append(nxt)
    return -1
