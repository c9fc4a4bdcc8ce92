import random
import string

ALPHABET = string.ascii_letters + string.digits


def generate_input(size: int, lid: int, cid: int):
    if lid == 0:
        if cid == 0:
            return ("",)
        if cid == 1:
            return ("q",)
        if cid == 2:
            return ("aaaaaa",)
        if cid == 3:
            return ("abcdefgh",)          # whole string is distinct
        if cid == 4:
            return ("xyxyzw",)            # best stretch at the very end
        letters = "abcde"
        return ("".join(random.choice(letters) for _ in range(size)),)
    # Concatenate shuffled pieces of the alphabet so that long distinct
    # stretches exist, then sprinkle some noise characters.
    pieces = []
    total = 0
    while total < size:
        k = random.randint(1, len(ALPHABET))
        piece = random.sample(ALPHABET, k)
        if random.random() < 0.3:
            piece.insert(random.randrange(len(piece) + 1), random.choice(ALPHABET))
        pieces.extend(piece)
        total += len(piece)
    return ("".join(pieces[:size]),)
