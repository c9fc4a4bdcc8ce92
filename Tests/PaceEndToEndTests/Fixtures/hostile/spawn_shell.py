# Escape: spawns a shell that tries what the sample itself may not: write a marker into /tmp and $HOME, reach
# the host's listener, and leave a sleeping process (argv marked) behind. The shell must be as confined as the
# sample. Runs once per process.
import subprocess
import sys
from collections import deque

SCRIPT = """
for place in /tmp @@HOME@@ @@OUTPUT@@; do
  if echo pace-hostile > "$place/pace-hostile-shell" 2>/dev/null; then echo "wrote $place"; exit 3; fi
done
if command -v python3 >/dev/null && python3 -c 'import socket; socket.create_connection(("127.0.0.1", @@PORT@@), 1)' 2>/dev/null; then
  echo "connected"; exit 4
fi
(exec -a pace-hostile-shell-child sleep 600) &
exit 0
"""


def _shell():
    done = subprocess.run(["/bin/sh", "-c", SCRIPT], capture_output=True, text=True, timeout=20)
    if done.returncode != 0:
        raise RuntimeError(f"pace-hostile LEAK: the shell {done.stdout.strip() or done.returncode}")


def grid_min_steps(grid: list[str]) -> int:
    if not getattr(sys, "_pace_hostile_shell", False):
        sys._pace_hostile_shell = True
        _shell()
    if not grid or not grid[0] or grid[0][0] != "." or grid[-1][-1] != ".":
        return -1
    rows, cols = len(grid), len(grid[0])
    dist = {(0, 0): 0}
    queue = deque([(0, 0)])
    while queue:
        r, c = queue.popleft()
        if (r, c) == (rows - 1, cols - 1):
            return dist[r, c]
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in dist:
                dist[nr, nc] = dist[r, c] + 1
                queue.append((nr, nc))
    return -1
