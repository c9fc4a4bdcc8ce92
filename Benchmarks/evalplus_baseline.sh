#!/usr/bin/env bash
# Measures the reference tool EvalPlus: wall time, samples/s and pass@1 (base, base+plus) for HumanEval+ canonical solutions x N copies.
# Run from the repo root: bash Benchmarks/evalplus_baseline.sh   (env: COPIES=10, WORK_DIR=<fresh temp dir>, PARALLEL=<unset = evalplus default>)
# Env: PACE_REF_PYTHON = python with evalplus (default /work/venvs/ref/bin/python); PACE_DATA_DIR = shared data dir (default ../shared/data).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PACE_REF_PYTHON:-/work/venvs/ref/bin/python}"
DATA_DIR="${PACE_DATA_DIR:-$REPO_ROOT/../shared/data}"
DATASET="$(cd "$DATA_DIR/humanevalplus" && pwd)/HumanEvalPlus.jsonl.gz"
COPIES="${COPIES:-10}"
WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/evalplus-baseline.XXXXXX)}"
mkdir -p "$WORK_DIR"
SAMPLES="$WORK_DIR/samples.jsonl"
RESULTS="$WORK_DIR/samples_eval_results.json"

# 1. Samples file: prompt + canonical_solution, COPIES times per task, EvalPlus JSONL {task_id, solution}.
"$PY" - "$DATASET" "$SAMPLES" "$COPIES" <<'EOF'
import gzip, json, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = 0
with gzip.open(src, "rt") as fi, open(dst, "w") as fo:
    for line in fi:
        if not line.strip():
            continue
        t = json.loads(line)
        for _ in range(copies):
            fo.write(json.dumps({"task_id": t["task_id"], "solution": t["prompt"] + t["canonical_solution"]}) + "\n")
            n += 1
print(f"wrote {n} samples to {dst}", file=sys.stderr)
EOF
N_SAMPLES=$(wc -l < "$SAMPLES")

# 2. No reuse of earlier results: delete the eval_results file, and give EvalPlus a fresh cache dir
#    (its ground-truth cache lives in appdirs.user_cache_dir("evalplus") = $XDG_CACHE_HOME/evalplus).
rm -f "$RESULTS"
export XDG_CACHE_HOME="$WORK_DIR/cache"
rm -rf "$XDG_CACHE_HOME"
export HUMANEVAL_OVERRIDE_PATH="$DATASET"   # evalplus/data/humaneval.py reads this at import time

PAR_ARGS=()
if [[ -n "${PARALLEL:-}" ]]; then PAR_ARGS=(--parallel "$PARALLEL"); fi

LOG="$WORK_DIR/evalplus.log"
T0=$(date +%s.%N)
"$PY" -m evalplus.evaluate --dataset humaneval --samples "$SAMPLES" "${PAR_ARGS[@]}" > "$LOG" 2>&1 || { cat "$LOG"; exit 1; }
T1=$(date +%s.%N)

# 3. Report. EvalPlus's non-daemon "stucking checker" thread sleeps in 20 s steps, so the process can
#    linger up to 20 s after the work is done: also report the time at which the results file was written.
"$PY" - "$LOG" "$RESULTS" "$T0" "$T1" "$N_SAMPLES" "$(nproc)" <<'EOF'
import json, os, re, sys
log, results, t0, t1, n, ncpu = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
text = re.sub(r"\x1b\[[0-9;]*m", "", open(log).read())
sec = {"base": {}, "plus": {}}
cur = None
for line in text.splitlines():
    if "(base tests)" in line: cur = "base"
    elif "(base + extra tests)" in line: cur = "plus"
    m = re.match(r"\s*(pass@\d+):\s*([0-9.]+)", line)
    if m and cur: sec[cur][m.group(1)] = float(m.group(2))
gt = re.search(r"Expected outputs computed in ([0-9.]+)s", text)
done = os.path.getmtime(results) - t0
res = json.load(open(results))["eval"]
exact_base = sum(r["base_status"] == "pass" for rs in res.values() for r in rs) / n
exact_plus = sum(r["base_status"] == r["plus_status"] == "pass" for rs in res.values() for r in rs) / n
out = {
    "tool": "evalplus", "samples": n, "workers_default": max(1, ncpu // 2),
    "wall_total_s": round(t1 - t0, 3),
    "wall_until_results_written_s": round(done, 3),
    "ground_truth_s": float(gt.group(1)) if gt else None,
    "samples_per_s": round(n / (t1 - t0), 3),
    "samples_per_s_until_results": round(n / done, 3),
    "pass@1_base": sec["base"].get("pass@1"), "pass@1_plus": sec["plus"].get("pass@1"),
    "pass@1_base_exact": exact_base, "pass@1_plus_exact": exact_plus,
    "pass@10_base": sec["base"].get("pass@10"), "pass@10_plus": sec["plus"].get("pass@10"),
    "failing_tasks_plus": sorted({t for t, rs in res.items() for r in rs if r["plus_status"] != "pass"}),
}
print(json.dumps(out))
EOF
