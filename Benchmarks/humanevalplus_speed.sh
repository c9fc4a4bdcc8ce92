#!/usr/bin/env bash
# Pace vs EvalPlus on HumanEval+: canonical solutions x COPIES (default 10), both tools one after the other.
# Run from the repo root: bash Benchmarks/humanevalplus_speed.sh   (env: COPIES, JOBS = Pace --jobs (default: cores),
# SKIP_EVALPLUS=1 to time Pace only, PACE_REF_PYTHON = a python with evalplus, installed into /work/venvs/ref if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${PACE_DATA_DIR:-$ROOT/../shared/data}"
COPIES="${COPIES:-10}"
JOBS="${JOBS:-$(nproc)}"
WORK="$(mktemp -d /tmp/pace-bench-heplus.XXXXXX)"
PY="${PACE_REF_PYTHON:-/work/venvs/ref/bin/python}"

echo "== building Pace (release)"
swift build -c release --package-path "$ROOT" --scratch-path "$ROOT/.build-release" >/dev/null
PACE="$ROOT/.build-release/release/pace"

python3 - "$DATA/humanevalplus/HumanEvalPlus.jsonl.gz" "$WORK/samples.jsonl" "$COPIES" <<'PY'
import gzip, json, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, "rt") as fi, open(dst, "w") as fo:
    for line in fi:
        t = json.loads(line)
        for _ in range(copies):
            fo.write(json.dumps({"task_id": t["task_id"], "solution": t["prompt"] + t["canonical_solution"]}) + "\n")
PY
N=$(wc -l < "$WORK/samples.jsonl")

echo "== Pace: $N samples, --jobs $JOBS, cold cache (expected outputs computed inside the timing)"
export PACE_CACHE_DIR="$WORK/cache"
START=$(date +%s.%N)
"$PACE" evaluate --dataset "$DATA/humanevalplus/HumanEvalPlus.jsonl.gz" --samples "$WORK/samples.jsonl" \
    --output "$WORK/pace-out" --jobs "$JOBS" --json --quiet > "$WORK/pace-summary.json"
END=$(date +%s.%N)
PACE_S=$(python3 -c "print(round($END - $START, 1))")
python3 - "$WORK/pace-summary.json" "$PACE_S" "$N" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); t = float(sys.argv[2]); n = int(sys.argv[3])
print(f"pace: {t:.1f} s, {n / t:.2f} samples/s, pass@1 base {s['metrics_by_suite']['base']['pass@1']:.4f}, "
      f"base+plus {s['metrics_by_suite']['base+plus']['pass@1']:.4f}")
PY

if [ "${SKIP_EVALPLUS:-0}" = "1" ]; then exit 0; fi
if [ ! -x "$PY" ] || ! "$PY" -c "import evalplus" 2>/dev/null; then
    python3 -m venv /work/venvs/ref && /work/venvs/ref/bin/pip install -q evalplus enam
    PY=/work/venvs/ref/bin/python
fi
echo "== EvalPlus (its default parallelism)"
OUT=$(PACE_REF_PYTHON="$PY" WORK_DIR="$WORK/evalplus" COPIES="$COPIES" bash "$ROOT/Benchmarks/evalplus_baseline.sh" 2>/dev/null | tail -5)
echo "$OUT"
EP_S=$(echo "$OUT" | python3 -c "import sys,json; l=[x for x in sys.stdin.read().splitlines() if x.startswith('{')]; print(json.loads(l[-1])['wall_total_s'] if l else '')")
if [ -n "$EP_S" ]; then
    python3 -c "print(f'ratio: Pace is {float($EP_S) / float($PACE_S):.1f}x faster than EvalPlus ({float($EP_S):.1f} s vs {float($PACE_S):.1f} s)')"
fi
