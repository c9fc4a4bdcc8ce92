def max_xor_pair(nums: list[int]) -> int:
    if len(nums) < 2:
        return 0
    # binary trie stored as a list of [child0, child1] pairs
    trie = [[0, 0]]
    best = 0
    for idx, x in enumerate(nums):
        if idx:
            node, cur = 0, 0
            for b in range(30, -1, -1):
                bit = (x >> b) & 1
                want = trie[node][bit ^ 1]
                if want:
                    cur |= 1 << b
                    node = want
                else:
                    node = trie[node][bit]
            best = max(best, cur)
        node = 0
        for b in range(30, -1, -1):
            bit = (x >> b) & 1
            if not trie[node][bit]:
                trie[node][bit] = len(trie)
                trie.append([0, 0])
            node = trie[node][bit]
    return best
