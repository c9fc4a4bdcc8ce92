# Cheating: returns a wrong answer inside a list subclass whose __eq__ always says True (and __ne__ False), so a
# harness that compares with == would accept it. It must fail.
class Agreeable(list):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = None


def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    return Agreeable([[0, 0]])
