def count_components(n: int, edges: list[list[int]]) -> int:
    # "Quick-find": every node stores its component label directly, and a
    # merge relabels the whole array: O(n) per merge, O(n^2) overall.
    label = list(range(n))
    components = n
    for u, v in edges:
        a, b = label[u], label[v]
        if a != b:
            label = [a if x == b else x for x in label]
            components -= 1
    return components
