def count_components(n: int, edges: list[list[int]]) -> int:
    # Union-find with union by size and path halving.
    parent = list(range(n))
    size = [1] * n
    components = n
    for u, v in edges:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        if u != v:
            if size[u] < size[v]:
                u, v = v, u
            parent[v] = u
            size[u] += size[v]
            components -= 1
    return components
