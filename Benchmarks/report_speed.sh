#!/usr/bin/env bash
# Times `pace report` on a big synthetic run: 164 tasks × 100 samples (16,400 result lines) with ENAMEL-style
# per-level timings, generation cost, and a samples file with code. Budget: under 2 s and under 5 MB of HTML.
#
# Usage: Benchmarks/report_speed.sh [runs]      (default 5 timed runs; set SKIP_BUILD=1 to reuse the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/pace-report-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product pace >&2
fi
pace="$(swift build -c release --show-bin-path)/pace"

# The dataset gives the reference code shown beside the worst samples; ENAMEL's when it is beside the checkout.
dataset=$(cd .. && pwd)/shared/data/enamel/enamel.csv
[ -f "$dataset" ] || dataset=/nonexistent/enamel.csv

python3 - "$work/run" "$dataset" <<'PY'
import json, math, os, random, sys
out, dataset = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
random.seed(20260101)
tasks, per_task, hardness, alpha = 164, 100, [0, 3, 3, 4], 2.0
body = "".join(f"    total_{i} = sum(x * {i} for x in values)\n" for i in range(12))
with open(f"{out}/results.jsonl", "w") as results, open(f"{out}/samples.jsonl", "w") as samples:
    for t in range(tasks):
        task = f"HumanEval/{t}"
        base = 1e-5 * (1 + t % 9)
        refs = [base * 10 ** level for level in range(4)]
        timeout = alpha * refs[3]
        skill = random.uniform(0.8, 2.5)
        for i in range(per_task):
            cost = round(random.uniform(0.0005, 0.004), 6)
            extra = {"model": "synthetic-model", "usage": {"prompt_tokens": 180, "completion_tokens": random.randint(60, 400)},
                     "latency_s": round(random.uniform(0.4, 4.0), 3), "cost_usd": cost}
            samples.write(json.dumps({"task_id": task, "solution": f"def solve(values):\n    # task {t} sample {i}\n{body}    return sorted(values)\n", **extra}) + "\n")
            record = {"task_id": task, "sample_index": i, "origin": f"samples.jsonl:{t * per_task + i + 1}", "duration_s": 0.5, "extra": extra}
            draw = random.random()
            if draw < 0.12:
                record.update(passed=False, verdict="failed", tests_run=3, detail="wrong output: 42", failing_input="[[3,1,2]]",
                              suites={"tests": {"verdict": "failed", "tests_run": 3, "detail": "wrong output: 42"}},
                              efficiency={"score": 0, "timeout_s": timeout, "censored_level": None, "censor_reason": None, "levels": []})
            else:
                ratio = skill * math.exp(random.gauss(0, 0.4))
                censor = 2 if draw < 0.16 else None
                levels, weighted = [], 0.0
                for level, ref in enumerate(refs):
                    if censor is not None and level >= censor:
                        levels.append({"level": level, "efficiency": 0, "sample_s": None, "reference_s": None, "calibrated_reference_s": ref})
                        continue
                    paired = ref * (1 + random.gauss(0, 0.05))
                    eff = max(0.0, timeout - ratio * ref) / (timeout - ref) if hardness[level] else 0.0
                    weighted += hardness[level] * eff
                    levels.append({"level": level, "efficiency": eff, "sample_s": ratio * paired, "reference_s": paired, "calibrated_reference_s": ref})
                record.update(passed=True, verdict="passed", tests_run=20, suites={"tests": {"verdict": "passed", "tests_run": 7}},
                              efficiency={"score": weighted / sum(hardness), "timeout_s": timeout, "censored_level": censor,
                                          "censor_reason": "timeout" if censor is not None else None, "levels": levels})
            results.write(json.dumps(record) + "\n")
summary = {"metrics": {}, "complete": True, "counts": {"tasks": tasks, "samples": tasks * per_task},
           "dataset": {"name": "enamel.csv", "path": dataset, "format": "enamel", "sha256": ""},
           "samples": {"path": f"{out}/samples.jsonl"}, "config": {"k": [1, 10, 100], "alpha": alpha},
           "pace_version": "benchmark", "host": {}, "started_at": "2026-11-24T00:00:00Z", "duration_s": 0}
json.dump(summary, open(f"{out}/summary.json", "w"))
json.dump({"benchmark": True}, open(f"{out}/run.json", "w"))
PY

echo "run: $(wc -l < "$work/run/results.jsonl") result lines, $(du -h "$work/run/samples.jsonl" | cut -f1) of samples; dataset: $dataset"
times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$pace" report "$work/run" --html "$work/report.html" 2>/dev/null
  end=$(date +%s.%N)
  times+=("$(python3 -c "print(f'{$end - $start:.3f}')")")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
size=$(stat -c %s "$work/report.html")
echo "pace report: median ${median} s over $runs runs (all: ${times[*]}); HTML $(python3 -c "print(f'{$size / 1e6:.2f}')") MB"
python3 -c "import sys; sys.exit(0 if $median < 2 and $size < 5e6 else 1)" && echo "within budget (< 2 s, < 5 MB)" || { echo "OVER BUDGET (2 s, 5 MB)"; exit 1; }
