import random


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ("", ["a"])
        if cid == 1:
            return ("a", ["a"])
        if cid == 2:
            return ("abc", ["ab", "bc"])
        if cid == 3:
            return ("aaaa", ["a", "aa", "aaa"])
        text = "".join(random.choice("ab") for _ in range(size))
        words = sorted({"".join(random.choice("ab") for _ in range(random.randint(1, 3)))
                        for _ in range(5)})
        return (text, words)
    # Text over a three-letter alphabet; the dictionary holds the single
    # letters (so a split always exists and the count explodes), the
    # two-letter words, and many longer words, half of them cut from the
    # text itself so that they really match.
    alphabet = "abc"
    text = "".join(random.choice(alphabet) for _ in range(size))
    words = set(alphabet)
    words.update(a + b for a in alphabet for b in alphabet if random.random() < 0.5)
    while len(words) < size // 2:
        L = random.randint(3, 14)
        if random.random() < 0.5:
            start = random.randrange(size - L)
            words.add(text[start:start + L])
        else:
            words.add("".join(random.choice(alphabet) for _ in range(L)))
    words = sorted(words)
    random.shuffle(words)
    return (text, words)
