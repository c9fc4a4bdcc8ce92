# Side effect (a legitimate one): raises the recursion limit at import, as many generated solutions do, and walks
# the graph's long chains with a recursive DFS. The program's own limit must hold during its calls (as in EvalPlus
# and ENAMEL), while the worker keeps its own for itself.
import sys

sys.setrecursionlimit(20_000)


def count_components(n: int, edges: list[list[int]]) -> int:
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
