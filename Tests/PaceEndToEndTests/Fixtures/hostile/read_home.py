# Escape: looks for the user's secrets: ~/.ssh keys, shell history, git and netrc credentials, other users'
# homes. Anything readable is a leak and fails the sample loudly; hidden, it answers honestly.
import os

HOMES = ("@@HOME@@", "/root")
SECRETS = (".ssh/id_rsa", ".ssh/id_ed25519", ".ssh/authorized_keys", ".bash_history", ".gitconfig", ".netrc",
           ".bashrc", ".profile", ".config/gh/hosts.yml")


def _peek():
    for home in HOMES:
        for name in SECRETS:
            try:
                with open(os.path.join(home, name)) as handle:
                    return f"{home}/{name}: {handle.read(40)!r}"
            except OSError:
                pass
    try:
        users = os.listdir("/home")
    except OSError:
        users = []
    if users:
        return f"/home lists {sorted(users)}"
    return None


def count_components(n: int, edges: list[list[int]]) -> int:
    leak = _peek()
    if leak:
        raise RuntimeError(f"pace-hostile LEAK: {leak}")
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    components = n
    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            components -= 1
    return components
