def count_components(n: int, edges: list[list[int]]) -> int:
    # Recursive DFS: fine on small graphs, but a long path exceeds Python's
    # default recursion limit and raises RecursionError.
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    seen = [False] * n

    def visit(x):
        seen[x] = True
        for y in adj[x]:
            if not seen[y]:
                visit(y)

    count = 0
    for s in range(n):
        if not seen[s]:
            count += 1
            visit(s)
    return count
