def grid_min_steps(grid: list[str]) -> int:
    # Dijkstra with a plain list as the priority queue (linear scan for the
    # minimum): correct, but quadratic in the number of frontier cells.
    if not grid or not grid[0]:
        return -1
    rows, cols = len(grid), len(grid[0])
    if grid[0][0] == "#" or grid[-1][-1] == "#":
        return -1
    best = {(0, 0): 0}
    frontier = [(0, 0, 0)]
    done = set()
    while frontier:
        i = min(range(len(frontier)), key=lambda k: frontier[k][0])
        d, r, c = frontier.pop(i)
        if (r, c) in done:
            continue
        done.add((r, c))
        if (r, c) == (rows - 1, cols - 1):
            return d
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." \
                    and d + 1 < best.get((nr, nc), 1 << 60):
                best[(nr, nc)] = d + 1
                frontier.append((d + 1, nr, nc))
    return -1
