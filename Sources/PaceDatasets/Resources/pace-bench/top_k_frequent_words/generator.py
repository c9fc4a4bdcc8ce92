import random
import string


def _word() -> str:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(random.randint(2, 6)))


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ([], 3)
        if cid == 1:
            return (["solo"], 1)
        if cid == 2:
            return (["b", "a", "c", "b", "a", "c"], 2)     # three-way tie
        if cid == 3:
            return (["x", "y", "x"], 5)                    # k larger than distinct
        vocab = sorted({_word() for _ in range(6)})
        words = [random.choice(vocab) for _ in range(size)]
        return (words, random.randint(0, len(vocab)))
    # Zipf-like frequencies over a vocabulary of about size / 10 words;
    # the rare words produce many ties.
    vocab = sorted({_word() for _ in range(size // 10)})
    random.shuffle(vocab)
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    words = random.choices(vocab, weights=weights, k=size)
    # build fresh string objects, as a JSON decoder would
    words = ["".join(list(w)) for w in words]
    k = random.randint(len(vocab) // 4, len(vocab) // 2)
    return (words, k)
