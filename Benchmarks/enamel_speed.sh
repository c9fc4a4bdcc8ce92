#!/usr/bin/env bash
# Pace vs enam on a full ENAMEL evaluation of humaneval-canonical.json (test generation, reference timing and
# evaluation, cold caches), for Pace --jobs 1 and --jobs = cores; then eff@1 over RUNS repeated Pace runs.
# Run from the repo root: bash Benchmarks/enamel_speed.sh   (env: RUNS=3 Pace runs at --jobs = cores, ENAM_RUNS=1
# enam runs (3 for the stability comparison), SKIP_JOBS1=1 to skip Pace --jobs 1, SKIP_ENAM=1 to time Pace only,
# PACE_REF_PYTHON = a python with enam, installed into /work/venvs/ref if missing, PACE_EXTRA = extra pace flags).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${PACE_DATA_DIR:-$ROOT/../shared/data}"
WORK="$(mktemp -d /tmp/pace-bench-enamel.XXXXXX)"
RUNS="${RUNS:-3}"
PY="${PACE_REF_PYTHON:-/work/venvs/ref/bin/python}"
SAMPLES="${SAMPLES:-$DATA/enamel/humaneval-canonical.json}"

swift build -c release --package-path "$ROOT" --scratch-path "$ROOT/.build-release" >/dev/null
PACE="$ROOT/.build-release/release/pace"

run_pace() {  # $1 = jobs, $2 = name
    local start end
    start=$(date +%s.%N)
    PACE_CACHE_DIR="$WORK/cache-$2" "$PACE" evaluate --dataset "$DATA/enamel/enamel.csv" --samples "$SAMPLES" \
        --output "$WORK/out-$2" --jobs "$1" --json --quiet ${PACE_EXTRA:-} > "$WORK/summary-$2.json"
    end=$(date +%s.%N)
    python3 - "$WORK/summary-$2.json" "$(python3 -c "print($end - $start)")" "$1" "$(uptime | sed 's/.*average: //')" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(json.dumps({"tool": "pace", "jobs": int(sys.argv[3]), "wall_s": round(float(sys.argv[2]), 1),
                  "pass@1": s["metrics"]["pass@1"], "eff@1": s["metrics"]["eff@1"], "load_after": sys.argv[4]}))
PY
}

echo "== Pace, cold caches"
if [ "${SKIP_JOBS1:-0}" != "1" ]; then run_pace 1 jobs1 | tee "$WORK/pace-jobs1.json"; fi
run_pace "$(nproc)" jobsN | tee "$WORK/pace-jobsN.json"
for i in $(seq 2 "$RUNS"); do run_pace "$(nproc)" "repeat$i" | tee -a "$WORK/pace-repeats.json"; done
python3 - "$WORK" <<'PY'
import json, sys, statistics, glob
work = sys.argv[1]
runs = [json.loads(open(f).read().splitlines()[-1]) for f in [work + "/pace-jobsN.json"]]
runs += [json.loads(l) for l in open(work + "/pace-repeats.json")] if glob.glob(work + "/pace-repeats.json") else []
effs = [r["eff@1"] for r in runs]
if len(effs) > 1:
    print(f"pace eff@1 over {len(effs)} runs: mean {statistics.mean(effs):.4f}, std {statistics.pstdev(effs):.4f}")
PY

if [ "${SKIP_ENAM:-0}" = "1" ]; then exit 0; fi
if [ ! -x "$PY" ] || ! "$PY" -c "import enam" 2>/dev/null; then
    python3 -m venv /work/venvs/ref && /work/venvs/ref/bin/pip install -q evalplus enam
    PY=/work/venvs/ref/bin/python
fi
echo "== enam (single process, as its demo runs)"
for i in $(seq 1 "${ENAM_RUNS:-1}"); do
    PACE_REF_PYTHON="$PY" python3 "$ROOT/Benchmarks/enam_baseline.py" "$SAMPLES" --save_dir "$WORK/enam$i" | tail -1 | tee -a "$WORK/enam.json"
done
python3 - "$WORK" <<'PY'
import json, sys, os, statistics
work = sys.argv[1]
runs = [json.loads(line) for line in open(work + "/enam.json")]
total = runs[0].get("wall_total_s") or runs[0].get("total_s") or runs[0].get("wall_s")
for name in ("jobs1", "jobsN"):
    if not os.path.exists(f"{work}/pace-{name}.json"):
        continue
    pace = json.loads(open(f"{work}/pace-{name}.json").read().splitlines()[-1])
    print(f"pace --jobs {pace['jobs']}: {pace['wall_s']} s vs enam {total} s -> {float(total) / pace['wall_s']:.2f}x")
effs = [r.get("eff@1") for r in runs if r.get("eff@1") is not None]
if len(effs) > 1:
    print(f"enam eff@1 over {len(effs)} runs: mean {statistics.mean(effs):.4f}, std {statistics.pstdev(effs):.4f}")
PY
