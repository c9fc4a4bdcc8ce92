def count_components(n: int, edges: list[list[int]]) -> int:
    """An undirected graph has nodes 0, 1, ..., n - 1 and the given edges
    [u, v]. Edges may repeat and may be self-loops. Return the number of
    connected components (an isolated node is a component of its own;
    a graph with n == 0 has none).

    >>> count_components(5, [[0, 1], [1, 2], [3, 3]])
    3
    >>> count_components(3, [])
    3
    """
