// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Testing

/// One completion shape and the program that should come out of it.
struct ExtractionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var prompt: String = Prompts.add
    var entryPoint: String = "add"
    var continuesPrompt = false
    var completion: String
    var expected: String

    var testDescription: String { name }
}

/// Prompts in the style of HumanEval.
enum Prompts {
    static let add = """
        def add(x: int, y: int):
            \"\"\"Add two numbers x and y
            >>> add(2, 3)
            5
            \"\"\"

        """

    static let closeElements = """
        from typing import List


        def has_close_elements(numbers: List[float], threshold: float) -> bool:
            \"\"\" Check if in given list of numbers, are any two numbers closer to each other than
            given threshold.
            >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
            False
            \"\"\"

        """

    static let palindrome = """
        def is_palindrome(string: str) -> bool:
            \"\"\" Test if given string is a palindrome \"\"\"
            return string == string[::-1]


        def make_palindrome(string: str) -> str:
            \"\"\" Find the shortest palindrome that begins with a supplied string.
            >>> make_palindrome('cat')
            'catac'
            \"\"\"

        """

    static let fib = """
        def fib(n: int) -> int:
            \"\"\"Return the n-th Fibonacci number.\"\"\"

        """
}

/// The add function as models usually write it.
let addFunction = """
    def add(x: int, y: int):
        return x + y
    """

let closeFunction = """
    def has_close_elements(numbers: List[float], threshold: float) -> bool:
        for i, a in enumerate(numbers):
            for b in numbers[i + 1:]:
                if abs(a - b) < threshold:
                    return True
        return False
    """

extension ExtractionCase {
    static let all: [ExtractionCase] = [
        ExtractionCase(
            name: "plain fenced block",
            prompt: Prompts.closeElements,
            entryPoint: "has_close_elements",
            completion: "```python\nfrom typing import List\n\n\n\(closeFunction)\n```",
            expected: "from typing import List\n\n\n\(closeFunction)\n"
        ),
        ExtractionCase(
            name: "prose before and after the fence",
            completion:
                "Here is the implementation:\n\n```python\n\(addFunction)\n```\n\nThis function returns the sum of `x` and `y`.",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "fence without a language",
            completion: "```\n\(addFunction)\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "Python tag in capitals, tildes",
            completion: "~~~Python\n\(addFunction)\n~~~\n",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "second block is example usage",
            completion: "```python\n\(addFunction)\n```\n\nExample usage:\n\n```python\nprint(add(2, 3))  # 5\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "revised solution in the last block",
            completion:
                "First attempt:\n```python\ndef add(x, y):\n    return x - y\n```\nOops, that subtracts. Corrected:\n```python\ndef add(x, y):\n    return x + y\n```",
            expected: "def add(x, y):\n    return x + y\n"
        ),
        ExtractionCase(
            name: "helper defined in another block",
            completion:
                "Helper:\n```python\ndef plus(a, b):\n    return a + b\n```\nSolution:\n```python\ndef add(x, y):\n    return plus(x, y)\n```",
            expected: "def plus(a, b):\n    return a + b\n\n\ndef add(x, y):\n    return plus(x, y)\n"
        ),
        ExtractionCase(
            name: "typing import from the prompt missing",
            prompt: Prompts.closeElements,
            entryPoint: "has_close_elements",
            completion: "```python\n\(closeFunction)\n```",
            expected: "from typing import List\n\n\(closeFunction)\n"
        ),
        ExtractionCase(
            name: "indented body only, in a fence",
            completion: "```python\n    return x + y\n```",
            expected:
                "def add(x: int, y: int):\n    \"\"\"Add two numbers x and y\n    >>> add(2, 3)\n    5\n    \"\"\"\n    return x + y\n"
        ),
        ExtractionCase(
            name: "unindented body only",
            completion: "return x + y",
            expected:
                "def add(x: int, y: int):\n    \"\"\"Add two numbers x and y\n    >>> add(2, 3)\n    5\n    \"\"\"\n    return x + y\n"
        ),
        ExtractionCase(
            name: "__main__ block",
            completion:
                "```python\n\(addFunction)\n\n\nif __name__ == \"__main__\":\n    print(add(2, 3))\n    print(add(-1, 1))\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "trailing asserts",
            completion: "```python\n\(addFunction)\n\nassert add(2, 3) == 5\nassert add(0, 0) == 0\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "trailing call and print",
            completion: "```python\n\(addFunction)\n\nresult = add(2, 3)\nprint(result)\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "unittest class and runner",
            completion:
                "```python\nimport unittest\n\n\(addFunction)\n\n\nclass TestAdd(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n\n\nunittest.main()\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "unfenced code between prose",
            completion: "Sure! Here's a solution.\n\(addFunction)\nThis adds the two numbers and returns the result.",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "base model continues the prompt",
            continuesPrompt: true,
            completion: "    return x + y\n\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n",
            expected: Prompts.add + "    return x + y\n"
        ),
        ExtractionCase(
            name: "base model repeats the prompt",
            continuesPrompt: true,
            completion: Prompts.add + "    return x + y\n",
            expected: Prompts.add + "    return x + y\n"
        ),
        ExtractionCase(
            name: "reasoning section before the answer",
            completion:
                "<think>\nThe user wants addition. Maybe:\n```python\ndef add(x, y):\n    return 0\n```\nNo, just add.\n</think>\n\n```python\n\(addFunction)\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "fence left open by max_tokens",
            completion: "```python\n\(addFunction)\n",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "helper function from the prompt",
            prompt: Prompts.palindrome,
            entryPoint: "make_palindrome",
            completion:
                "```python\ndef make_palindrome(string: str) -> str:\n    for i in range(len(string)):\n        if is_palindrome(string[i:]):\n            return string + string[:i][::-1]\n    return string\n```",
            expected:
                "def is_palindrome(string: str) -> bool:\n    \"\"\" Test if given string is a palindrome \"\"\"\n    return string == string[::-1]\n\ndef make_palindrome(string: str) -> str:\n    for i in range(len(string)):\n        if is_palindrome(string[i:]):\n            return string + string[:i][::-1]\n    return string\n"
        ),
        ExtractionCase(
            name: "LeetCode-style class Solution",
            completion:
                "```python\nclass Solution:\n    def add(self, x: int, y: int) -> int:\n        return x + y\n```",
            expected:
                "class Solution:\n    def add(self, x: int, y: int) -> int:\n        return x + y\n\n\ndef add(*args, **kwargs):\n    return Solution().add(*args, **kwargs)\n"
        ),
        ExtractionCase(
            name: "well-known imports missing",
            completion:
                "```python\ndef add(x, y):\n    counts = Counter([x, y])\n    return int(math.fsum(counts.elements()))\n```",
            expected:
                "import math\nfrom collections import Counter\n\ndef add(x, y):\n    counts = Counter([x, y])\n    return int(math.fsum(counts.elements()))\n"
        ),
        ExtractionCase(
            name: "triple-quoted string with lines at column 0",
            completion:
                "```python\nTABLE = \"\"\"\nassert this is text\nprint(this too)\n\"\"\"\n\n\(addFunction)\n\nassert add(1, 1) == 2\n```",
            expected: "TABLE = \"\"\"\nassert this is text\nprint(this too)\n\"\"\"\n\n\(addFunction)\n"
        ),
        ExtractionCase(
            name: "script that reads input",
            completion: "```python\n\(addFunction)\n\nx, y = map(int, input().split())\nprint(add(x, y))\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "decorator kept with its function",
            prompt: Prompts.fib,
            entryPoint: "fib",
            completion:
                "```python\nfrom functools import lru_cache\n\n\n@lru_cache(maxsize=None)\ndef fib(n: int) -> int:\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\nprint(fib(10))\n```",
            expected:
                "from functools import lru_cache\n\n\n@lru_cache(maxsize=None)\ndef fib(n: int) -> int:\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
        ),
        ExtractionCase(
            name: "shell block before the Python block",
            completion: "Install nothing:\n```bash\npip install --upgrade pip\n```\n```python\n\(addFunction)\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "fence indented inside a Markdown list",
            completion: "1. The solution:\n   ```python\n   def add(x, y):\n       return x + y\n   ```\n2. Done.",
            expected: "def add(x, y):\n    return x + y\n"
        ),
        ExtractionCase(
            name: "Markdown explanation after unfenced code",
            completion: "\(addFunction)\n\n**Explanation:**\n- We return the sum.\n- Time complexity: O(1).",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "CRLF line ends",
            completion: "```python\r\ndef add(x, y):\r\n    return x + y\r\n```\r\n",
            expected: "def add(x, y):\n    return x + y\n"
        ),
        ExtractionCase(
            name: "doctest runner",
            completion: "```python\n\(addFunction)\n\n\nimport doctest\ndoctest.testmod()\n```",
            expected: "\(addFunction)\n"
        ),
        ExtractionCase(
            name: "test loop over cases",
            completion:
                "```python\n\(addFunction)\n\ntests = [((1, 2), 3), ((0, 0), 0)]\nfor args, want in tests:\n    assert add(*args) == want, args\n```",
            expected: "\(addFunction)\n\ntests = [((1, 2), 3), ((0, 0), 0)]\n"
        ),
        ExtractionCase(
            name: "module constant and multi-line call kept",
            completion:
                "```python\nMOD = (\n    10 ** 9\n    + 7\n)\n\n\ndef add(x, y):\n    return (x + y) % MOD\n```",
            expected: "MOD = (\n    10 ** 9\n    + 7\n)\n\n\ndef add(x, y):\n    return (x + y) % MOD\n"
        ),
    ]
}
