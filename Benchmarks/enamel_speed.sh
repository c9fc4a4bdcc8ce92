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

# Every timed run starts after `sync`: a cold Pace run writes ~220 MB of tests cache, and the kernel writing that back
# ~30 s later slowed the next run by ~4 s (10 %) on this machine's disk.
run_pace() {  # $1 = jobs, $2 = name
    local start end
    sync
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
# The std of eff@1 from its per-problem run-to-run variances: eff@1 is a mean over N problems, so (problems being
# measured independently) Var(eff@1) = sum of per-problem variances / N^2. Three runs give the std of three numbers
# two degrees of freedom, this estimate ~2N; it misses only drift common to all problems, which the plain std shows.
names = ["jobsN"] + [f"repeat{i}" for i in range(2, 100) if glob.glob(f"{work}/out-repeat{i}/results.jsonl")]
scores = {}
for name in names:
    for line in open(f"{work}/out-{name}/results.jsonl"):
        r = json.loads(line)
        scores.setdefault(r["task_id"], []).append((r.get("efficiency") or {}).get("score", 0.0))
if len(names) > 1:
    spv = sum(statistics.variance(v) for v in scores.values() if len(v) == len(names))
    print(f"pace eff@1 std from per-problem variances over {len(names)} runs: {spv ** 0.5 / len(scores):.4f}")
PY

if [ "${SKIP_ENAM:-0}" = "1" ]; then exit 0; fi
if [ ! -x "$PY" ] || ! "$PY" -c "import enam" 2>/dev/null; then
    python3 -m venv /work/venvs/ref && /work/venvs/ref/bin/pip install -q evalplus enam
    PY=/work/venvs/ref/bin/python
fi
echo "== enam (single process, as its demo runs)"
for i in $(seq 1 "${ENAM_RUNS:-1}"); do
    sync
    PACE_REF_PYTHON="$PY" python3 "$ROOT/Benchmarks/enam_baseline.py" "$SAMPLES" --save_dir "$WORK/enam$i" 2>/dev/null | tail -1 | tee -a "$WORK/enam.json"
done
python3 - "$WORK" <<'PY'
import glob, json, sys, os, statistics
work = sys.argv[1]
runs = [json.loads(line) for line in open(work + "/enam.json")]
total = runs[0].get("wall_total_s") or runs[0].get("total_s") or runs[0].get("wall_s")
for name in ("jobs1", "jobsN"):
    if not os.path.exists(f"{work}/pace-{name}.json"):
        continue
    pace = json.loads(open(f"{work}/pace-{name}.json").read().splitlines()[-1])
    print(f"pace --jobs {pace['jobs']}: {pace['wall_s']} s vs enam {total} s -> {float(total) / pace['wall_s']:.2f}x")
# Every --jobs N run against every enam run (the machine moves by ~5 % from run to run, and a run right after another
# was ~1 s slower here): the mean's ratio beside the first run's.
walls = [json.loads(open(f"{work}/pace-jobsN.json").read().splitlines()[-1])["wall_s"]] if os.path.exists(f"{work}/pace-jobsN.json") else []
if os.path.exists(f"{work}/pace-repeats.json"):
    walls += [json.loads(line)["wall_s"] for line in open(f"{work}/pace-repeats.json")]
enam_walls = [float(r.get("wall_total_s") or r.get("total_s") or r.get("wall_s")) for r in runs]
if len(walls) > 1 or len(enam_walls) > 1:
    print(f"pace --jobs N over {len(walls)} runs: mean {statistics.mean(walls):.1f} s (min {min(walls)}, max {max(walls)}); "
          f"enam over {len(enam_walls)}: mean {statistics.mean(enam_walls):.1f} s -> {statistics.mean(enam_walls) / statistics.mean(walls):.2f}x on the means")
effs = [r.get("eff@1") for r in runs if r.get("eff@1") is not None]
if len(effs) > 1:
    print(f"enam eff@1 over {len(effs)} runs: mean {statistics.mean(effs):.4f}, std {statistics.pstdev(effs):.4f}")
# The same per-problem estimate as for Pace, from enam's saved per-level efficiencies (hardness weights 0,3,3,4).
weights = [0, 3, 3, 4]
saved = [sorted(glob.glob(f"{work}/enam{i}/eval~*~effs.json")) for i in range(1, len(runs) + 1)]
saved = [json.load(open(files[0])) for files in saved if files]
if len(saved) > 1:
    per_problem = [[sum(w * e for w, e in zip(weights, run[k][0])) / sum(weights) for run in saved] for k in saved[0]]
    spv = sum(statistics.variance(v) for v in per_problem)
    print(f"enam eff@1 std from per-problem variances over {len(saved)} runs: {spv ** 0.5 / len(per_problem):.4f}")
PY
